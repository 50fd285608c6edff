// Browser sessions. The only module that knows lucia: swap it here without touching routes.
// The cookie carries a random token; the database stores its SHA-256 as the session id.
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { eq, lt } from "drizzle-orm";
import { Lucia, TimeSpan } from "lucia";
import { sessions, users } from "#db/schema";
import type { DB } from "#src/db";
import { newToken, sha256Hex } from "#src/lib/ids";

export const IDLE_TIMEOUT_HOURS = 8;
export const ABSOLUTE_TIMEOUT_SECONDS = 30 * 24 * 3600;

export type SessionCookieOptions = { secure: boolean };

export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-session" : "session";
}

function makeLucia(db: DB, secure: boolean) {
  return new Lucia(new DrizzleSQLiteAdapter(db, sessions, users), {
    sessionExpiresIn: new TimeSpan(IDLE_TIMEOUT_HOURS, "h"),
    sessionCookie: {
      name: sessionCookieName(secure),
      expires: false,
      attributes: { secure, sameSite: "lax", path: "/" },
    },
    getSessionAttributes: (attributes) => ({ createdAt: attributes.createdAt }),
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof makeLucia>;
    DatabaseSessionAttributes: { createdAt: number };
  }
}

const instances = new WeakMap<DB, Map<boolean, ReturnType<typeof makeLucia>>>();
function lucia(db: DB, secure: boolean) {
  let perDb = instances.get(db);
  if (!perDb) {
    perDb = new Map();
    instances.set(db, perDb);
  }
  let instance = perDb.get(secure);
  if (!instance) {
    instance = makeLucia(db, secure);
    perDb.set(secure, instance);
  }
  return instance;
}

export type SessionCheck =
  | { ok: true; userId: string; sessionId: string; refreshCookie: string | null }
  | { ok: false; clearCookie: string };

/** Starts a session and returns the Set-Cookie header value. */
export async function createSession(
  db: DB,
  userId: string,
  opts: SessionCookieOptions,
): Promise<string> {
  const token = newToken();
  const l = lucia(db, opts.secure);
  const createdAt = Math.floor(Date.now() / 1000);
  await l.createSession(userId, { createdAt }, { sessionId: await sha256Hex(token) });
  return cookieFor(l, token, createdAt);
}

/** The cookie lives no longer than the absolute lifetime (lucia's own would say 400 days). */
function cookieFor(l: ReturnType<typeof makeLucia>, token: string, createdAt: number): string {
  const cookie = l.createSessionCookie(token);
  cookie.attributes.maxAge = Math.max(
    0,
    createdAt + ABSOLUTE_TIMEOUT_SECONDS - Math.floor(Date.now() / 1000),
  );
  return cookie.serialize();
}

/** Validates the cookie token: idle timeout 8 h (renewed on use), absolute 30 days. */
export async function validateSessionToken(
  db: DB,
  token: string,
  opts: SessionCookieOptions,
): Promise<SessionCheck> {
  const l = lucia(db, opts.secure);
  const clearCookie = l.createBlankSessionCookie().serialize();
  const sessionId = await sha256Hex(token);
  const { session, user } = await l.validateSession(sessionId);
  if (!session || !user) return { ok: false, clearCookie };
  if (Date.now() / 1000 - session.createdAt > ABSOLUTE_TIMEOUT_SECONDS) {
    await l.invalidateSession(sessionId);
    return { ok: false, clearCookie };
  }
  // lucia only extends a session once half of its lifetime is gone; extend on use (at most once
  // a minute) so that the idle timeout is exactly 8 hours after the last request.
  const idleEnd = Date.now() + IDLE_TIMEOUT_HOURS * 3600_000;
  if (!session.fresh && session.expiresAt.getTime() < idleEnd - 60_000) {
    await db
      .update(sessions)
      .set({ expiresAt: Math.floor(idleEnd / 1000) })
      .where(eq(sessions.id, sessionId));
  }
  return {
    ok: true,
    userId: user.id,
    sessionId,
    refreshCookie: session.fresh ? cookieFor(l, token, session.createdAt) : null,
  };
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
  await lucia(db, false).invalidateSession(sessionId);
}

/** Ends the session behind a cookie token (also when its user may no longer log in). */
export async function invalidateSessionToken(db: DB, token: string): Promise<void> {
  await invalidateSession(db, await sha256Hex(token));
}

export function blankSessionCookie(secure: boolean): string {
  return makeLucia({} as DB, secure)
    .createBlankSessionCookie()
    .serialize();
}

/** Ends every session of a user (logout everywhere, password change, removal). */
export async function invalidateUserSessions(
  db: DB,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  const l = lucia(db, false);
  if (!exceptSessionId) return l.invalidateUserSessions(userId);
  for (const s of await l.getUserSessions(userId))
    if (s.id !== exceptSessionId) await l.invalidateSession(s.id);
}

export async function deleteExpiredSessions(db: DB): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, Math.floor(Date.now() / 1000)));
  await db
    .delete(sessions)
    .where(lt(sessions.createdAt, Math.floor(Date.now() / 1000) - ABSOLUTE_TIMEOUT_SECONDS));
}

export async function sessionsOfUser(db: DB, userId: string) {
  return db.select().from(sessions).where(eq(sessions.userId, userId));
}
