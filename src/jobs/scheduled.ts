// Workers: the cron triggers in wrangler.toml run the same jobs as `npm start` (runJob, with the
// same lease rows and run records). Which jobs a trigger runs is decided here from its cron.
import { amsterdamHour } from "./amsterdam-hour";
import { runJob, type JobContext, type JobName, type JobOutcome } from "./registry";

/** Every minute: deliver due mail (and retries). */
export const OUTBOX_CRON = "* * * * *";
/**
 * 05:00 and 06:00 UTC: one of them is 07:00 in Amsterdam (summer and winter time); reminders run
 * in that one, retention and the purges in both (they are idempotent).
 */
export const DAILY_CRONS = ["0 5 * * *", "0 6 * * *"];

/** The jobs a cron trigger runs; an unknown cron (a manual trigger) runs all daily jobs. */
export function jobsForCron(cron: string, scheduledTime: Date): JobName[] {
  if (cron === OUTBOX_CRON) return ["outbox"];
  if (DAILY_CRONS.includes(cron)) {
    const reminders = amsterdamHour(scheduledTime) === 7 ? (["reminders"] as const) : [];
    return [...reminders, "retention", "purge", "outbox"];
  }
  return ["reminders", "retention", "purge", "outbox"];
}

/** Runs the jobs one after the other; a failing job does not stop the next. */
export async function runScheduledJobs(ctx: JobContext, jobs: JobName[]): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) outcomes.push(await runJob(ctx, job));
  return outcomes;
}
