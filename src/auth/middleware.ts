// Puts {user, school, role} on the context from a session cookie or a bearer token.
// A disabled user or a suspended school is treated as logged out everywhere.
import { eq } from "drizzle-orm";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { schools, users } from "#db/schema";
import type { DB } from "#src/db";
import type { AppEnv, AuthContext } from "#src/env";
import { sessionCookieName, validateSessionToken } from "./sessions";
import { verifyApiToken } from "./tokens";

/**
 * API tokens are for the school API only. Pages and account actions (/school/tokens, /school/team,
 * password change) take the session cookie alone, so a leaked token cannot mint tokens or invite
 * admins.
 */
export function acceptsApiToken(path: string): boolean {
  return path === "/api/v1/school" || path.startsWith("/api/v1/school/");
}

export function isSecure(baseUrl: string): boolean {
  return baseUrl.startsWith("https://");
}

async function loadActor(db: DB, userId: string): Promise<Omit<AuthContext, "via"> | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      schoolId: schools.id,
      schoolName: schools.name,
      schoolStatus: schools.status,
    })
    .from(users)
    .leftJoin(schools, eq(schools.id, users.schoolId))
    .where(eq(users.id, userId));
  if (!row || row.disabledAt) return null;
  if (row.role !== "admin" && (!row.schoolId || row.schoolStatus !== "active")) return null;
  return {
    user: { id: row.id, email: row.email, name: row.name, role: row.role },
    school: row.schoolId ? { id: row.schoolId, name: row.schoolName! } : null,
    role: row.role,
  };
}

export const authMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const db = c.get("db");
  c.set("auth", null);
  c.set("authError", null);
  const header = acceptsApiToken(c.req.path) ? c.req.header("authorization") : undefined;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const token = match ? await verifyApiToken(db, match[1]) : null;
    const actor = token ? await loadActor(db, token.userId) : null;
    if (actor) c.set("auth", { ...actor, via: "token" });
    else c.set("authError", "invalid_token");
    return next();
  }
  const secure = isSecure(c.get("config").baseUrl);
  const cookie = getCookie(c, sessionCookieName(secure));
  if (cookie) {
    const check = await validateSessionToken(db, cookie, { secure });
    if (check.ok) {
      const actor = await loadActor(db, check.userId);
      if (actor) c.set("auth", { ...actor, via: "session", sessionId: check.sessionId });
      if (check.refreshCookie) c.header("Set-Cookie", check.refreshCookie, { append: true });
    } else {
      c.header("Set-Cookie", check.clearCookie, { append: true });
    }
  }
  await next();
});
