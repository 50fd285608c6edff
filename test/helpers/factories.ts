// Factories for schools, users, sessions and tokens on a real test database.
import { schools, users } from "#db/schema";
import type { DB } from "#src/db";
import { hashPassword } from "#src/auth/passwords";
import { createSession } from "#src/auth/sessions";
import { createApiToken } from "#src/auth/tokens";
import { newId } from "#src/lib/ids";
import type { Role } from "#src/env";

export const TEST_PASSWORD = "correct-horse-battery-9";

let cachedHash: Promise<string> | undefined;
/** scrypt is slow on purpose; tests share one hash of TEST_PASSWORD. */
export function testPasswordHash(): Promise<string> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
}

export async function createSchool(db: DB, overrides: Partial<typeof schools.$inferInsert> = {}) {
  const row = {
    id: newId(),
    name: `Testschool ${newId(4)}`,
    brin: null,
    placeCode: null,
    ...overrides,
  };
  await db.insert(schools).values(row);
  return row;
}

export async function createUser(
  db: DB,
  opts: { role?: Role; schoolId?: string | null; email?: string; name?: string } = {},
) {
  const row = {
    id: newId(),
    email: opts.email ?? `gebruiker-${newId(6)}@school.test`,
    name: opts.name ?? "Test Gebruiker",
    role: opts.role ?? ("school_admin" as Role),
    schoolId: opts.schoolId ?? null,
    passwordHash: await testPasswordHash(),
  };
  await db.insert(users).values(row);
  return row;
}

/** A school with one school_admin user. */
export async function createSchoolWithUser(db: DB, name?: string) {
  const school = await createSchool(db, name ? { name } : {});
  const user = await createUser(db, { schoolId: school.id, role: "school_admin" });
  return { school, user };
}

/** The Cookie header value for a fresh session of this user (http, so the plain cookie name). */
export async function sessionCookie(db: DB, userId: string): Promise<string> {
  const setCookie = await createSession(db, userId, { secure: false });
  return setCookie.split(";")[0];
}

export async function bearer(db: DB, userId: string, schoolId: string | null): Promise<string> {
  const { token } = await createApiToken(db, { userId, schoolId, name: "test" });
  return `Bearer ${token}`;
}
