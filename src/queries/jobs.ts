// Job leases (one runner per job across processes) and the record of every run.
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { jobLeases, jobRuns } from "#db/schema";
import type { DB } from "#src/db";

/**
 * Takes the lease of `job` for `holder` until `until`, in one statement: insert, or take over a
 * lease that has run out. True when `holder` has it now. Two runners racing for the same job
 * both issue this statement; SQLite applies them one after the other, so only one gets a row back.
 */
export async function acquireJobLease(
  db: DB,
  job: string,
  holder: string,
  now: Date,
  until: Date,
): Promise<boolean> {
  const rows = await db
    .insert(jobLeases)
    .values({ job, holder, until: until.toISOString() })
    .onConflictDoUpdate({
      target: jobLeases.job,
      set: { holder, until: until.toISOString() },
      setWhere: lt(jobLeases.until, now.toISOString()),
    })
    .returning({ holder: jobLeases.holder });
  return rows.length === 1 && rows[0].holder === holder;
}

/** Gives the lease back at once (only the holder can). */
export async function releaseJobLease(db: DB, job: string, holder: string, now: Date) {
  await db
    .update(jobLeases)
    .set({ until: now.toISOString() })
    .where(and(eq(jobLeases.job, job), eq(jobLeases.holder, holder)));
}

export type JobRun = typeof jobRuns.$inferSelect;

export async function startJobRun(db: DB, job: string, runner: string, now: Date) {
  const [row] = await db
    .insert(jobRuns)
    .values({ job, runner, startedAt: now.toISOString() })
    .returning({ id: jobRuns.id });
  return row.id;
}

export async function finishJobRun(
  db: DB,
  id: number,
  now: Date,
  outcome: { result: "ok" | "error" | "skipped"; counts?: Record<string, number>; error?: string },
) {
  await db
    .update(jobRuns)
    .set({
      finishedAt: now.toISOString(),
      result: outcome.result,
      counts: JSON.stringify(outcome.counts ?? {}),
      error: outcome.error?.slice(0, 500) ?? null,
    })
    .where(eq(jobRuns.id, id));
}

/** A run that was skipped (another runner held the lease), recorded in one row. */
export async function recordSkippedRun(db: DB, job: string, runner: string, now: Date) {
  await db.insert(jobRuns).values({
    job,
    runner,
    startedAt: now.toISOString(),
    finishedAt: now.toISOString(),
    result: "skipped",
  });
}

export async function recentJobRuns(db: DB, limit: number, job?: string): Promise<JobRun[]> {
  return db
    .select()
    .from(jobRuns)
    .where(job ? eq(jobRuns.job, job) : undefined)
    .orderBy(desc(jobRuns.startedAt), desc(jobRuns.id))
    .limit(limit);
}

/** Drops run records older than `before`; returns how many. */
export async function purgeJobRuns(db: DB, before: Date): Promise<number> {
  const result = await db.delete(jobRuns).where(lt(jobRuns.startedAt, before.toISOString()));
  return Number((result as { rowsAffected?: number }).rowsAffected ?? 0);
}

/** The last run of each job (the job list in /beheer). */
export async function lastRunPerJob(db: DB): Promise<JobRun[]> {
  return db.all<JobRun>(sql`SELECT id, job, runner, started_at AS startedAt,
      finished_at AS finishedAt, result, counts, error
    FROM job_runs r WHERE id = (SELECT max(id) FROM job_runs WHERE job = r.job)
    ORDER BY job`);
}
