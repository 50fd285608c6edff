// The school JSON API, DESIGN §5: list, register, read, edit, link, CSV, import, AVG export and
// erasure here; logging, consent and afmelding in src/school/api-actions.ts.
import { Hono, type Context } from "hono";
import {
  noticeContext,
  notifyEmailChanged,
  notifyLinked,
  notifyRegistered,
  notifyRegisteredMany,
} from "#src/auth/assessor-notices";
import type { AppEnv } from "#src/env";
import { HttpError } from "#src/http/errors";
import { toCsv } from "#src/lib/csv";
import { updateAssessor } from "#src/queries/assessor-update";
import { audit } from "#src/queries/audit";
import { listSchoolAssessors, type ListFilter } from "#src/queries/assessor-list";
import { getAssessorRecord } from "#src/queries/assessor-record";
import { getAssessor, isLinked, linkAssessor, loadForActor } from "#src/queries/assessors";
import { createAssessor } from "#src/queries/registration";
import { commitImport, DUPLICATE_HIDDEN_MESSAGE, previewImport } from "#src/queries/import";
import { eraseAssessor, exportAssessor } from "#src/queries/privacy";
import { schoolCsvRows } from "#src/queries/school-csv";
import { consentGuard, schoolActions } from "./actions";
import { schoolContactApi } from "./contact";
import {
  actorOf,
  invalid,
  loadOr404,
  loadForWrite,
  onDate,
  schoolActorOf,
  schoolOrAdminApi,
} from "#src/routes/school/context";
import { idempotency } from "./idempotency";
import {
  createAssessorSchema,
  listQuerySchema,
  toNewAssessor,
  updateAssessorSchema,
} from "#src/rules/assessor-input";
import { fieldMessages, parseWith, readJson } from "#src/http/validation";

export const schoolApi = new Hono<AppEnv>();

const BASE = "/assessors";
// "/x/*" also matches "/x" itself in Hono, so two patterns cover every path (each runs once).
for (const path of [`${BASE}/*`, `${BASE}.csv`]) {
  schoolApi.use(path, schoolOrAdminApi);
  schoolApi.use(path, idempotency);
}

export const DUPLICATE_MESSAGE =
  "Er staat al een praktijkbeoordelaar met dit e-mailadres in het register. Koppel die beoordelaar aan uw school in plaats van een tweede registratie te maken.";

/**
 * 409 for an e-mail address already in the register. The id only goes to a caller that may see
 * that record; for one it may not (e.g. an assessor another school deregistered) the answer is
 * duplicate_hidden, without id, and points to the register office.
 */
export async function duplicate(c: Context<AppEnv>, existingId: string): Promise<never> {
  if (!(await loadForActor(c.get("db"), actorOf(c), existingId)))
    throw new HttpError(409, "duplicate_hidden", DUPLICATE_HIDDEN_MESSAGE);
  throw new HttpError(409, "duplicate", DUPLICATE_MESSAGE, undefined, { existing_id: existingId });
}

/** The list filter from the query string (API names); invalid values → 422 naming them. */
export function listFilter(c: Context<AppEnv>, defaults: Partial<ListFilter> = {}): ListFilter {
  const query = Object.fromEntries(
    Object.entries(c.req.query()).filter(([, v]) => v.trim() !== ""),
  );
  const parsed = listQuerySchema.safeParse(query);
  if (!parsed.success) {
    const fields = fieldMessages(parsed.error);
    invalid(fields, `Ongeldige parameter: ${Object.keys(fields).join(", ")}.`);
  }
  const q = parsed.data;
  const linked = q.linked === undefined ? defaults.linked : q.linked === "true";
  return {
    status: q.status,
    q: q.q || undefined,
    linked,
    on: onDate(c),
    today: c.get("today"),
    expiringDays: c.get("config").expiringDays,
    sort: q.sort ?? defaults.sort ?? (linked ? "deadline" : "name"),
    page: q.page ?? 1,
    perPage: q.per_page ?? defaults.perPage ?? 20,
  };
}

/**
 * Contact data of assessors beyond the school's own (linked=false or no narrowing) leaves the
 * register in bulk: who took how many rows is written to the audit log.
 */
async function auditContactExport(
  c: Context<AppEnv>,
  format: "json" | "csv",
  filter: ListFilter,
  rows: number,
) {
  if (filter.linked === true) return;
  const actor = actorOf(c);
  await audit(c.get("db"), {
    actorUserId: actor.userId,
    schoolId: actor.schoolId,
    action: "export_contacts",
    entity: "assessor_list",
    entityId: null,
    changes: {
      format,
      rows,
      linked: filter.linked ?? null,
      status: filter.status ?? null,
      q: filter.q ?? null,
      page: format === "json" ? filter.page : null,
    },
    requestId: actor.requestId,
  });
}

async function recordResponse(c: Context<AppEnv>, id: string, status: 200 | 201 = 200) {
  const db = c.get("db");
  const assessor = (await getAssessor(db, id))!;
  const linked = await isLinked(db, id, actorOf(c).schoolId);
  const record = await getAssessorRecord(db, assessor, {
    linked,
    on: onDate(c),
    expiringDays: c.get("config").expiringDays,
  });
  return c.json(record, status);
}

schoolApi.get(BASE, async (c) => {
  const filter = listFilter(c);
  const { items, total } = await listSchoolAssessors(c.get("db"), actorOf(c), filter);
  await auditContactExport(c, "json", filter, items.length);
  return c.json({ items, total, page: filter.page, per_page: filter.perPage });
});

schoolApi.get(`${BASE}.csv`, async (c) => {
  const filter = listFilter(c, { linked: true, sort: "deadline" });
  const { header, rows } = await schoolCsvRows(c.get("db"), actorOf(c), filter);
  await auditContactExport(c, "csv", filter, rows.length);
  c.header("Content-Type", "text/csv; charset=utf-8");
  c.header("Content-Disposition", `attachment; filename="beoordelaars-${c.get("today")}.csv"`);
  return c.body(toCsv(header, rows));
});

/** CSV as the raw body (text/csv) or as the `file` field of a multipart form. */
async function csvText(c: Context<AppEnv>): Promise<string> {
  const type = c.req.header("content-type") ?? "";
  if (
    type.startsWith("multipart/form-data") ||
    type.startsWith("application/x-www-form-urlencoded")
  ) {
    const form = await c.req.parseBody();
    const file = form.file ?? form.csv;
    if (file instanceof File) return file.text();
    if (typeof file === "string") return file;
    invalid({ file: "Kies een CSV-bestand." });
  }
  return c.req.text();
}

schoolApi.post(`${BASE}/import`, async (c) => {
  const actor = schoolActorOf(c);
  const db = c.get("db");
  const validOnly = c.req.query("valid_only") === "true";
  const preview = await previewImport(db, await csvText(c), c.get("today"), actor);
  if (preview.fileErrors.length)
    invalid({ file: preview.fileErrors.join(" ") }, preview.fileErrors.join(" "));
  const invalidRows = preview.rows.filter((r) => r.status !== "ok").length;
  const summary = { total: preview.rows.length, valid: preview.valid.length, invalid: invalidRows };
  if (invalidRows > 0 && !validOnly) {
    return c.json(
      {
        error: {
          code: "import_invalid",
          message: `${invalidRows} van de ${preview.rows.length} rijen bevatten fouten; er is niets opgeslagen. Verbeter het bestand, of importeer alleen de geldige rijen met ?valid_only=true.`,
        },
        created: 0,
        ...summary,
        rows: preview.rows,
      },
      422,
    );
  }
  const ids = await commitImport(db, actor, preview.valid);
  await notifyRegisteredMany(db, noticeContext(c), ids.values(), actor.schoolId);
  const rows = preview.rows.map((r) =>
    ids.has(r.row) ? { ...r, status: "created" as const, id: ids.get(r.row) } : r,
  );
  return c.json({ created: ids.size, ...summary, rows }, ids.size > 0 ? 201 : 200);
});

schoolApi.post(BASE, async (c) => {
  const actor = schoolActorOf(c);
  const parsed = parseWith(createAssessorSchema(c.get("today")), await readJson(c));
  if (!parsed.ok) invalid(parsed.fields);
  const result = await createAssessor(c.get("db"), actor, toNewAssessor(parsed.data));
  if (!result.ok && "duplicateId" in result) return duplicate(c, result.duplicateId);
  if (!result.ok) invalid(result.fields);
  await notifyRegistered(c.get("db"), noticeContext(c), result.id, actor.schoolId);
  return recordResponse(c, result.id, 201);
});

schoolApi.get(`${BASE}/:id`, async (c) => {
  await loadOr404(c, c.req.param("id"));
  return recordResponse(c, c.req.param("id"));
});

schoolApi.patch(`${BASE}/:id`, async (c) => {
  const { assessor, actor } = await loadForWrite(c, c.req.param("id"), "edit_personal");
  const parsed = parseWith(updateAssessorSchema(c.get("today")), await readJson(c));
  if (!parsed.ok) invalid(parsed.fields);
  const result = await consentGuard(() =>
    updateAssessor(c.get("db"), actor, assessor, parsed.data),
  );
  if (!result.ok && "conflict" in result) {
    throw new HttpError(
      409,
      "version_conflict",
      "Deze gegevens zijn intussen door iemand anders gewijzigd. Lees ze opnieuw en voer uw wijziging daarna nog eens door.",
      undefined,
      { current_version: result.conflict.currentVersion, changes: result.conflict.changes },
    );
  }
  if (!result.ok && "duplicateId" in result) return duplicate(c, result.duplicateId);
  if (!result.ok) invalid(result.fields);
  if (result.changed && result.assessor.emailNorm !== assessor.emailNorm)
    await notifyEmailChanged(
      c.get("db"),
      noticeContext(c),
      assessor.id,
      // The register admin has no school: the mail names the registering school as the contact.
      actor.schoolId ?? assessor.registeringSchoolId,
      assessor.email,
    );
  return recordResponse(c, assessor.id);
});

schoolApi.post(`${BASE}/:id/link`, async (c) => {
  const { assessor } = await loadForWrite(c, c.req.param("id"), "link");
  const actor = schoolActorOf(c);
  if (await linkAssessor(c.get("db"), actor, assessor.id))
    await notifyLinked(c.get("db"), noticeContext(c), assessor.id, actor.schoolId);
  return recordResponse(c, assessor.id);
});

schoolApi.get(`${BASE}/:id/export`, async (c) => {
  const { assessor, linked } = await loadOr404(c, c.req.param("id"));
  const data = await exportAssessor(c.get("db"), assessor, {
    linked,
    on: onDate(c),
    expiringDays: c.get("config").expiringDays,
    now: c.get("now"),
  });
  if (c.req.query("download") === "1")
    c.header("Content-Disposition", `attachment; filename="inzage-${assessor.id}.json"`);
  return c.json(data);
});

schoolApi.post(`${BASE}/:id/erasure`, async (c) => {
  const { assessor, actor } = await loadForWrite(c, c.req.param("id"), "erase");
  await eraseAssessor(c.get("db"), actor, assessor.id, c.get("now").toISOString());
  return recordResponse(c, assessor.id);
});

schoolApi.route("/", schoolActions);
// The school's public contact (/profile) and its Meld een fout reports (/reports).
schoolApi.route("/", schoolContactApi);
