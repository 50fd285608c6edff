// The append-only audit log: one row per write (who, school, when, what, before/after).
// Nothing in the code base updates or deletes rows of audit_log.
import { auditLog } from "../../db/schema";
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
