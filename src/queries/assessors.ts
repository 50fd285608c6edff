// Assessors in the school area: loading with access, registering (one atomic batch), linking.
import { and, eq, inArray, isNull } from "drizzle-orm";
import {
  assessorCrebos,
  assessorPlaces,
  assessorSchools,
  assessors,
  consentEvents,
  crebos,
  examinations,
  places,
  refresherTrainings,
  schools,
} from "../../db/schema";
import { CONSENT_TEXT_VERSION } from "../consent";
import type { DB } from "../db";
import { newId } from "../lib/ids";
import { accessFor, type Access, type Actor } from "../school/access";
import type { RefresherKind, TrainingComponent } from "../school/schemas";
import { deriveAssessorColumns, refreshAssessorDerived } from "./assessor-derived";
import { auditEntry } from "./audit";
import { chunkRows, isUniqueViolation, runBatch, type Statement } from "./batch";
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

/** The values a registration writes, as the audit log records them (no derived columns). */
export function registrationChanges(
  input: NewAssessor,
): Record<string, { from: null; to: unknown }> {
  const written: Record<string, unknown> = {
    first_name: input.firstName,
    infix: input.infix,
    last_name: input.lastName,
    email: input.email,
    phone: input.phone,
    organisation: input.organisation,
    places: [...new Set(input.places)],
    crebos: [...new Set(input.crebos)],
    initial_training: input.initialTraining,
    public_consent: input.publicConsent,
  };
  if (input.deregistration) written.deregistration = input.deregistration;
  return Object.fromEntries(Object.entries(written).map(([k, v]) => [k, { from: null, to: v }]));
}

/**
 * Every statement that registers one assessor, linked to the actor's school: the row with its
 * derived columns computed here (so the batch is complete on its own), links, crebos, places,
 * the consent event, any imported logs, and the audit row.
 */
export function registrationStatements(
  db: DB,
  input: NewAssessor,
  ctx: {
    id: string;
    actor: Actor & { schoolId: string };
    schoolName: string;
    refs: References;
    action?: string;
  },
): Statement[] {
  const { id, actor, refs } = ctx;
  const placeCodes = [...new Set(input.places)];
  const creboCodes = [...new Set(input.crebos)];
  const exams = input.examinations ?? [];
  const refreshers = input.refresherTrainings ?? [];
  const now = new Date().toISOString();
  const derived = deriveAssessorColumns({
    firstName: input.firstName,
    infix: input.infix,
    lastName: input.lastName,
    organisation: input.organisation,
    initialTrainingDate: input.initialTraining.date,
    publicConsent: input.publicConsent,
    examinationDates: exams.map((e) => e.date),
    refresherDates: refreshers.map((r) => r.date),
    schoolNames: [ctx.schoolName],
    crebos: creboCodes.map((code) => ({ code, name: refs.crebos.get(code)?.name ?? "" })),
  });
  const statements: Statement[] = [
    db.insert(assessors).values({
      id,
      firstName: input.firstName,
      infix: input.infix,
      lastName: input.lastName,
      email: input.email,
      emailNorm: normaliseEmail(input.email),
      phone: input.phone,
      organisation: input.organisation,
      initialTrainingDate: input.initialTraining.date,
      initialTrainingProvider: input.initialTraining.provider,
      initialTrainingComponents: JSON.stringify(input.initialTraining.components),
      publicConsent: input.publicConsent,
      deregisteredOn: input.deregistration?.date ?? null,
      deregistrationReason: input.deregistration ? input.deregistration.reason : null,
      registeringSchoolId: actor.schoolId,
      updatedAt: now,
      ...derived,
    }),
    db
      .insert(assessorSchools)
      .values({ assessorId: id, schoolId: actor.schoolId, linkedBy: actor.userId }),
    db
      .insert(assessorCrebos)
      .values(creboCodes.map((creboCode) => ({ assessorId: id, creboCode }))),
    db
      .insert(assessorPlaces)
      .values(
        placeCodes.map((placeCode) => ({
          assessorId: id,
          placeCode,
          province: refs.places.get(placeCode)!.province,
        })),
      ),
    db.insert(consentEvents).values({
      id: newId(),
      assessorId: id,
      given: input.publicConsent,
      textVersion: CONSENT_TEXT_VERSION,
      schoolId: actor.schoolId,
      userId: actor.userId,
    }),
  ];
  for (const chunk of chunkRows(exams, 7)) {
    statements.push(
      db
        .insert(examinations)
        .values(
          chunk.map((e) => ({
            id: newId(),
            assessorId: id,
            date: e.date,
            creboCode: e.crebo,
            notes: e.notes,
            schoolId: actor.schoolId,
            userId: actor.userId,
          })),
        ),
    );
  }
  for (const chunk of chunkRows(refreshers, 8)) {
    statements.push(
      db.insert(refresherTrainings).values(
        chunk.map((r) => ({
          id: newId(),
          assessorId: id,
          date: r.date,
          kind: r.kind,
          description: r.description,
          provider: r.provider,
          schoolId: actor.schoolId,
          userId: actor.userId,
        })),
      ),
    );
  }
  const changes: Record<string, unknown> = registrationChanges(input);
  if (exams.length) changes.examinations = { from: 0, to: exams.length };
  if (refreshers.length) changes.refresher_trainings = { from: 0, to: refreshers.length };
  statements.push(
    auditEntry(db, {
      actorUserId: actor.userId,
      schoolId: actor.schoolId,
      action: ctx.action ?? "create",
      entity: "assessor",
      entityId: id,
      changes,
      requestId: actor.requestId,
    }),
  );
  return statements;
}

export type CreateResult =
  | { ok: true; id: string }
  | { ok: false; duplicateId: string }
  | { ok: false; fields: Record<string, string> };

/** Registers an assessor for the actor's school. Same email (any case) → the existing id. */
export async function createAssessor(
  db: DB,
  actor: Actor,
  input: NewAssessor,
): Promise<CreateResult> {
  if (!actor.schoolId) throw new Error("only a school registers assessors");
  const existing = await findIdByEmail(db, input.email);
  if (existing) return { ok: false, duplicateId: existing };
  const { refs, fields } = await resolveReferences(db, input.places, input.crebos);
  if (Object.keys(fields).length) return { ok: false, fields };
  const id = newId();
  const ctx = {
    id,
    actor: { ...actor, schoolId: actor.schoolId },
    schoolName: await schoolName(db, actor.schoolId),
    refs,
  };
  try {
    await runBatch(db, [...registrationStatements(db, input, ctx), bumpDataVersion(db)]);
  } catch (err) {
    // Two registrations of the same email at the same moment: the unique index decides.
    if (isUniqueViolation(err, "email")) {
      const winner = await findIdByEmail(db, input.email);
      if (winner) return { ok: false, duplicateId: winner };
    }
    throw err;
  }
  return { ok: true, id };
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
