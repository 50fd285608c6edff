// Reading the audit log of one assessor: the history on the profile, and "what changed since
// version N" for a stale edit.
import { and, asc, eq } from "drizzle-orm";
import { auditLog, schools, users } from "#db/schema";
import type { DB } from "#src/db";

export type HistoryEntry = {
  id: number;
  at: string;
  action: string;
  actorName: string | null;
  actorEmail: string | null;
  schoolName: string | null;
  changes: Record<string, unknown>;
};

function parseChanges(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}

/**
 * Fields whose values an erasure removes, also from the audit log (see scrubAssessorAudit). The
 * audit log's trigger (migration 0004) allows exactly these paths to become "[gewist]".
 */
const PERSONAL = new Set([
  "first_name",
  "infix",
  "last_name",
  "email",
  "phone",
  "organisation",
  "places",
  "deregistration_reason",
]);
const REDACTED = "[gewist]";

export function redactPersonalChanges(changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, change] of Object.entries(changes)) {
    if (PERSONAL.has(field) && change && typeof change === "object" && "to" in change) {
      const c = change as { from: unknown; to: unknown };
      out[field] = { from: c.from === null ? null : REDACTED, to: c.to === null ? null : REDACTED };
    } else if (
      (field === "examination" || field === "refresher_training") &&
      change &&
      typeof change === "object"
    ) {
      const c = change as {
        from: Record<string, unknown> | null;
        to: Record<string, unknown> | null;
      };
      const clean = (v: Record<string, unknown> | null) =>
        v
          ? {
              ...v,
              notes: v.notes ? REDACTED : v.notes,
              description: v.description ? REDACTED : v.description,
            }
          : v;
      out[field] = { from: clean(c.from), to: clean(c.to) };
    } else if (field === "deregistration" && change && typeof change === "object") {
      // An imported afmelding: {from: null, to: {date, reason}}.
      const c = change as { from: unknown; to: Record<string, unknown> | null };
      const clean = (v: Record<string, unknown> | null) =>
        v && typeof v === "object" && v.reason ? { ...v, reason: REDACTED } : v;
      out[field] = { from: c.from, to: clean(c.to) };
    } else out[field] = change;
  }
  return out;
}

/** The audit rows of one assessor, oldest first; personal values hidden once the assessor is erased. */
export async function assessorHistory(
  db: DB,
  assessorId: string,
  opts: { erased?: boolean } = {},
): Promise<HistoryEntry[]> {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      changes: auditLog.changes,
      actorName: users.name,
      actorEmail: users.email,
      schoolName: schools.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(schools, eq(schools.id, auditLog.schoolId))
    .where(and(eq(auditLog.entity, "assessor"), eq(auditLog.entityId, assessorId)))
    .orderBy(asc(auditLog.id));
  return rows.map((r) => {
    const changes = parseChanges(r.changes);
    return { ...r, changes: opts.erased ? redactPersonalChanges(changes) : changes };
  });
}

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/**
 * The fields changed by writes after the caller read `version`: for each field the value the
 * caller saw and the value now. Every version bump records {version: {from, to}} in its audit row.
 */
export async function changesSince(
  db: DB,
  assessorId: string,
  version: number,
): Promise<FieldChanges> {
  const rows = await db
    .select({ changes: auditLog.changes })
    .from(auditLog)
    .where(and(eq(auditLog.entity, "assessor"), eq(auditLog.entityId, assessorId)))
    .orderBy(asc(auditLog.id));
  const result: FieldChanges = {};
  for (const row of rows) {
    const changes = parseChanges(row.changes);
    const v = changes.version as { from?: number } | undefined;
    if (!v || typeof v.from !== "number" || v.from < version) continue;
    for (const [field, change] of Object.entries(changes)) {
      if (field === "version" || !change || typeof change !== "object" || !("to" in change))
        continue;
      const c = change as { from: unknown; to: unknown };
      if (field in result) result[field].to = c.to;
      else result[field] = { from: c.from, to: c.to };
    }
  }
  return result;
}
