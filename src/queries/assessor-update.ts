// The edit of an assessor's details (PATCH / the edit form) with optimistic locking: a stale
// version is a conflict that reports what changed since, never an overwrite.
import { eq, sql } from "drizzle-orm";
import {
  assessorCrebos,
  assessorPlaces,
  type assessors,
  examinations,
  refresherTrainings,
} from "#db/schema";
import type { DB } from "#src/db";
import type { Actor } from "#src/rules/access";
import type { AssessorChanges } from "./assessor-input";
import { consentEvent, guardedUpdate, runGuarded, VersionConflict } from "./assessor-changes";
import { refreshAssessorDerived } from "./assessor-derived";
import { changesSince, type FieldChanges } from "./assessor-history";
import { parseComponents } from "./assessor-record";
import {
  findIdByEmail,
  getAssessor,
  normaliseEmail,
  resolveReferences,
  type AssessorRow,
} from "./assessors";
import { auditEntry } from "./audit";
import { errorText, type Statement } from "./batch";
import { ConsentWithdrawnByAssessor, consentWithdrawnByAssessor } from "./consent-precedence";
import { bumpDataVersion } from "./meta";

export type UpdateResult =
  | { ok: true; assessor: AssessorRow; changed: boolean }
  | { ok: false; conflict: { currentVersion: number; changes: FieldChanges } }
  | { ok: false; duplicateId: string }
  | { ok: false; fields: Record<string, string> };

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(",") === [...b].sort().join(",");

async function conflict(db: DB, id: string, version: number): Promise<UpdateResult> {
  const current = (await getAssessor(db, id))!;
  return {
    ok: false,
    conflict: { currentVersion: current.version, changes: await changesSince(db, id, version) },
  };
}

/** The edit of an assessor's details (PATCH / the edit form), with optimistic locking. */
export async function updateAssessor(
  db: DB,
  actor: Actor,
  current: AssessorRow,
  patch: AssessorChanges,
): Promise<UpdateResult> {
  const id = current.id;
  if (patch.version !== current.version) return conflict(db, id, patch.version);
  const [placeRows, creboRows, firstDates] = await db.batch([
    db
      .select({ code: assessorPlaces.placeCode })
      .from(assessorPlaces)
      .where(eq(assessorPlaces.assessorId, id)),
    db
      .select({ code: assessorCrebos.creboCode })
      .from(assessorCrebos)
      .where(eq(assessorCrebos.assessorId, id)),
    db.all<{ first: string | null }>(
      sql`SELECT min(d) AS first FROM (SELECT min(date) AS d FROM ${examinations} WHERE assessor_id = ${id} UNION ALL SELECT min(date) FROM ${refresherTrainings} WHERE assessor_id = ${id})`,
    ),
  ]);
  const set: Partial<typeof assessors.$inferInsert> = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const note = (field: string, from: unknown, to: unknown) => (changes[field] = { from, to });
  const scalar = [
    ["first_name", "firstName"],
    ["infix", "infix"],
    ["last_name", "lastName"],
    ["phone", "phone"],
    ["organisation", "organisation"],
  ] as const;
  for (const [apiName, column] of scalar) {
    const value = patch[apiName];
    if (value !== undefined && value !== current[column]) {
      set[column] = value;
      note(apiName, current[column], value);
    }
  }
  if (patch.email !== undefined && normaliseEmail(patch.email) !== current.emailNorm) {
    const other = await findIdByEmail(db, patch.email);
    if (other && other !== id) return { ok: false, duplicateId: other };
    set.email = patch.email;
    set.emailNorm = normaliseEmail(patch.email);
    note("email", current.email, patch.email);
  } else if (patch.email !== undefined && patch.email !== current.email) {
    set.email = patch.email;
    note("email", current.email, patch.email);
  }
  const training = patch.initial_training;
  if (training) {
    const first = firstDates[0]?.first ?? null;
    if (first && training.date > first)
      return {
        ok: false,
        fields: {
          "initial_training.date":
            "Er zijn al examens of bijscholingen vóór deze datum geregistreerd; kies een eerdere datum.",
        },
      };
    const components = JSON.stringify(training.components);
    if (training.date !== current.initialTrainingDate)
      note("initial_training.date", current.initialTrainingDate, training.date);
    if (training.provider !== current.initialTrainingProvider)
      note("initial_training.provider", current.initialTrainingProvider, training.provider);
    if (!sameSet(parseComponents(current.initialTrainingComponents), training.components))
      note(
        "initial_training.components",
        parseComponents(current.initialTrainingComponents),
        training.components,
      );
    set.initialTrainingDate = training.date;
    set.initialTrainingProvider = training.provider;
    set.initialTrainingComponents = components;
  }
  const oldPlaces = placeRows.map((r) => r.code);
  const oldCrebos = creboRows.map((r) => r.code);
  const newPlaces = patch.places ? [...new Set(patch.places)] : null;
  const newCrebos = patch.crebos ? [...new Set(patch.crebos)] : null;
  const { refs, fields } = await resolveReferences(db, newPlaces ?? [], newCrebos ?? []);
  if (Object.keys(fields).length) return { ok: false, fields };
  const extra: Statement[] = [];
  if (newPlaces && !sameSet(oldPlaces, newPlaces)) {
    note("places", oldPlaces, newPlaces);
    extra.push(db.delete(assessorPlaces).where(eq(assessorPlaces.assessorId, id)));
    extra.push(
      db.insert(assessorPlaces).values(
        newPlaces.map((placeCode) => ({
          assessorId: id,
          placeCode,
          province: refs.places.get(placeCode)!.province,
        })),
      ),
    );
  }
  if (newCrebos && !sameSet(oldCrebos, newCrebos)) {
    note("crebos", oldCrebos, newCrebos);
    extra.push(db.delete(assessorCrebos).where(eq(assessorCrebos.assessorId, id)));
    extra.push(
      db
        .insert(assessorCrebos)
        .values(newCrebos.map((creboCode) => ({ assessorId: id, creboCode }))),
    );
  }
  if (patch.public_consent !== undefined && patch.public_consent !== current.publicConsent) {
    if (patch.public_consent && (await consentWithdrawnByAssessor(db, id)))
      throw new ConsentWithdrawnByAssessor();
    set.publicConsent = patch.public_consent;
    set.publicEligible = patch.public_consent && !current.erasedAt;
    note("public_consent", current.publicConsent, patch.public_consent);
    extra.push(consentEvent(db, actor, id, patch.public_consent));
  }
  if (Object.keys(changes).length === 0) return { ok: true, assessor: current, changed: false };
  try {
    await runGuarded(db, [
      guardedUpdate(db, id, current.version, set),
      ...extra,
      auditEntry(db, {
        actorUserId: actor.userId,
        schoolId: actor.schoolId,
        action: "update",
        entity: "assessor",
        entityId: id,
        changes: { ...changes, version: { from: current.version, to: current.version + 1 } },
        requestId: actor.requestId,
      }),
      bumpDataVersion(db),
    ]);
  } catch (err) {
    if (err instanceof VersionConflict) return conflict(db, id, patch.version);
    if (/UNIQUE constraint failed/.test(errorText(err)) && set.emailNorm) {
      const other = await findIdByEmail(db, patch.email!);
      if (other && other !== id) return { ok: false, duplicateId: other };
    }
    throw err;
  }
  await refreshAssessorDerived(db, id);
  return { ok: true, assessor: (await getAssessor(db, id))!, changed: true };
}
