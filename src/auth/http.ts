// Session plumbing for the account routes: the return path after login, home per role, session cookies.
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv, AuthContext, Role } from "#src/env";
import { isSecure } from "./middleware";
import {
  blankSessionCookie,
  createSession,
  invalidateSessionToken,
  sessionCookieName,
} from "./sessions";

/**
 * Only a same-site relative path may be a return target ("/school?x=1"), never "//evil" or
 * "/\evil" (browsers read both as another host) or anything with control characters.
 */
export function safeReturnPath(value: string | undefined | null): string | null {
  if (!value || value.length > 500) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  return value;
}

export function homeFor(role: Role): string {
  return role === "admin" ? "/beheer" : "/school";
}

export function secureCookies(c: Context<AppEnv>): boolean {
  return isSecure(c.get("config").baseUrl);
}

/** Starts a session for the user and puts its cookie on the response; ends the old session of this browser. */
export async function startSession(c: Context<AppEnv>, userId: string): Promise<void> {
  const secure = secureCookies(c);
  const previous = getCookie(c, sessionCookieName(secure));
  if (previous) await invalidateSessionToken(c.get("db"), previous);
  c.header("Set-Cookie", await createSession(c.get("db"), userId, { secure }), { append: true });
}

/** Ends this browser's session (also when its user may no longer log in) and clears the cookie. */
export async function endSession(c: Context<AppEnv>): Promise<void> {
  const secure = secureCookies(c);
  const token = getCookie(c, sessionCookieName(secure));
  if (token) await invalidateSessionToken(c.get("db"), token);
  c.header("Set-Cookie", blankSessionCookie(secure), { append: true });
}

export function noStore(c: Context<AppEnv>): void {
  c.header("Cache-Control", "private, no-store");
}

export type { AuthContext };
