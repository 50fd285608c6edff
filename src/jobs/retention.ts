// Retention (AVG): personal data of deregistered assessors is erased once the afmelding is older
// than config.retentionDays. Also drops Idempotency-Keys past their keeping time.
import type { Config } from "#src/config";
import type { DB } from "#src/db";
import { purgeIdempotencyKeys } from "#src/queries/idempotency";
import { eraseAssessor, expiredDeregistrations } from "#src/queries/privacy";
import { addDays } from "#src/rules";
import type { Actor } from "#src/rules/access";

const RETENTION_ACTOR: Actor = {
  userId: null,
  schoolId: null,
  isAdmin: false,
  requestId: "retention",
};

/** Erases every assessor deregistered before today − retentionDays; returns how many. */
export async function eraseExpiredDeregistrations(
  db: DB,
  config: Config,
  today: string,
): Promise<number> {
  const cutoff = addDays(today, -config.retentionDays);
  const due = await expiredDeregistrations(db, cutoff);
  const erasedAt = `${today}T00:00:00.000Z`;
  for (const a of due) await eraseAssessor(db, RETENTION_ACTOR, a.id, erasedAt, "retention");
  await purgeIdempotencyKeys(db, new Date(`${today}T00:00:00Z`));
  return due.length;
}
