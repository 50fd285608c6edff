// The daily jobs (reminders, retention, session cleanup) in one place: the Workers `scheduled`
// handler calls runScheduledJobs; the CLI commands call the same functions one by one.
import type { Config } from "../config";
import type { DB } from "../db";
import type { Mailer } from "../env";
import { deleteExpiredSessions } from "../auth/sessions";
import { amsterdamDate } from "../rules";
import { sendReminders } from "./reminders";
import { eraseExpiredDeregistrations } from "./retention";

export type JobOutcome =
  | { job: "reminders" | "retention" | "sessions"; ok: true; count?: number }
  | { job: "reminders" | "retention" | "sessions"; ok: false; error: string };

/**
 * Runs every daily job for `now` (today = the Amsterdam date of `now`). A failing job does not
 * stop the next one; the outcome of each is returned for the caller to log. All jobs are safe
 * to run twice on the same day (reminders are deduplicated, erasure and cleanup are idempotent).
 */
export async function runScheduledJobs(
  db: DB,
  config: Config,
  now: Date,
  mailer?: Mailer,
): Promise<JobOutcome[]> {
  const today = amsterdamDate(now);
  // A job resolves to the number of rows it handled, or to nothing (sessions).
  const jobs: { job: JobOutcome["job"]; run: () => Promise<unknown> }[] = [
    { job: "reminders", run: () => sendReminders({ db, config, mailer }, today) },
    { job: "retention", run: () => eraseExpiredDeregistrations(db, config, today) },
    { job: "sessions", run: () => deleteExpiredSessions(db) },
  ];
  const outcomes: JobOutcome[] = [];
  for (const { job, run } of jobs) {
    try {
      const count = await run();
      outcomes.push(typeof count === "number" ? { job, ok: true, count } : { job, ok: true });
    } catch (err) {
      outcomes.push({ job, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return outcomes;
}
