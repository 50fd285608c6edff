// What an assessor still needs before the deadline, as short Dutch lines for lists and mails.
import { daysBetween, formatDutchDate } from "./index";

export type MissingInput = {
  initialTrainingDate: string;
  lastExaminationDate: string | null;
  lastRefresherDate: string | null;
  examValidUntil: string;
  refresherValidUntil: string;
};

/** The windows that end within `expiringDays` of `on` (or have ended), each with since when. */
export function missingParts(a: MissingInput, on: string, expiringDays: number): string[] {
  const parts: string[] = [];
  if (daysBetween(on, a.examValidUntil) <= expiringDays) {
    const since =
      a.lastExaminationDate && a.lastExaminationDate > a.initialTrainingDate
        ? a.lastExaminationDate
        : a.initialTrainingDate;
    parts.push(`Geen examen sinds ${formatDutchDate(since)}`);
  }
  if (daysBetween(on, a.refresherValidUntil) <= expiringDays) {
    const since =
      a.lastRefresherDate && a.lastRefresherDate > a.initialTrainingDate
        ? a.lastRefresherDate
        : a.initialTrainingDate;
    parts.push(`Nog geen bijscholing sinds ${formatDutchDate(since)}`);
  }
  return parts;
}
