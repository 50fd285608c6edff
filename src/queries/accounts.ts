// Reads and writes of schools, users, account requests and open invites (the account area).
import { and, asc, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { accountRequests, apiTokens, invites, places, schools, users } from "#db/schema";
import type { DB } from "#src/db";
import type { Role } from "#src/env";
import { normalise } from "#src/lib/normalise";

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export type UserRow = typeof users.$inferSelect;
export type SchoolRow = typeof schools.$inferSelect;
export type AccountRequestRow = typeof accountRequests.$inferSelect;

/** The user with this email (case-insensitive) and the status of their school. */
export async function userByEmail(db: DB, email: string) {
  const [row] = await db
    .select({ user: users, schoolStatus: schools.status, schoolName: schools.name })
    .from(users)
    .leftJoin(schools, eq(schools.id, users.schoolId))
    .where(eq(users.email, normaliseEmail(email)));
  return row;
}

export async function userById(db: DB, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** May this user log in at all (apart from the password)? */
export function loginBlock(row: {
  user: UserRow;
  schoolStatus: string | null;
}): "disabled" | "suspended" | null {
  if (row.user.disabledAt) return "disabled";
  if (row.user.role !== "admin" && row.schoolStatus !== "active") return "suspended";
  return null;
}

export async function adminEmails(db: DB): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
  return rows.map((r) => r.email);
}

export async function hasAdmin(db: DB): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
  return (row?.n ?? 0) > 0;
}

// ---------------------------------------------------------------- account requests

export type AccountRequestInput = {
  schoolName: string;
  brin: string | null;
  placeCode: string;
  contactName: string;
  email: string;
  motivation: string;
};

export function insertAccountRequest(db: DB, id: string, input: AccountRequestInput) {
  return db.insert(accountRequests).values({ id, ...input, email: normaliseEmail(input.email) });
}

export async function pendingAccountRequests(db: DB) {
  return db
    .select({ request: accountRequests, placeName: places.name, municipality: places.municipality })
    .from(accountRequests)
    .leftJoin(places, eq(places.code, accountRequests.placeCode))
    .where(eq(accountRequests.status, "pending"))
    .orderBy(asc(accountRequests.createdAt));
}

export async function recentDecidedRequests(db: DB, limit = 10) {
  return db
    .select()
    .from(accountRequests)
    .where(sql`${accountRequests.status} <> 'pending'`)
    .orderBy(desc(accountRequests.decidedAt))
    .limit(limit);
}

export async function accountRequestById(
  db: DB,
  id: string,
): Promise<AccountRequestRow | undefined> {
  const [row] = await db.select().from(accountRequests).where(eq(accountRequests.id, id));
  return row;
}

// ---------------------------------------------------------------- schools

export async function schoolById(db: DB, id: string): Promise<SchoolRow | undefined> {
  const [row] = await db.select().from(schools).where(eq(schools.id, id));
  return row;
}

export async function schoolByName(db: DB, name: string): Promise<SchoolRow | undefined> {
  const [row] = await db
    .select()
    .from(schools)
    .where(sql`lower(${schools.name}) = lower(${name.trim()})`);
  return row;
}

/** Every school with its place and number of active users (one grouped query). */
export async function schoolsOverview(db: DB) {
  const activeUsers = db
    .select({ schoolId: users.schoolId, n: count().as("n") })
    .from(users)
    .where(isNull(users.disabledAt))
    .groupBy(users.schoolId)
    .as("active_users");
  return db
    .select({
      id: schools.id,
      name: schools.name,
      brin: schools.brin,
      status: schools.status,
      createdAt: schools.createdAt,
      suspendedAt: schools.suspendedAt,
      placeName: places.name,
      userCount: sql<number>`coalesce(${activeUsers.n}, 0)`,
    })
    .from(schools)
    .leftJoin(places, eq(places.code, schools.placeCode))
    .leftJoin(activeUsers, eq(activeUsers.schoolId, schools.id))
    .orderBy(sql`lower(${schools.name})`);
}

export function setSchoolStatusQuery(
  db: DB,
  schoolId: string,
  status: "active" | "suspended",
  now: Date,
) {
  return db
    .update(schools)
    .set({ status, suspendedAt: status === "suspended" ? now.toISOString() : null })
    .where(eq(schools.id, schoolId));
}

// ---------------------------------------------------------------- users of a school

export async function schoolUsers(
  db: DB,
  schoolId: string,
  opts: { includeRemoved?: boolean } = {},
) {
  const conditions = [eq(users.schoolId, schoolId)];
  if (!opts.includeRemoved) conditions.push(isNull(users.disabledAt));
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(and(...conditions))
    .orderBy(sql`lower(${users.name})`, users.email);
}

export async function activeUserIdsOfSchool(db: DB, schoolId: string): Promise<string[]> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.schoolId, schoolId));
  return rows.map((r) => r.id);
}

/** Invites not used and not expired, for the team page. */
export async function openInvitesOfSchool(db: DB, schoolId: string, now: Date) {
  return db
    .select({
      id: invites.id,
      email: invites.email,
      role: invites.role,
      expiresAt: invites.expiresAt,
      createdAt: invites.createdAt,
    })
    .from(invites)
    .where(
      and(
        eq(invites.schoolId, schoolId),
        eq(invites.kind, "invite"),
        isNull(invites.usedAt),
        gt(invites.expiresAt, now.toISOString()),
      ),
    )
    .orderBy(asc(invites.createdAt));
}

export async function inviteById(db: DB, id: string) {
  const [row] = await db.select().from(invites).where(eq(invites.id, id));
  return row;
}

export function disableUserQuery(db: DB, userId: string, now: Date) {
  return db.update(users).set({ disabledAt: now.toISOString() }).where(eq(users.id, userId));
}

export function revokeUserTokensQuery(db: DB, userId: string, now: Date) {
  return db
    .update(apiTokens)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

export function setPasswordQuery(db: DB, userId: string, passwordHash: string, now: Date) {
  return db
    .update(users)
    .set({ passwordHash, passwordChangedAt: now.toISOString() })
    .where(eq(users.id, userId));
}

export type NewUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  schoolId: string | null;
  passwordHash: string;
};

export function insertUserQuery(db: DB, user: NewUser, now: Date) {
  return db
    .insert(users)
    .values({ ...user, email: normaliseEmail(user.email), passwordChangedAt: now.toISOString() });
}

/** A removed (disabled) user who is invited again gets the account back with the new details. */
export function reactivateUserQuery(
  db: DB,
  userId: string,
  user: Omit<NewUser, "id" | "email">,
  now: Date,
) {
  return db
    .update(users)
    .set({ ...user, disabledAt: null, passwordChangedAt: now.toISOString() })
    .where(eq(users.id, userId));
}

// ---------------------------------------------------------------- api tokens

/** Tokens for the token page: a school admin sees every token of the school, others their own. */
export async function tokensForPage(db: DB, opts: { schoolId: string; userId?: string }) {
  const conditions = [eq(apiTokens.schoolId, opts.schoolId), isNull(apiTokens.revokedAt)];
  if (opts.userId) conditions.push(eq(apiTokens.userId, opts.userId));
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      userId: apiTokens.userId,
      userName: users.name,
      userEmail: users.email,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(...conditions))
    .orderBy(desc(apiTokens.createdAt));
}

export async function tokenById(db: DB, id: string) {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row;
}

// ---------------------------------------------------------------- places for the request form

/** Places whose name is exactly this (accents and case ignored); names repeat across municipalities. */
export async function placesNamed(db: DB, name: string) {
  return db
    .select({
      code: places.code,
      name: places.name,
      municipality: places.municipality,
      province: places.province,
    })
    .from(places)
    .where(eq(places.nameNorm, normalise(name)))
    .orderBy(asc(places.municipality))
    .limit(50);
}

export async function placeByCode(db: DB, code: string) {
  const [row] = await db
    .select({ code: places.code, name: places.name, municipality: places.municipality })
    .from(places)
    .where(eq(places.code, code));
  return row;
}
