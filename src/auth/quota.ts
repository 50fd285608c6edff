// Rate limits for public forms (Meld een fout, a new /mijn-gegevens link): the check and the count
// are one INSERT … SELECT, so parallel requests cannot all slip under the limit.
import { and, eq, lt, sql } from "drizzle-orm";
import { throttleEvents } from "#db/schema";
import type { DB } from "#src/db";
import type { ThrottleRule } from "./throttle";

export const REPORT_IP_RULE: ThrottleRule = { max: 5, windowSeconds: 3600 };
export const REPORT_ASSESSOR_RULE: ThrottleRule = { max: 10, windowSeconds: 3600 };
export const LINK_IP_RULE: ThrottleRule = { max: 20, windowSeconds: 3600 };
export const LINK_ADDRESS_RULE: ThrottleRule = { max: 3, windowSeconds: 3600 };

export type Quota = { ok: true } | { ok: false; retryAfter: number };

/**
 * Takes one slot for `key` when fewer than `rule.max` were taken inside the window. SQLite runs
 * the statement as one write transaction (libSQL and D1 alike), so the count it checks is the
 * count it adds to.
 */
export async function takeQuota(
  db: DB,
  key: string,
  rule: ThrottleRule,
  now: Date,
): Promise<Quota> {
  const at = Math.floor(now.getTime() / 1000);
  const since = at - rule.windowSeconds;
  const taken = await db.all<{ id: number }>(sql`
    INSERT INTO ${throttleEvents} (key, at)
    SELECT ${key}, ${at}
    WHERE (SELECT count(*) FROM ${throttleEvents} WHERE key = ${key} AND at > ${since}) < ${rule.max}
    RETURNING id`);
  if (taken.length === 1) {
    await db
      .delete(throttleEvents)
      .where(and(eq(throttleEvents.key, key), lt(throttleEvents.at, since)));
    return { ok: true };
  }
  const [oldest] = await db.all<{ at: number }>(sql`
    SELECT at FROM ${throttleEvents} WHERE key = ${key} AND at > ${since}
    ORDER BY at DESC LIMIT 1 OFFSET ${rule.max - 1}`);
  return { ok: false, retryAfter: Math.max(1, (oldest?.at ?? at) + rule.windowSeconds - at) };
}
