// The three-year rule of the register (DESIGN §2): is an assessor qualified on a given date?
import { addDays, addYears, daysBetween, maxDate } from "./dates";

export type AssessorStatus = "qualified" | "expiring" | "lapsed" | "deregistered";

export const statusLabels: Record<AssessorStatus, string> = {
  qualified: "Gekwalificeerd",
  expiring: "Verloopt binnenkort",
  lapsed: "Verlopen",
  deregistered: "Afgemeld",
};

export const DEFAULT_EXPIRING_DAYS = 90;

export type AssessorStatusInput = {
  /** S: the date of the initial training (registration). */
  initialTrainingDate: string;
  examinationDates: readonly string[];
  refresherDates: readonly string[];
  deregisteredOn?: string | null;
  /** D: the reference date. */
  on: string;
  expiringDays?: number;
};

export type AssessorStatusResult = {
  status: AssessorStatus;
  examValidUntil: string;
  refresherValidUntil: string;
  validUntil: string;
  daysLeft: number;
};

/** The last day of the three-year window that starts at `from`. */
export function windowEnd(from: string): string {
  return addDays(addYears(from, 3), -1);
}

/** Latest date in `dates` on or before `on`, but never earlier than the registration date. */
export function latestCounting(start: string, dates: readonly string[], on: string): string {
  const latest = maxDate(dates.filter((d) => d <= on));
  return latest !== undefined && latest > start ? latest : start;
}

export function assessorStatus(input: AssessorStatusInput): AssessorStatusResult {
  const { initialTrainingDate: start, on } = input;
  const examValidUntil = windowEnd(latestCounting(start, input.examinationDates, on));
  const refresherValidUntil = windowEnd(latestCounting(start, input.refresherDates, on));
  const validUntil = examValidUntil < refresherValidUntil ? examValidUntil : refresherValidUntil;
  const daysLeft = daysBetween(on, validUntil);
  const expiringDays = input.expiringDays ?? DEFAULT_EXPIRING_DAYS;

  let status: AssessorStatus;
  if (input.deregisteredOn && input.deregisteredOn <= on) status = "deregistered";
  else if (daysLeft < 0) status = "lapsed";
  else if (daysLeft <= expiringDays) status = "expiring";
  else status = "qualified";

  return { status, examValidUntil, refresherValidUntil, validUntil, daysLeft };
}
