// Registering an assessor: every statement in one atomic batch, derived columns included.
import {
  assessorCrebos,
  assessorPlaces,
  assessorSchools,
  assessors,
  consentEvents,
  examinations,
  refresherTrainings,
} from "#db/schema";
import { CONSENT_TEXT_VERSION } from "#src/rules/consent";
import type { DB } from "#src/db";
import { newId } from "#src/lib/ids";
import type { Actor } from "#src/rules/access";
import { deriveAssessorColumns } from "./assessor-derived";
import {
  findIdByEmail,
  normaliseEmail,
  resolveReferences,
  schoolName,
  type NewAssessor,
  type References,
} from "./assessors";
import { auditEntry } from "./audit";
import { chunkRows, isUniqueViolation, runBatch, type Statement } from "./batch";
import { bumpDataVersion } from "./meta";

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
    db.insert(assessorPlaces).values(
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
      db.insert(examinations).values(
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
