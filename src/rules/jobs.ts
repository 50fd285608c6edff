// The names of the jobs the register runs by itself (shared by the scheduler, the CLI and /beheer).
export const JOB_NAMES = ["outbox", "reminders", "retention", "purge"] as const;
export type JobName = (typeof JOB_NAMES)[number];

export function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name);
}
