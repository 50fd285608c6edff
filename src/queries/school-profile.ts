// Schools' public exam-office contact (DESIGN §4/§5): set by the school admin, shown on the public
// school pages, the public profiles and GET /api/v1/schools. Never a person's own address.
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { assessorSchools, assessors, places, schools, users } from "#db/schema";
import type { DB } from "#src/db";
import { auditEntry } from "./audit";
import { schoolCount } from "./public-counts";
import { runBatch } from "./batch";
import { bumpDataVersion } from "./meta";

export type SchoolContact = { website: string; contact_email: string; contact_phone: string };

/** GET /api/v1/schools items (DESIGN §4). */
export type PublicSchool = {
  id: string;
  name: string;
  place: { code: string; name: string; province: string } | null;
  website: string;
  contact_email: string;
  contact_phone: string;
  /** The number of public profiles that list the school. */
  assessors: number;
};

export async function getSchoolContact(db: DB, schoolId: string): Promise<SchoolContact | null> {
  const [row] = await db
    .select({
      website: schools.website,
      contactEmail: schools.contactEmail,
      contactPhone: schools.contactPhone,
    })
    .from(schools)
    .where(eq(schools.id, schoolId));
  return row
    ? { website: row.website, contact_email: row.contactEmail, contact_phone: row.contactPhone }
    : null;
}

/** True when the address is the login of one of the register's users (a person's own address). */
export async function isUserAddress(db: DB, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  return Boolean(row);
}

export async function updateSchoolContact(
  db: DB,
  actor: { userId: string; schoolId: string; requestId: string | null },
  patch: Partial<SchoolContact>,
): Promise<SchoolContact> {
  const current = (await getSchoolContact(db, actor.schoolId))!;
  const changes: Record<string, { from: string; to: string }> = {};
  for (const key of ["website", "contact_email", "contact_phone"] as const) {
    const value = patch[key];
    if (value !== undefined && value !== current[key])
      changes[key] = { from: current[key], to: value };
  }
  if (Object.keys(changes).length === 0) return current;
  await runBatch(db, [
    db
      .update(schools)
      .set({
        website: changes.website?.to ?? current.website,
        contactEmail: changes.contact_email?.to ?? current.contact_email,
        contactPhone: changes.contact_phone?.to ?? current.contact_phone,
      })
      .where(eq(schools.id, actor.schoolId)),
    auditEntry(db, {
      actorUserId: actor.userId,
      schoolId: actor.schoolId,
      action: "school.contact",
      entity: "school",
      entityId: actor.schoolId,
      changes,
      requestId: actor.requestId,
    }),
    // The public pages show the contact: their ETag follows the data version.
    bumpDataVersion(db),
  ]);
  return (await getSchoolContact(db, actor.schoolId))!;
}

export async function listPublicSchools(
  db: DB,
  today: string,
  ids?: readonly string[],
): Promise<PublicSchool[]> {
  const rows = await db
    .select({
      id: schools.id,
      name: schools.name,
      placeCode: places.code,
      placeName: places.name,
      province: places.province,
      website: schools.website,
      contactEmail: schools.contactEmail,
      contactPhone: schools.contactPhone,
      // From the maintained counts (migration 0010), not by counting the school's assessors.
      n: schoolCount(sql`${schools.id}`, today),
    })
    .from(schools)
    .leftJoin(places, eq(places.code, schools.placeCode))
    .where(ids ? inArray(schools.id, [...ids]) : undefined)
    .orderBy(asc(schools.name), asc(schools.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    place:
      r.placeCode && r.placeName && r.province
        ? { code: r.placeCode, name: r.placeName, province: r.province }
        : null,
    website: r.website,
    contact_email: r.contactEmail,
    contact_phone: r.contactPhone,
    assessors: Number(r.n ?? 0),
  }));
}

export async function getPublicSchool(
  db: DB,
  id: string,
  today: string,
): Promise<PublicSchool | null> {
  if (!/^[a-z0-9]{1,64}$/.test(id)) return null;
  const [row] = await listPublicSchools(db, today, [id]);
  return row ?? null;
}

export type SchoolAssessor = { id: string; name: string; organisation: string };

/** One page of the public profiles that list this school, in name order. */
export async function publicAssessorsOfSchool(
  db: DB,
  schoolId: string,
  today: string,
  page: number,
  perPage = 50,
): Promise<{ items: SchoolAssessor[]; total: number }> {
  const where = and(eq(assessorSchools.schoolId, schoolId), gte(assessors.publicUntil, today));
  const [rows, [{ total }]] = await db.batch([
    db
      .select({
        id: assessors.id,
        firstName: assessors.firstName,
        infix: assessors.infix,
        lastName: assessors.lastName,
        organisation: assessors.organisation,
      })
      .from(assessorSchools)
      .innerJoin(assessors, eq(assessors.id, assessorSchools.assessorId))
      .where(where)
      .orderBy(asc(assessors.sortKey), asc(assessors.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ total: schoolCount(sql`${schoolId}`, today) }).from(sql`(SELECT 1)`),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: [r.firstName, r.infix, r.lastName].filter((p) => p?.trim()).join(" "),
      organisation: r.organisation,
    })),
    total: Number(total),
  };
}

/** The addresses of the school's admins (active users), for report mails. */
export async function schoolAdminEmails(db: DB, schoolId: string): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(
      and(
        eq(users.schoolId, schoolId),
        eq(users.role, "school_admin"),
        sql`${users.disabledAt} IS NULL`,
      ),
    );
  return rows.map((r) => r.email);
}
