// Throttling kept in the database (works across processes and on Workers): attempts are counted
// per key (account, client IP, target address) over a sliding window. Taking an attempt and
// checking the limit is ONE statement, so parallel requests cannot all slip under the limit.
import type { Context } from "hono";
import { and, count, eq, gte, inArray, lt, min, sql } from "drizzle-orm";
import { throttleEvents } from "#db/schema";
import type { DB } from "#src/db";

export const MAX_FAILURES = 5;
export const WINDOW_SECONDS = 15 * 60;

export type ThrottleRule = { max: number; windowSeconds: number };
export const LOGIN_RULE: ThrottleRule = { max: MAX_FAILURES, windowSeconds: WINDOW_SECONDS };
/** Mail-sending forms (/aanvragen, /wachtwoord-vergeten): per target address and per client IP. */
export const MAIL_ADDRESS_RULE: ThrottleRule = { max: 5, windowSeconds: 60 * 60 };
export const MAIL_IP_RULE: ThrottleRule = { max: 10, windowSeconds: 60 * 60 };
/** Rows older than the longest window are useless and hold typed e-mail addresses: purged. */
export const LONGEST_WINDOW_SECONDS = Math.max(
  LOGIN_RULE.windowSeconds,
  MAIL_ADDRESS_RULE.windowSeconds,
  MAIL_IP_RULE.windowSeconds,
);

export function accountKey(email: string): string {
  return `login:account:${email.trim().toLowerCase()}`;
}

export function ipKey(ip: string, scope = "login"): string {
  return `${scope}:ip:${ipBucket(ip)}`;
}

/**
 * The unit an address is counted in: an IPv4 address as is, an IPv6 address by its /64 (one
 * subscriber usually holds a whole /64, so counting single addresses would be no limit at all).
 * IPv4-mapped IPv6 (::ffff:1.2.3.4) counts as the IPv4 address.
 */
export function ipBucket(ip: string): string {
  const value = ip
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/%.*$/, "");
  if (!value.includes(":")) return value;
  const mapped = /^(?:0{0,4}:){0,5}(?::|0{0,4}:)?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (mapped) return mapped[1];
  const hextets = expandIpv6(value);
  if (!hextets) return value;
  return `${hextets.slice(0, 4).join(":")}::/64`;
}

function expandIpv6(value: string): string[] | null {
  let text = value;
  // A trailing embedded IPv4 (…:1.2.3.4) is two hextets.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!all.every((h) => /^[0-9a-f]{1,4}$/.test(h))) return null;
  return all.map((h) => parseInt(h, 16).toString(16));
}

/**
 * The client address. Behind a reverse proxy (TRUST_PROXY=1) it is the last X-Forwarded-For entry,
 * the one the proxy itself added; otherwise, on Node, the socket's address (headers are not
 * trusted there); on Workers Cloudflare sets CF-Connecting-IP itself. Without any, "unknown".
 */
export function clientIp(c: Context): string {
  const config = c.get("config") as { trustProxy?: boolean } | undefined;
  const forwarded = config?.trustProxy ? c.req.header("x-forwarded-for") : undefined;
  if (forwarded) {
    const last = forwarded.split(",").at(-1)?.trim();
    if (last) return last.slice(0, 64);
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const remote = env?.incoming?.socket?.remoteAddress;
  if (remote) return remote;
  return c.req.header("cf-connecting-ip")?.slice(0, 64) || "unknown";
}

const seconds = (now: Date) => Math.floor(now.getTime() / 1000);

export type Limit = { key: string; rule: ThrottleRule };

/** An attempt that was let through: its rows, to be dropped again if the attempt succeeds. */
export type Taken = { ok: true; ids: number[] } | { ok: false; retryAfter: number };

/**
 * Takes one attempt on every key at once, or on none: a single INSERT … SELECT whose WHERE counts
 * each key's attempts inside its window. SQLite runs a write statement under the write lock from
 * its first step, so of 30 parallel attempts exactly `max` are let through. A refused attempt is
 * not recorded (hammering does not push the end of the window further out).
 */
export async function takeAttempt(db: DB, limits: readonly Limit[], now: Date): Promise<Taken> {
  const at = seconds(now);
  const values = sql.join(
    limits.map((l) => sql`(${l.key})`),
    sql`, `,
  );
  const conditions = sql.join(
    limits.map(
      (l) =>
        sql`(SELECT count(*) FROM throttle_events WHERE key = ${l.key} AND at >= ${at - l.rule.windowSeconds}) < ${l.rule.max}`,
    ),
    sql` AND `,
  );
  const rows = await db.all<{ id: number }>(
    sql`INSERT INTO throttle_events (key, at) SELECT k.column1, ${at} FROM (VALUES ${values}) AS k WHERE ${conditions} RETURNING id`,
  );
  if (rows.length > 0) return { ok: true, ids: rows.map((r) => Number(r.id)) };
  return { ok: false, retryAfter: Math.max(1, await retryAfterSeconds(db, limits, now)) };
}

/** The attempt turned out fine (a correct password): it does not count. */
export async function giveBack(db: DB, taken: Taken): Promise<void> {
  if (taken.ok && taken.ids.length)
    await db.delete(throttleEvents).where(inArray(throttleEvents.id, taken.ids));
}

/** Seconds until another attempt is allowed when any key has reached its limit, else 0. */
export async function retryAfterSeconds(
  db: DB,
  limits: readonly Limit[],
  now: Date,
): Promise<number> {
  let wait = 0;
  for (const { key, rule } of limits) {
    const since = seconds(now) - rule.windowSeconds;
    const [row] = await db
      .select({ n: count(), oldest: min(throttleEvents.at) })
      .from(throttleEvents)
      .where(and(eq(throttleEvents.key, key), gte(throttleEvents.at, since)));
    if (row && row.n >= rule.max) {
      // Allowed again once enough attempts have left the window; the oldest leaving is the
      // earliest moment the count can drop below the limit.
      const [nth] = await db
        .select({ at: throttleEvents.at })
        .from(throttleEvents)
        .where(and(eq(throttleEvents.key, key), gte(throttleEvents.at, since)))
        .orderBy(throttleEvents.at)
        .limit(1)
        .offset(row.n - rule.max);
      const at = nth?.at ?? row.oldest ?? seconds(now);
      wait = Math.max(wait, at + rule.windowSeconds - seconds(now), 1);
    }
  }
  return wait;
}

/** After a successful login the account's failures are forgotten (the IP's are kept). */
export async function clearFailures(db: DB, key: string): Promise<void> {
  await db.delete(throttleEvents).where(eq(throttleEvents.key, key));
}

/** Drops every row older than the longest window (daily job). Returns how many went. */
export async function purgeThrottleEvents(db: DB, now: Date): Promise<number> {
  const result = await db
    .delete(throttleEvents)
    .where(lt(throttleEvents.at, seconds(now) - LONGEST_WINDOW_SECONDS));
  return Number((result as { rowsAffected?: number }).rowsAffected ?? 0);
}
