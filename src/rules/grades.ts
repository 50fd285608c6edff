// Grade arithmetic of the examenreglement: rounding, the school-exam grade, the final grade.
import {
  add,
  compare,
  divide,
  fraction,
  fromNumber,
  multiply,
  roundHalfUp,
  sum,
  toNumber,
  type Fraction,
} from "./decimal";
import { RuleInputError } from "./rule-error";

export const MIN_GRADE = 1;
export const MAX_GRADE = 10;

const ONE = fraction(1n);
const TEN = fraction(10n);

/** A grade on the scale 1–10 as an exact fraction; throws RuleInputError otherwise. */
export function gradeFraction(value: unknown, field: string): Fraction {
  const grade = fromNumber(value, field);
  if (compare(grade, ONE) < 0 || compare(grade, TEN) > 0) {
    throw new RuleInputError("Een cijfer ligt tussen 1,0 en 10,0.", field);
  }
  return grade;
}

/**
 * Rounds half up on the decimal value the number stands for, immune to float error
 * (PTA art. 12: "6,45 wordt 6,5 en 6,44 wordt 6,4"; examenreglement art. 33 lid 2 for whole
 * numbers). 6.45 → 6.5, 6.44 → 6.4, (6.3 + 6.6) / 2 → 6.5, 5.55 → 5.6.
 * `decimals` is a whole number from 0 to 10.
 */
export function roundGrade(value: number, decimals = 1): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
    throw new RuleInputError(
      "Het aantal decimalen is een geheel getal van 0 tot en met 10.",
      "decimals",
    );
  }
  return toNumber(roundHalfUp(fromNumber(value, "value"), decimals));
}

export type SchoolExamPart = { grade: number; weight: number };

/**
 * The school-exam grade of one subject: the weighted average of its PTA components, rounded half
 * up to one decimal (examenreglement art. 25 lid 5, PTA art. 12). E.g. the CKV formula
 * (1P1+1P2+2P3+1P4+2P5+1P6+2P7+1M1)/11 is eight parts with those weights.
 * Every grade is 1–10 and every weight above 0; at least one part.
 */
export function schoolExamGrade(parts: readonly SchoolExamPart[]): number {
  if (!Array.isArray(parts) || parts.length === 0) {
    throw new RuleInputError("Vul ten minste één onderdeel met een cijfer in.", "parts");
  }
  let weighted = fraction(0n);
  const weights: Fraction[] = [];
  parts.forEach((part, i) => {
    const grade = gradeFraction(part?.grade, `parts.${i}.grade`);
    const weight = fromNumber(part?.weight, `parts.${i}.weight`);
    if (weight.n <= 0n)
      throw new RuleInputError("Een weging is groter dan 0.", `parts.${i}.weight`);
    weighted = add(weighted, multiply(grade, weight));
    weights.push(weight);
  });
  return toNumber(roundHalfUp(divide(weighted, sum(weights)), 1));
}

export type FinalGradeInput = { schoolExam: number; centralExam?: number | null };

/**
 * The final grade (eindcijfer) of a subject, a whole number 1–10 (examenreglement art. 33).
 * The school-exam grade is first rounded to one decimal (PTA art. 12). With a central exam: the
 * average of both, rounded half up to a whole number (art. 33 lid 2: ",45 of minder naar beneden,
 * ,50 of meer naar boven"). Without one: the school-exam grade, rounded to a whole number
 * (art. 33 lid 3 with PTA art. 12: 6.45 → 6.5 → 7; 6.44 → 6.4 → 6).
 */
export function finalGrade(input: FinalGradeInput): number {
  const schoolExam = roundHalfUp(gradeFraction(input?.schoolExam, "schoolExam"), 1);
  const centralExam = input.centralExam ?? undefined;
  if (centralExam === undefined) return toNumber(roundHalfUp(schoolExam, 0));
  const average = divide(add(schoolExam, gradeFraction(centralExam, "centralExam")), fraction(2n));
  return toNumber(roundHalfUp(average, 0));
}
