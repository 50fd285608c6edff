// Rate limits for public forms (Meld een fout, a new /mijn-gegevens link), on the same atomic
// take-then-check as the login throttle (src/auth/throttle.ts).
import type { DB } from "#src/db";
import { takeAttempt, type ThrottleRule } from "./throttle";

export const REPORT_IP_RULE: ThrottleRule = { max: 5, windowSeconds: 3600 };
export const REPORT_ASSESSOR_RULE: ThrottleRule = { max: 10, windowSeconds: 3600 };
export const LINK_IP_RULE: ThrottleRule = { max: 20, windowSeconds: 3600 };
export const LINK_ADDRESS_RULE: ThrottleRule = { max: 3, windowSeconds: 3600 };

export type Quota = { ok: true } | { ok: false; retryAfter: number };

/** Takes one slot for `key` when fewer than `rule.max` were taken inside the window (atomic). */
export async function takeQuota(
  db: DB,
  key: string,
  rule: ThrottleRule,
  now: Date,
): Promise<Quota> {
  const taken = await takeAttempt(db, [{ key, rule }], now);
  return taken.ok ? { ok: true } : { ok: false, retryAfter: taken.retryAfter };
}
