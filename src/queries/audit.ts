// The append-only audit log: one row per write (who, school, when, what, before/after).
// Nothing in the code base updates or deletes rows of audit_log.
import { and, count, desc, eq } from "drizzle-orm";
import { auditLog, schools, users } from "../../db/schema";
import type { DB } from "../db";

export type AuditInput = {
  actorUserId: string | null;
  schoolId: string | null;
  /** e.g. "approve", "refuse", "suspend", "invite", "remove", "create", "revoke", "update". */
  action: string;
  /** e.g. "account_request", "school", "user", "api_token", "crebo", "assessor". */
  entity: string;
  entityId: string | null;
  /** Changed fields, usually {field: {from, to}} or the values written; never secrets. */
  changes?: Record<string, unknown>;
  requestId?: string | null;
};

/** The insert as an unexecuted query, to put in db.batch([...]) next to the write it records. */
export function auditEntry(db: DB, entry: AuditInput) {
  return db.insert(auditLog).values({
    actorUserId: entry.actorUserId,
    schoolId: entry.schoolId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    changes: JSON.stringify(entry.changes ?? {}),
    requestId: entry.requestId ?? null,
  });
}

/** Writes one audit row on its own. */
export async function audit(db: DB, entry: AuditInput): Promise<void> {
  await auditEntry(db, entry);
}

export type AuditFilter = {
  schoolId?: string;
  entity?: string;
  entityId?: string;
  page?: number;
  perPage?: number;
};

/** One page of the audit log, newest first, with the actor's email and the school's name. */
export async function listAudit(db: DB, filter: AuditFilter) {
  const perPage = filter.perPage ?? 50;
  const page = Math.max(1, filter.page ?? 1);
  const conditions = [];
  if (filter.schoolId) conditions.push(eq(auditLog.schoolId, filter.schoolId));
  if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  const where = conditions.length ? and(...conditions) : undefined;
  const [[{ total }], items] = await db.batch([
    db.select({ total: count() }).from(auditLog).where(where),
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        changes: auditLog.changes,
        requestId: auditLog.requestId,
        schoolId: auditLog.schoolId,
        schoolName: schools.name,
        actorEmail: users.email,
        actorName: users.name,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .leftJoin(schools, eq(schools.id, auditLog.schoolId))
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
  ]);
  return { items, total, page, perPage };
}

/** The entity kinds that occur in the log, for the filter. */
export async function auditEntities(db: DB): Promise<string[]> {
  const rows = await db
    .selectDistinct({ entity: auditLog.entity })
    .from(auditLog)
    .orderBy(auditLog.entity);
  return rows.map((r) => r.entity);
}
