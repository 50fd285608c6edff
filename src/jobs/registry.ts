// The jobs that run by themselves (DESIGN §8): outbox delivery, reminders, retention and purges.
// runJob takes the job's lease row first, so a second process never runs the same job at once,
// and records the run (start, end, result, counts) for /beheer.
import { deleteExpiredSessions } from "#src/auth/sessions";
import { purgeThrottleEvents } from "#src/auth/throttle";
import type { Config } from "#src/config";
import type { DB } from "#src/db";
import type { Mailer } from "#src/env";
import { deliverDueMail } from "#src/mail/sender";
import type { MailTransport } from "#src/mail/transport";
import { purgeIdempotencyKeys } from "#src/queries/idempotency";
import {
  acquireJobLease,
  finishJobRun,
  purgeJobRuns,
  recordSkippedRun,
  releaseJobLease,
  startJobRun,
} from "#src/queries/jobs";
import { amsterdamDate } from "#src/rules";
import type { JobName } from "#src/rules/jobs";
import { sendReminders } from "./reminders";
import { eraseExpiredDeregistrations } from "./retention";

export { isJobName, JOB_NAMES, type JobName } from "#src/rules/jobs";

export type JobContext = {
  db: DB;
  config: Config;
  transport: MailTransport | null;
  now: () => Date;
  /** This process (and runner) — the lease holder. */
  runner: string;
  /** Told when a job queued a mail (Node: wakes the sender). */
  mailer?: Mailer;
};

export type Counts = Record<string, number>;

/** Job run records are kept this long. */
const RUNS_KEEP_MS = 90 * 24 * 3600_000;

const JOBS: Record<JobName, { leaseSeconds: number; run: (ctx: JobContext) => Promise<Counts> }> = {
  outbox: {
    // Short: every mail has its own claim, so this lease only spares a second process the work;
    // after a crash the next process should not wait long before it delivers.
    leaseSeconds: 60,
    run: (ctx) =>
      deliverDueMail({
        db: ctx.db,
        transport: ctx.transport,
        config: ctx.config,
        now: ctx.now,
        holder: ctx.runner,
      }),
  },
  reminders: {
    leaseSeconds: 900,
    run: async (ctx) => ({
      queued: await sendReminders(
        { db: ctx.db, config: ctx.config, mailer: ctx.mailer },
        amsterdamDate(ctx.now()),
      ),
    }),
  },
  retention: {
    leaseSeconds: 900,
    run: async (ctx) => ({
      erased: await eraseExpiredDeregistrations(ctx.db, ctx.config, amsterdamDate(ctx.now())),
    }),
  },
  purge: {
    leaseSeconds: 300,
    run: async (ctx) => {
      const now = ctx.now();
      const idempotencyKeys = await purgeIdempotencyKeys(ctx.db, now);
      // Past the longest throttle window the rows serve nothing, and they hold typed addresses.
      const throttleEvents = await purgeThrottleEvents(ctx.db, now);
      await deleteExpiredSessions(ctx.db);
      const jobRuns = await purgeJobRuns(ctx.db, new Date(now.getTime() - RUNS_KEEP_MS));
      return { idempotencyKeys, throttleEvents, jobRuns };
    },
  },
};

export type JobOutcome =
  | { job: JobName; result: "ok"; counts: Counts }
  | { job: JobName; result: "error"; error: string }
  | { job: JobName; result: "skipped" };

function idle(counts: Counts): boolean {
  return Object.values(counts).every((n) => n === 0);
}

/**
 * Runs one job under its lease. Busy lease → "skipped". The outbox job runs every few seconds,
 * so its runs are recorded only when they did something (or failed); every other run is recorded.
 */
export async function runJob(ctx: JobContext, job: JobName): Promise<JobOutcome> {
  const definition = JOBS[job];
  const start = ctx.now();
  const leased = await acquireJobLease(
    ctx.db,
    job,
    ctx.runner,
    start,
    new Date(start.getTime() + definition.leaseSeconds * 1000),
  );
  const quiet = job === "outbox";
  if (!leased) {
    if (!quiet) await recordSkippedRun(ctx.db, job, ctx.runner, start);
    return { job, result: "skipped" };
  }
  const runId = quiet ? null : await startJobRun(ctx.db, job, ctx.runner, start);
  let outcome: JobOutcome;
  try {
    outcome = { job, result: "ok", counts: await definition.run(ctx) };
  } catch (err) {
    outcome = { job, result: "error", error: err instanceof Error ? err.message : String(err) };
  }
  try {
    const finished = ctx.now();
    const record =
      outcome.result === "ok"
        ? { result: "ok" as const, counts: outcome.counts }
        : { result: "error" as const, error: outcome.result === "error" ? outcome.error : "" };
    if (runId !== null) await finishJobRun(ctx.db, runId, finished, record);
    else if (outcome.result === "error" || !idle(outcome.counts)) {
      await finishJobRun(
        ctx.db,
        await startJobRun(ctx.db, job, ctx.runner, start),
        finished,
        record,
      );
    }
  } finally {
    await releaseJobLease(ctx.db, job, ctx.runner, ctx.now());
  }
  return outcome;
}
