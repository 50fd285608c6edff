// Idempotency-Key storage for API POSTs, scoped per school: the first response is kept and
// replayed for the same key and body. A row with status 0 is a request still being handled.
import { and, eq, lt, sql } from "drizzle-orm";
import { idempotencyKeys } from "#db/schema";
import type { DB } from "#src/db";

/** Keys are kept at least this long (DESIGN §5: at least 24 hours). */
export const IDEMPOTENCY_KEEP_HOURS = 48;
/** A claim older than this belongs to a request that died; another may take it over. */
const STALE_CLAIM_MS = 60_000;

export type Claim =
  | { kind: "new" }
  | { kind: "replay"; status: number; body: string }
  | { kind: "mismatch" }
  | { kind: "in_progress" };

export async function claimIdempotencyKey(
  db: DB,
  scope: string,
  key: string,
  requestHash: string,
  now: Date,
): Promise<Claim> {
  const inserted = await db
    .insert(idempotencyKeys)
    .values({
      schoolId: scope,
      key,
      requestHash,
      status: 0,
      body: "",
      createdAt: now.toISOString(),
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length) return { kind: "new" };
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.schoolId, scope), eq(idempotencyKeys.key, key)));
  if (!row) return claimIdempotencyKey(db, scope, key, requestHash, now);
  if (row.requestHash !== requestHash) return { kind: "mismatch" };
  if (row.status !== 0) return { kind: "replay", status: row.status, body: row.body };
  if (now.getTime() - Date.parse(row.createdAt) > STALE_CLAIM_MS) {
    const taken = await db
      .update(idempotencyKeys)
      .set({ createdAt: now.toISOString() })
      .where(
        and(
          eq(idempotencyKeys.schoolId, scope),
          eq(idempotencyKeys.key, key),
          eq(idempotencyKeys.status, 0),
          eq(idempotencyKeys.createdAt, row.createdAt),
        ),
      )
      .returning({ key: idempotencyKeys.key });
    if (taken.length) return { kind: "new" };
  }
  return { kind: "in_progress" };
}

export async function completeIdempotencyKey(
  db: DB,
  scope: string,
  key: string,
  status: number,
  body: string,
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ status, body })
    .where(and(eq(idempotencyKeys.schoolId, scope), eq(idempotencyKeys.key, key)));
}

/** The request failed on our side: forget the claim so a retry runs again. */
export async function releaseIdempotencyKey(db: DB, scope: string, key: string): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.schoolId, scope),
        eq(idempotencyKeys.key, key),
        eq(idempotencyKeys.status, 0),
      ),
    );
}

/** Removes keys older than IDEMPOTENCY_KEEP_HOURS (run by the daily jobs). */
export async function purgeIdempotencyKeys(db: DB, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_KEEP_HOURS * 3600_000).toISOString();
  const result = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff));
  return Number((result as { rowsAffected?: number }).rowsAffected ?? 0);
}

export async function countIdempotencyKeys(db: DB): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(idempotencyKeys);
  return row.n;
}
