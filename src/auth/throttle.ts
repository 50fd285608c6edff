// Login throttling kept in the database (works across processes and on Workers): failed attempts
// are counted per account and per client IP over a sliding window.
import type { Context } from "hono";
import { and, count, eq, gte, lt, min } from "drizzle-orm";
import { throttleEvents } from "../../db/schema";
import type { DB } from "../db";

export const MAX_FAILURES = 5;
export const WINDOW_SECONDS = 15 * 60;

export type ThrottleRule = { max: number; windowSeconds: number };
export const LOGIN_RULE: ThrottleRule = { max: MAX_FAILURES, windowSeconds: WINDOW_SECONDS };

export function accountKey(email: string): string {
  return `login:account:${email.trim().toLowerCase()}`;
}

export function ipKey(ip: string): string {
  return `login:ip:${ip}`;
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

/**
 * Seconds until another attempt is allowed when any key has reached its limit inside the
 * window, else 0.
 */
export async function retryAfterSeconds(
  db: DB,
  keys: readonly string[],
  now: Date,
  rule: ThrottleRule = LOGIN_RULE,
): Promise<number> {
  const since = seconds(now) - rule.windowSeconds;
  let wait = 0;
  for (const key of keys) {
    const [row] = await db
      .select({ n: count(), oldest: min(throttleEvents.at) })
      .from(throttleEvents)
      .where(and(eq(throttleEvents.key, key), gte(throttleEvents.at, since)));
    if (row && row.n >= rule.max) {
      // Allowed again once enough failures have left the window; the oldest leaving is the
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

/** Records one failure for each key and drops that key's events that fell out of the window. */
export async function recordFailure(
  db: DB,
  keys: readonly string[],
  now: Date,
  rule: ThrottleRule = LOGIN_RULE,
): Promise<void> {
  const at = seconds(now);
  await db.batch([
    db.insert(throttleEvents).values(keys.map((key) => ({ key, at }))),
    ...keys.map((key) =>
      db
        .delete(throttleEvents)
        .where(and(eq(throttleEvents.key, key), lt(throttleEvents.at, at - rule.windowSeconds))),
    ),
  ]);
}

/** After a successful login the account's failures are forgotten (the IP's are kept). */
export async function clearFailures(db: DB, key: string): Promise<void> {
  await db.delete(throttleEvents).where(eq(throttleEvents.key, key));
}
