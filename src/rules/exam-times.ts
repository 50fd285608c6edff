// Times around a written school-exam test: extra time and how late a candidate may still enter.
import { RuleInputError } from "./rule-error";

function checkDuration(durationMinutes: number): void {
  if (
    typeof durationMinutes !== "number" ||
    !Number.isFinite(durationMinutes) ||
    durationMinutes <= 0
  ) {
    throw new RuleInputError(
      "De duur van de toets is een aantal minuten groter dan 0.",
      "durationMinutes",
    );
  }
}

/**
 * The most extra time a candidate with an approved adjustment gets (examenreglement art. 21
 * lid 3, with art. 39 lid 2b): a test of at most 40 minutes → 10 minutes, a longer test → 30.
 */
export function extraTimeMinutes(durationMinutes: number): number {
  checkDuration(durationMinutes);
  return durationMinutes <= 40 ? 10 : 30;
}

/**
 * How many minutes after the start a late candidate is still let in (examenreglement art. 21
 * lid 1): 15 for a test of at most 40 minutes, 30 for a longer one. Later means no entry.
 */
export function lateAdmissionMinutes(durationMinutes: number): number {
  checkDuration(durationMinutes);
  return durationMinutes <= 40 ? 15 : 30;
}
