// The writes of the account flows (src/auth/accounts/): schools, request decisions and invites.
// Statements are returned unexecuted where a flow composes them into one db.batch.
import { and, eq, isNull } from "drizzle-orm";
import { accountRequests, invites, schools } from "#db/schema";
import type { DB } from "#src/db";

export type RequestDecision = Partial<typeof accountRequests.$inferInsert>;

/** Decides a request only while it is pending: the returned list is empty when another admin was first. */
export function claimPendingRequest(db: DB, requestId: string, decision: RequestDecision) {
  return db
    .update(accountRequests)
    .set(decision)
    .where(and(eq(accountRequests.id, requestId), eq(accountRequests.status, "pending")))
    .returning();
}

export function insertSchoolQuery(db: DB, school: typeof schools.$inferInsert) {
  return db.insert(schools).values(school);
}

export function linkRequestToSchoolQuery(db: DB, requestId: string, schoolId: string) {
  return db.update(accountRequests).set({ schoolId }).where(eq(accountRequests.id, requestId));
}

export function insertInviteQuery(db: DB, invite: typeof invites.$inferInsert) {
  return db.insert(invites).values(invite);
}

/** Closes the open invites of one address at one school (a new invite replaces them). */
export function closeSchoolInvitesForQuery(db: DB, email: string, schoolId: string, now: Date) {
  return db
    .update(invites)
    .set({ usedAt: now.toISOString() })
    .where(
      and(
        eq(invites.kind, "invite"),
        eq(invites.email, email),
        eq(invites.schoolId, schoolId),
        isNull(invites.usedAt),
      ),
    );
}

/** Cancels an open invite of the school; the returned list is empty when there was none. */
export function cancelOpenInvite(db: DB, schoolId: string, inviteId: string, now: Date) {
  return db
    .update(invites)
    .set({ usedAt: now.toISOString() })
    .where(
      and(
        eq(invites.id, inviteId),
        eq(invites.schoolId, schoolId),
        eq(invites.kind, "invite"),
        isNull(invites.usedAt),
      ),
    )
    .returning({ email: invites.email });
}
