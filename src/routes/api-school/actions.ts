// School API actions on one assessor (DESIGN §5): examinations, refresher trainings, consent,
// afmelding and its undo. Mounted into schoolApi (index.ts), behind its guards; declared in
// routes.ts, where the middleware of load.ts decides who may do which write (404/403).
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
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
import { invalid, onDate } from "#src/routes/school/context";
import {
  deregistrationSchema,
  examinationSchema,
  refresherSchema,
} from "#src/rules/assessor-input";
import { schoolValidation } from "#src/http/openapi";
import { datedBody } from "./dated";
import {
  consentRoute,
  deleteExaminationRoute,
  deleteRefresherRoute,
  deregisterRoute,
  examinationRoute,
  refresherRoute,
  undoDeregistrationRoute,
} from "./routes";
import { logTarget, writeTarget } from "./load";

export const schoolActions = new OpenAPIHono<AppEnv>({ defaultHook: schoolValidation() });

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

export const CREBO_NOT_OF_ASSESSOR =
  "Kies een crebo van deze beoordelaar; voeg de crebo anders eerst toe bij de gegevens.";

schoolActions.openapi(examinationRoute, async (c) => {
  const { assessor, actor } = logTarget(c);
  const db = c.get("db");
  const body = await datedBody(c, examinationSchema(c.get("today"), assessor.initialTrainingDate));
  if (!(await assessorCreboCodes(db, assessor.id)).includes(body.crebo))
    invalid({ crebo: CREBO_NOT_OF_ASSESSOR });
  const row = await addExamination(db, actor, assessor.id, body);
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

schoolActions.openapi(refresherRoute, async (c) => {
  const { assessor, actor } = logTarget(c);
  const body = await datedBody(c, refresherSchema(c.get("today"), assessor.initialTrainingDate));
  const row = await addRefresherTraining(c.get("db"), actor, assessor.id, body);
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

schoolActions.openapi(deleteExaminationRoute, async (c) => {
  const { assessor, actor } = logTarget(c);
  deleted(
    await deleteExamination(c.get("db"), actor, assessor.id, c.req.valid("param").eid),
    "examenregistratie",
  );
  return c.body(null, 204);
});

schoolActions.openapi(deleteRefresherRoute, async (c) => {
  const { assessor, actor } = logTarget(c);
  deleted(
    await deleteRefresherTraining(c.get("db"), actor, assessor.id, c.req.valid("param").rid),
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

schoolActions.openapi(consentRoute, async (c) => {
  const { assessor, actor } = writeTarget(c);
  const consent = c.req.valid("json").public_consent;
  await consentGuard(() => setConsent(c.get("db"), actor, assessor.id, consent));
  return c.json(await record(c, assessor.id), 200);
});

schoolActions.openapi(deregisterRoute, async (c) => {
  const { assessor, actor } = writeTarget(c);
  const body = await datedBody(
    c,
    deregistrationSchema(c.get("today"), assessor.initialTrainingDate),
  );
  await deregister(c.get("db"), actor, assessor.id, body);
  return c.json(await record(c, assessor.id), 200);
});

/** Undo an afmelding: the school that registered the assessor, or the register admin. */
schoolActions.openapi(undoDeregistrationRoute, async (c) => {
  const { assessor, actor } = writeTarget(c);
  await undoDeregistration(c.get("db"), actor, assessor.id);
  return c.json(await record(c, assessor.id), 200);
});
