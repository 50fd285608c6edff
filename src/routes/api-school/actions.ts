// School API actions on one assessor (DESIGN §5): examinations, refresher trainings, consent,
// afmelding and its undo. Mounted into schoolApi (src/routes/api-school.ts), behind its guards.
import { Hono, type Context } from "hono";
import type { AppEnv } from "#src/env";
import { HttpError } from "#src/http/errors";
import { deregister, setConsent, undoDeregistration } from "#src/queries/assessor-changes";
import { getAssessorRecord } from "#src/queries/assessor-record";
import {
  CONSENT_WITHDRAWN_BY_ASSESSOR_MESSAGE,
  ConsentWithdrawnByAssessor,
} from "#src/queries/consent-precedence";
import { getAssessor } from "#src/queries/assessors";
import {
  addExamination,
  addRefresherTraining,
  assessorCreboCodes,
  deleteExamination,
  deleteRefresherTraining,
  type DeleteResult,
} from "#src/queries/logs";
import { invalid, loadForLog, loadForWrite, onDate } from "#src/routes/school/context";
import {
  consentSchema,
  deregistrationSchema,
  examinationSchema,
  refresherSchema,
} from "#src/rules/assessor-input";
import { parseWith, readJson } from "#src/http/validation";

export const schoolActions = new Hono<AppEnv>();

/** A school giving consent the assessor withdrew themselves → 409 consent_withdrawn_by_assessor. */
export async function consentGuard<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof ConsentWithdrawnByAssessor)
      throw new HttpError(
        409,
        "consent_withdrawn_by_assessor",
        CONSENT_WITHDRAWN_BY_ASSESSOR_MESSAGE,
      );
    throw err;
  }
}

const BASE = "/assessors/:id";

export const CREBO_NOT_OF_ASSESSOR =
  "Kies een crebo van deze beoordelaar; voeg de crebo anders eerst toe bij de gegevens.";

schoolActions.post(`${BASE}/examinations`, async (c) => {
  const { assessor, actor } = await loadForLog(c, c.req.param("id"));
  const db = c.get("db");
  const parsed = parseWith(
    examinationSchema(c.get("today"), assessor.initialTrainingDate),
    await readJson(c),
  );
  if (!parsed.ok) invalid(parsed.fields);
  if (!(await assessorCreboCodes(db, assessor.id)).includes(parsed.data.crebo))
    invalid({ crebo: CREBO_NOT_OF_ASSESSOR });
  const row = await addExamination(db, actor, assessor.id, parsed.data);
  return c.json(
    {
      id: row.id,
      assessor_id: assessor.id,
      date: row.date,
      crebo: row.creboCode,
      notes: row.notes,
      school_id: row.schoolId,
      created_at: row.createdAt,
    },
    201,
  );
});

schoolActions.post(`${BASE}/refresher-trainings`, async (c) => {
  const { assessor, actor } = await loadForLog(c, c.req.param("id"));
  const parsed = parseWith(
    refresherSchema(c.get("today"), assessor.initialTrainingDate),
    await readJson(c),
  );
  if (!parsed.ok) invalid(parsed.fields);
  const row = await addRefresherTraining(c.get("db"), actor, assessor.id, parsed.data);
  return c.json(
    {
      id: row.id,
      assessor_id: assessor.id,
      date: row.date,
      kind: row.kind,
      description: row.description,
      provider: row.provider,
      school_id: row.schoolId,
      created_at: row.createdAt,
    },
    201,
  );
});

function deleted(result: DeleteResult, what: string): void {
  if (result === "not_found")
    throw new HttpError(404, "not_found", `Deze ${what} bestaat niet (meer).`);
  if (result === "forbidden")
    throw new HttpError(
      403,
      "forbidden",
      `Alleen de school die deze ${what} heeft geregistreerd, kan die verwijderen.`,
    );
}

schoolActions.delete(`${BASE}/examinations/:eid`, async (c) => {
  const { assessor, actor } = await loadForLog(c, c.req.param("id"));
  deleted(
    await deleteExamination(c.get("db"), actor, assessor.id, c.req.param("eid")),
    "examenregistratie",
  );
  return c.body(null, 204);
});

schoolActions.delete(`${BASE}/refresher-trainings/:rid`, async (c) => {
  const { assessor, actor } = await loadForLog(c, c.req.param("id"));
  deleted(
    await deleteRefresherTraining(c.get("db"), actor, assessor.id, c.req.param("rid")),
    "bijscholing",
  );
  return c.body(null, 204);
});

async function record(c: Context<AppEnv>, id: string) {
  const db = c.get("db");
  const assessor = (await getAssessor(db, id))!;
  return getAssessorRecord(db, assessor, {
    linked: true,
    on: onDate(c),
    expiringDays: c.get("config").expiringDays,
  });
}

schoolActions.post(`${BASE}/consent`, async (c) => {
  const { assessor, actor } = await loadForWrite(c, c.req.param("id"), "consent");
  const parsed = parseWith(consentSchema, await readJson(c));
  if (!parsed.ok) invalid(parsed.fields);
  await consentGuard(() => setConsent(c.get("db"), actor, assessor.id, parsed.data.public_consent));
  return c.json(await record(c, assessor.id));
});

schoolActions.post(`${BASE}/deregistration`, async (c) => {
  const { assessor, actor } = await loadForWrite(c, c.req.param("id"), "deregister");
  const parsed = parseWith(
    deregistrationSchema(c.get("today"), assessor.initialTrainingDate),
    await readJson(c),
  );
  if (!parsed.ok) invalid(parsed.fields);
  await deregister(c.get("db"), actor, assessor.id, parsed.data);
  return c.json(await record(c, assessor.id));
});

/** Undo an afmelding: the school that registered the assessor, or the register admin. */
schoolActions.delete(`${BASE}/deregistration`, async (c) => {
  const { assessor, actor } = await loadForWrite(c, c.req.param("id"), "undo_deregistration");
  await undoDeregistration(c.get("db"), actor, assessor.id);
  return c.json(await record(c, assessor.id));
});
