// Assessors in the school area: loading with access, reference checks, linking. Registering is
// in registration.ts, edits in assessor-changes.ts and assessor-update.ts.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { assessorSchools, assessors, crebos, places, schools } from "#db/schema";
import type { DB } from "#src/db";
import { accessFor, type Access, type Actor } from "#src/rules/access";
import type { RefresherKind, TrainingComponent } from "#src/rules/assessor-input";
import { refreshAssessorDerived } from "./assessor-derived";
import { auditEntry } from "./audit";
import { runBatch } from "./batch";
import { bumpDataVersion } from "./meta";

export type AssessorRow = typeof assessors.$inferSelect;

export type NewAssessor = {
  firstName: string;
  infix: string;
  lastName: string;
  email: string;
  phone: string;
  organisation: string;
  places: string[];
  crebos: string[];
  initialTraining: { date: string; provider: string; components: TrainingComponent[] };
  publicConsent: boolean;
  /** Only the CSV import brings logs and an afmelding along. */
  examinations?: { date: string; crebo: string; notes: string }[];
  refresherTrainings?: {
    date: string;
    kind: RefresherKind;
    description: string;
    provider: string;
  }[];
  deregistration?: { date: string; reason: string } | null;
};

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getAssessor(db: DB, id: string): Promise<AssessorRow | undefined> {
  if (!/^[a-z0-9]{1,64}$/.test(id)) return undefined;
  const [row] = await db.select().from(assessors).where(eq(assessors.id, id));
  return row;
}

export async function isLinked(
  db: DB,
  assessorId: string,
  schoolId: string | null,
): Promise<boolean> {
  if (!schoolId) return false;
  const [row] = await db
    .select({ id: assessorSchools.assessorId })
    .from(assessorSchools)
    .where(and(eq(assessorSchools.assessorId, assessorId), eq(assessorSchools.schoolId, schoolId)));
  return Boolean(row);
}

export type Loaded = { assessor: AssessorRow; linked: boolean; access: Access };

/** The assessor as this actor may see it, or null when it may not know it exists (→ 404). */
export async function loadForActor(db: DB, actor: Actor, id: string): Promise<Loaded | null> {
  const assessor = await getAssessor(db, id);
  if (!assessor) return null;
  const linked = await isLinked(db, id, actor.schoolId);
  const access = accessFor(actor, assessor, linked);
  return access === "none" ? null : { assessor, linked, access };
}

export async function findIdByEmail(db: DB, email: string): Promise<string | null> {
  const [row] = await db
    .select({ id: assessors.id })
    .from(assessors)
    .where(eq(assessors.emailNorm, normaliseEmail(email)));
  return row?.id ?? null;
}

export type References = {
  places: Map<string, { name: string; province: string }>;
  crebos: Map<string, { name: string }>;
};

/** Looks up place codes and (active) crebo codes; unknown ones come back as field messages. */
export async function resolveReferences(
  db: DB,
  placeCodes: readonly string[],
  creboCodes: readonly string[],
): Promise<{ refs: References; fields: Record<string, string> }> {
  const refs: References = { places: new Map(), crebos: new Map() };
  const uniquePlaces = [...new Set(placeCodes)];
  const uniqueCrebos = [...new Set(creboCodes)];
  for (let i = 0; i < uniquePlaces.length; i += 90) {
    const rows = await db
      .select({ code: places.code, name: places.name, province: places.province })
      .from(places)
      .where(inArray(places.code, uniquePlaces.slice(i, i + 90)));
    for (const r of rows) refs.places.set(r.code, { name: r.name, province: r.province });
  }
  for (let i = 0; i < uniqueCrebos.length; i += 90) {
    const rows = await db
      .select({ code: crebos.code, name: crebos.name })
      .from(crebos)
      .where(and(inArray(crebos.code, uniqueCrebos.slice(i, i + 90)), isNull(crebos.retiredAt)));
    for (const r of rows) refs.crebos.set(r.code, { name: r.name });
  }
  const fields: Record<string, string> = {};
  const unknownPlaces = uniquePlaces.filter((c) => !refs.places.has(c));
  const unknownCrebos = uniqueCrebos.filter((c) => !refs.crebos.has(c));
  if (unknownPlaces.length)
    fields.places = `Onbekende plaatscode: ${unknownPlaces.join(", ")}. Kies een plaats uit de lijst.`;
  if (unknownCrebos.length)
    fields.crebos = `Onbekend of vervallen crebonummer: ${unknownCrebos.join(", ")}. Kies een crebo uit de lijst.`;
  return { refs, fields };
}

export async function schoolName(db: DB, schoolId: string): Promise<string> {
  const [row] = await db
    .select({ name: schools.name })
    .from(schools)
    .where(eq(schools.id, schoolId));
  return row?.name ?? "";
}

/** Links the actor's school to an assessor it may see. Idempotent: false when already linked. */
export async function linkAssessor(db: DB, actor: Actor, assessorId: string): Promise<boolean> {
  if (!actor.schoolId) throw new Error("only a school links assessors");
  if (await isLinked(db, assessorId, actor.schoolId)) return false;
  await runBatch(db, [
    db
      .insert(assessorSchools)
      .values({ assessorId, schoolId: actor.schoolId, linkedBy: actor.userId })
      .onConflictDoNothing(),
    auditEntry(db, {
      actorUserId: actor.userId,
      schoolId: actor.schoolId,
      action: "link",
      entity: "assessor",
      entityId: assessorId,
      changes: { schools: { from: null, to: actor.schoolId } },
      requestId: actor.requestId,
    }),
    bumpDataVersion(db),
  ]);
  await refreshAssessorDerived(db, assessorId);
  return true;
}
