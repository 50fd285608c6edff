// Node (`npm start`): the jobs run inside the server process. Outbox delivery runs continuously
// (woken right after a mail is queued, else when the next retry is due); the daily and hourly
// jobs are scheduled with croner. Each run goes through runJob, so with two processes on one
// database only one of them runs a job at a time.
import { Cron } from "croner";
import { nextDueAt } from "#src/queries/outbox";
import { runJob, type JobContext, type JobName, type JobOutcome } from "./registry";

/** When each scheduled job runs, in Europe/Amsterdam time. */
export const SCHEDULES: { job: Exclude<JobName, "outbox">; pattern: string }[] = [
  { job: "reminders", pattern: "0 7 * * *" },
  { job: "retention", pattern: "30 3 * * *" },
  { job: "purge", pattern: "17 * * * *" },
];
export const TIMEZONE = "Europe/Amsterdam";

export type JobRunner = {
  /** Deliver soon (within a few seconds): a mail was just queued. */
  wake(): void;
  stop(): Promise<void>;
};

function logOutcome(outcome: JobOutcome) {
  if (outcome.result === "error") console.error(`Taak ${outcome.job} mislukt: ${outcome.error}`);
  else if (outcome.result === "ok" && outcome.job !== "outbox")
    console.log(`Taak ${outcome.job} klaar: ${JSON.stringify(outcome.counts)}`);
  else if (outcome.result === "ok" && (outcome.counts.failed ?? 0) > 0)
    console.error(
      `E-mail: ${outcome.counts.failed} bericht(en) definitief mislukt, zie /beheer/mail`,
    );
}

/**
 * A queued mail wakes the sender after 2–3 s, not at once: the delivery's database writes then
 * never land on the requests right after the one that queued it (a password reset for a known
 * address must not make the next request measurably slower than one for an unknown address),
 * and mails queued together go out in one run.
 */
export const WAKE_DELAY_MS = 2000;
export const WAKE_JITTER_MS = 1000;

export function startJobRunner(ctx: JobContext): JobRunner {
  let stopped = false;
  let pendingWake: ReturnType<typeof setTimeout> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  const pollMs = ctx.config.mail.pollSeconds * 1000;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      wakeUp = resolve;
      timer = setTimeout(resolve, ms);
    }).finally(() => {
      clearTimeout(timer);
      wakeUp = undefined;
    });

  async function outboxLoop() {
    while (!stopped) {
      woken = false;
      let delay = pollMs;
      try {
        const outcome = await runJob(ctx, "outbox");
        logOutcome(outcome);
        if (outcome.result === "skipped") {
          // Another process is delivering; look again soon so a mail queued here is not left.
          delay = Math.min(pollMs, 1000);
        } else {
          const due = await nextDueAt(ctx.db);
          if (due) delay = Math.min(pollMs, Math.max(50, Date.parse(due) - ctx.now().getTime()));
        }
      } catch (err) {
        // The database may be away for a moment; the loop keeps going.
        console.error("E-mail versturen mislukt:", err instanceof Error ? err.message : err);
      }
      if (!ctx.transport) delay = pollMs;
      await sleep(delay);
    }
  }
  const loop = outboxLoop();

  const crons = SCHEDULES.map(
    ({ job, pattern }) =>
      new Cron(pattern, { timezone: TIMEZONE, protect: true, catch: true }, async () => {
        logOutcome(await runJob(ctx, job));
      }),
  );

  return {
    wake() {
      if (pendingWake || stopped) return;
      pendingWake = setTimeout(
        () => {
          pendingWake = undefined;
          woken = true;
          wakeUp?.();
        },
        WAKE_DELAY_MS + Math.random() * WAKE_JITTER_MS,
      );
    },
    async stop() {
      stopped = true;
      clearTimeout(pendingWake);
      for (const cron of crons) cron.stop();
      wakeUp?.();
      await loop;
    },
  };
}
