// Changes to an assessor's own row: consent, afmelding and its undo (the edit: assessor-update.ts).
// Every change bumps `version` inside the same batch as its audit row and side rows.
import { eq, sql } from "drizzle-orm";
import { assessors, consentEvents } from "#db/schema";
import { CONSENT_TEXT_VERSION } from "#src/rules/consent";
import type { DB } from "#src/db";
import { newId } from "#src/lib/ids";
import type { Actor } from "#src/rules/access";
import type { DeregistrationInput } from "./assessor-input";
import { refreshAssessorDerived } from "./assessor-derived";
import { getAssessor, type AssessorRow } from "./assessors";
import { auditEntry } from "./audit";
import { errorText, runBatch, type Statement } from "./batch";
import { ConsentWithdrawnByAssessor, consentWithdrawnByAssessor } from "./consent-precedence";
import { bumpDataVersion } from "./meta";

export class VersionConflict extends Error {
  constructor() {
    super("stale version");
  }
}

/**
 * The row update that carries the optimistic lock. A stale version makes `version` NULL, which
 * the NOT NULL constraint rejects, so the whole batch (side rows, audit) rolls back with it.
 */
export function guardedUpdate(
  db: DB,
  id: string,
  version: number,
  set: Partial<typeof assessors.$inferInsert>,
) {
  return db
    .update(assessors)
    .set({
      ...set,
      updatedAt: new Date().toISOString(),
      version: sql`CASE WHEN ${assessors.version} = ${version} THEN ${version + 1} ELSE NULL END`,
    })
    .where(eq(assessors.id, id));
}

function isVersionConflict(err: unknown): boolean {
  return /NOT NULL constraint failed: assessors\.version/.test(errorText(err));
}

export async function runGuarded(db: DB, statements: Statement[]): Promise<void> {
  try {
    await runBatch(db, statements);
  } catch (err) {
    if (isVersionConflict(err)) throw new VersionConflict();
    throw err;
  }
}

type Planned = {
  set: Partial<typeof assessors.$inferInsert>;
  changes: Record<string, unknown>;
  action: string;
  extra?: (db: DB) => Statement[];
};

/**
 * A server-side change (consent, afmelding, erasure): reads the current row, plans the change
 * and writes it with the lock; on a concurrent write it reads again (three tries).
 */
export async function changeAssessor(
  db: DB,
  actor: Actor,
  id: string,
  plan: (current: AssessorRow) => Planned | null | Promise<Planned | null>,
): Promise<AssessorRow> {
  for (let attempt = 0; ; attempt++) {
    const current = await getAssessor(db, id);
    if (!current) throw new Error(`assessor ${id} not found`);
    // Planned after reading the row: a concurrent write changes `version`, so a plan made on
    // stale facts (e.g. the consent history) fails the lock and is made again.
    const planned = await plan(current);
    if (!planned) return current;
    try {
      await runGuarded(db, [
        guardedUpdate(db, id, current.version, planned.set),
        ...(planned.extra?.(db) ?? []),
        auditEntry(db, {
          actorUserId: actor.userId,
          schoolId: actor.schoolId,
          action: planned.action,
          entity: "assessor",
          entityId: id,
          changes: {
            ...planned.changes,
            version: { from: current.version, to: current.version + 1 },
          },
          requestId: actor.requestId,
        }),
        bumpDataVersion(db),
      ]);
    } catch (err) {
      if (err instanceof VersionConflict && attempt < 2) continue;
      throw err;
    }
    await refreshAssessorDerived(db, id);
    return (await getAssessor(db, id))!;
  }
}

export function consentEvent(db: DB, actor: Actor, assessorId: string, given: boolean) {
  return db.insert(consentEvents).values({
    id: newId(),
    assessorId,
    given,
    textVersion: CONSENT_TEXT_VERSION,
    schoolId: actor.schoolId,
    userId: actor.userId,
  });
}

/**
 * Gives or withdraws public consent; withdrawal takes the public profile down in the same write.
 * After the assessor withdrew it themselves, a school cannot give it: ConsentWithdrawnByAssessor.
 */
export async function setConsent(
  db: DB,
  actor: Actor,
  id: string,
  given: boolean,
): Promise<AssessorRow> {
  return changeAssessor(db, actor, id, async (current) => {
    if (current.publicConsent === given) return null;
    if (given && (await consentWithdrawnByAssessor(db, id))) throw new ConsentWithdrawnByAssessor();
    return {
      set: { publicConsent: given, publicEligible: given && !current.erasedAt },
      changes: {
        public_consent: { from: current.publicConsent, to: given },
        consent_text_version: CONSENT_TEXT_VERSION,
      },
      action: given ? "consent.give" : "consent.withdraw",
      extra: (db) => [consentEvent(db, actor, id, given)],
    };
  });
}

export async function deregister(
  db: DB,
  actor: Actor,
  id: string,
  body: DeregistrationInput,
): Promise<AssessorRow> {
  return changeAssessor(db, actor, id, (current) => ({
    set: { deregisteredOn: body.date, deregistrationReason: body.reason },
    changes: {
      deregistered_on: { from: current.deregisteredOn, to: body.date },
      deregistration_reason: { from: current.deregistrationReason, to: body.reason },
    },
    action: "deregister",
  }));
}

export async function undoDeregistration(db: DB, actor: Actor, id: string): Promise<AssessorRow> {
  return changeAssessor(db, actor, id, (current) =>
    current.deregisteredOn === null
      ? null
      : {
          set: { deregisteredOn: null, deregistrationReason: null },
          changes: {
            deregistered_on: { from: current.deregisteredOn, to: null },
            deregistration_reason: { from: current.deregistrationReason, to: null },
          },
          action: "deregister.undo",
        },
  );
}
