// Reading the audit log of one assessor: the history on the profile, and "what changed since
// version N" for a stale edit.
import { and, asc, eq } from "drizzle-orm";
import { auditLog, schools, users } from "../../db/schema";
import type { DB } from "../db";

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

export async function assessorHistory(db: DB, assessorId: string): Promise<HistoryEntry[]> {
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
  return rows.map((r) => ({ ...r, changes: parseChanges(r.changes) }));
}

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/**
 * The fields changed by writes after the caller read `version`: for each field the value the
 * caller saw and the value now. Every version bump records {version: {from, to}} in its audit row.
 */
export async function changesSince(db: DB, assessorId: string, version: number): Promise<FieldChanges> {
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
      if (field === "version" || !change || typeof change !== "object" || !("to" in change)) continue;
      const c = change as { from: unknown; to: unknown };
      if (field in result) result[field].to = c.to;
      else result[field] = { from: c.from, to: c.to };
    }
  }
  return result;
}
