// The append-only audit log: one row per write (who, school, when, what, before/after).
// Nothing in the code base updates or deletes rows of audit_log.
import { and, count, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  accountRequests,
  apiTokens,
  assessors,
  auditLog,
  crebos,
  schools,
  users,
} from "#db/schema";
import type { DB } from "#src/db";

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

const entitySchool = alias(schools, "entity_school");
const entityUser = alias(users, "entity_user");

/**
 * The name of what a row is about (an assessor's or school's name, a user's e-mail, a crebo),
 * read from the record as it is now: an erased assessor shows as erased, not as before.
 */
const entityName = sql<string | null>`CASE ${auditLog.entity}
    WHEN 'assessor' THEN trim(${assessors.firstName} || ' ' || ${assessors.infix} || ' ' || ${assessors.lastName})
    WHEN 'school' THEN ${entitySchool.name}
    WHEN 'user' THEN ${entityUser.email}
    WHEN 'crebo' THEN ${crebos.code} || ' ' || ${crebos.name}
    WHEN 'api_token' THEN ${apiTokens.name}
    WHEN 'account_request' THEN ${accountRequests.schoolName}
  END`;

/** One page of the audit log, newest first, with the actor's email, the school's name and the name of what changed. */
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
        entityName,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .leftJoin(schools, eq(schools.id, auditLog.schoolId))
      // Each join matches only rows of its own entity kind, so at most one of them hits.
      .leftJoin(
        assessors,
        and(eq(auditLog.entity, "assessor"), eq(assessors.id, auditLog.entityId)),
      )
      .leftJoin(
        entitySchool,
        and(eq(auditLog.entity, "school"), eq(entitySchool.id, auditLog.entityId)),
      )
      .leftJoin(entityUser, and(eq(auditLog.entity, "user"), eq(entityUser.id, auditLog.entityId)))
      .leftJoin(crebos, and(eq(auditLog.entity, "crebo"), eq(crebos.code, auditLog.entityId)))
      .leftJoin(
        apiTokens,
        and(eq(auditLog.entity, "api_token"), eq(apiTokens.id, auditLog.entityId)),
      )
      .leftJoin(
        accountRequests,
        and(eq(auditLog.entity, "account_request"), eq(accountRequests.id, auditLog.entityId)),
      )
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
