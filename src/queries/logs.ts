// Examinations and refresher trainings (bijscholing) logged for an assessor by a linked school.
import { and, eq } from "drizzle-orm";
import { assessorCrebos, examinations, refresherTrainings } from "#db/schema";
import type { DB } from "#src/db";
import { newId } from "#src/lib/ids";
import type { Actor } from "#src/rules/access";
import type { ExaminationInput, RefresherInput } from "./assessor-input";
import { refreshAssessorDerived } from "./assessor-derived";
import { auditEntry } from "./audit";
import { runBatch, type Statement } from "./batch";
import { bumpDataVersion } from "./meta";

type SchoolActor = Actor & { schoolId: string };

export async function assessorCreboCodes(db: DB, assessorId: string): Promise<string[]> {
  const rows = await db
    .select({ code: assessorCrebos.creboCode })
    .from(assessorCrebos)
    .where(eq(assessorCrebos.assessorId, assessorId));
  return rows.map((r) => r.code);
}

export type ExaminationRow = typeof examinations.$inferSelect;
export type RefresherRow = typeof refresherTrainings.$inferSelect;

/** Logs an examination; the crebo must be one of the assessor's crebos (checked by the caller). */
export async function addExamination(
  db: DB,
  actor: SchoolActor,
  assessorId: string,
  body: ExaminationInput,
): Promise<ExaminationRow> {
  const id = newId();
  const [[row]] = (await runBatch(db, [
    db
      .insert(examinations)
      .values({
        id,
        assessorId,
        date: body.date,
        creboCode: body.crebo,
        notes: body.notes,
        schoolId: actor.schoolId,
        userId: actor.userId,
      })
      .returning(),
    auditEntry(db, {
      actorUserId: actor.userId,
      schoolId: actor.schoolId,
      action: "examination.create",
      entity: "assessor",
      entityId: assessorId,
      changes: {
        examination: {
          from: null,
          to: { id, date: body.date, crebo: body.crebo, notes: body.notes },
        },
      },
      requestId: actor.requestId,
    }),
    bumpDataVersion(db),
  ])) as [ExaminationRow[]];
  await refreshAssessorDerived(db, assessorId);
  return row;
}

export async function addRefresherTraining(
  db: DB,
  actor: SchoolActor,
  assessorId: string,
  body: RefresherInput,
): Promise<RefresherRow> {
  const id = newId();
  const [[row]] = (await runBatch(db, [
    db
      .insert(refresherTrainings)
      .values({
        id,
        assessorId,
        date: body.date,
        kind: body.kind,
        description: body.description,
        provider: body.provider,
        schoolId: actor.schoolId,
        userId: actor.userId,
      })
      .returning(),
    auditEntry(db, {
      actorUserId: actor.userId,
      schoolId: actor.schoolId,
      action: "refresher_training.create",
      entity: "assessor",
      entityId: assessorId,
      changes: {
        refresher_training: {
          from: null,
          to: {
            id,
            date: body.date,
            kind: body.kind,
            description: body.description,
            provider: body.provider,
          },
        },
      },
      requestId: actor.requestId,
    }),
    bumpDataVersion(db),
  ])) as [RefresherRow[]];
  await refreshAssessorDerived(db, assessorId);
  return row;
}

export type DeleteResult = "deleted" | "not_found" | "forbidden";

/** Deletes a logged examination: only the school that logged it; the audit row keeps it. */
export async function deleteExamination(
  db: DB,
  actor: SchoolActor,
  assessorId: string,
  examinationId: string,
): Promise<DeleteResult> {
  const [row] = await db
    .select()
    .from(examinations)
    .where(and(eq(examinations.id, examinationId), eq(examinations.assessorId, assessorId)));
  if (!row) return "not_found";
  return deleteOwnLog(db, actor, assessorId, {
    loggedBy: row.schoolId,
    statement: db.delete(examinations).where(eq(examinations.id, examinationId)),
    action: "examination.delete",
    changes: {
      examination: {
        from: {
          id: row.id,
          date: row.date,
          crebo: row.creboCode,
          notes: row.notes,
          school_id: row.schoolId,
          user_id: row.userId,
        },
        to: null,
      },
    },
  });
}

export async function deleteRefresherTraining(
  db: DB,
  actor: SchoolActor,
  assessorId: string,
  refresherId: string,
): Promise<DeleteResult> {
  const [row] = await db
    .select()
    .from(refresherTrainings)
    .where(
      and(eq(refresherTrainings.id, refresherId), eq(refresherTrainings.assessorId, assessorId)),
    );
  if (!row) return "not_found";
  return deleteOwnLog(db, actor, assessorId, {
    loggedBy: row.schoolId,
    statement: db.delete(refresherTrainings).where(eq(refresherTrainings.id, refresherId)),
    action: "refresher_training.delete",
    changes: {
      refresher_training: {
        from: {
          id: row.id,
          date: row.date,
          kind: row.kind,
          description: row.description,
          provider: row.provider,
          school_id: row.schoolId,
          user_id: row.userId,
        },
        to: null,
      },
    },
  });
}

/**
 * Runs the delete of one found log row when the actor's school logged it ("forbidden" otherwise),
 * with its audit row and a data-version bump in one batch, then refreshes the assessor.
 */
async function deleteOwnLog(
  db: DB,
  actor: SchoolActor,
  assessorId: string,
  log: { loggedBy: string; statement: Statement; action: string; changes: Record<string, unknown> },
): Promise<DeleteResult> {
  if (log.loggedBy !== actor.schoolId) return "forbidden";
  await runBatch(db, [
    log.statement,
    auditEntry(db, {
      actorUserId: actor.userId,
      schoolId: actor.schoolId,
      action: log.action,
      entity: "assessor",
      entityId: assessorId,
      changes: log.changes,
      requestId: actor.requestId,
    }),
    bumpDataVersion(db),
  ]);
  await refreshAssessorDerived(db, assessorId);
  return "deleted";
}
