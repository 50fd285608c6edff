// The pass/fail rule (uitslagregeling) for havo, vwo and mavo, with a Dutch reason per failed rule.
import {
  compare,
  fraction,
  fromNumber,
  mean,
  roundHalfUp,
  toDecimalString,
  toNumber,
  truncate,
  type Fraction,
} from "./decimal";
import { gradeFraction, MAX_GRADE, MIN_GRADE } from "./grades";
import { RuleInputError } from "./rule-error";

export const EXAM_LEVELS = ["havo", "vwo", "mavo"] as const;
export type ExamLevel = (typeof EXAM_LEVELS)[number];

export const ASSESSMENTS = ["onvoldoende", "voldoende", "goed"] as const;
export type Assessment = (typeof ASSESSMENTS)[number];

export type Subject = {
  name: string;
  /** The final grade (eindcijfer), a whole number 1–10. */
  finalGrade?: number;
  /** The central-exam grade, 1.0–10.0, when the subject has a central exam. */
  centralExamGrade?: number;
  /** Nederlands, Engels, wiskunde (havo/vwo: kernvakken); Nederlands (mavo). */
  core?: boolean;
  /** havo/vwo: maatschappijleer, CKV, profielwerkstuk: together one combination grade. */
  combination?: boolean;
  /** Subjects judged without a grade, e.g. lichamelijke opvoeding. */
  assessment?: Assessment;
};

export type ExamResultInput = { level: ExamLevel; subjects: readonly Subject[] };

export type ExamResult = {
  passed: boolean;
  /** One Dutch sentence per failed rule; empty when passed. */
  reasons: string[];
  /** Unrounded average of all central-exam grades; null when none was given. */
  centralExamAverage: number | null;
  /** havo/vwo with combination subjects: their average rounded half up to a whole number. */
  combinationGrade?: number;
};

const SIX = fraction(6n);
const CENTRAL_EXAM_MINIMUM = fraction(55n, 10n);

type Graded = { name: string; grade: number };

/** 5.4999… → "5,49": cut off, never rounded up, so a failing average never reads as the minimum. */
function dutchDecimal(value: Fraction, decimals = 2): string {
  return toDecimalString(truncate(value, decimals)).replace(".", ",");
}

function listNames(items: readonly Graded[]): string {
  const parts = items.map((s) => `${s.name} (${s.grade})`);
  return parts.length <= 1
    ? parts.join("")
    : `${parts.slice(0, -1).join(", ")} en ${parts[parts.length - 1]}`;
}

function validSubject(subject: Subject, i: number): Subject {
  const field = `subjects.${i}`;
  if (typeof subject?.name !== "string" || subject.name.trim() === "") {
    throw new RuleInputError("Elk vak heeft een naam.", `${field}.name`);
  }
  if (subject.finalGrade !== undefined && subject.finalGrade !== null) {
    const g = subject.finalGrade;
    if (typeof g !== "number" || !Number.isInteger(g) || g < MIN_GRADE || g > MAX_GRADE) {
      throw new RuleInputError(
        "Een eindcijfer is een geheel getal van 1 tot en met 10.",
        `${field}.finalGrade`,
      );
    }
  }
  if (subject.centralExamGrade !== undefined && subject.centralExamGrade !== null) {
    gradeFraction(subject.centralExamGrade, `${field}.centralExamGrade`);
  }
  if (
    subject.assessment !== undefined &&
    subject.assessment !== null &&
    !ASSESSMENTS.includes(subject.assessment)
  ) {
    throw new RuleInputError(
      "Een beoordeling is onvoldoende, voldoende of goed.",
      `${field}.assessment`,
    );
  }
  const hasGrade = typeof subject.finalGrade === "number";
  if (!hasGrade && !subject.assessment) {
    throw new RuleInputError(
      "Geef elk vak een eindcijfer of een beoordeling.",
      `${field}.finalGrade`,
    );
  }
  if (!hasGrade && (subject.core || subject.combination)) {
    throw new RuleInputError(
      "Een kernvak of combinatievak heeft een eindcijfer.",
      `${field}.finalGrade`,
    );
  }
  return subject;
}

/**
 * Geslaagd of afgewezen, after the uitslagregeling of the examenreglement (art. 35a vwo,
 * art. 35b havo, art. 35c mavo):
 * - every level: the unrounded average of all central-exam grades is at least 5.5 (lid 1a);
 * - havo/vwo: for the core subjects (Ne, En, Wi) at most one 5 and nothing below 5 (lid 1b);
 *   mavo: Nederlands at least 5 (lid 1b);
 * - havo/vwo: maatschappijleer, CKV and profielwerkstuk each at least 4; their average, rounded
 *   half up to a whole number, counts as one final grade: the combination grade (lid 4);
 * - havo/vwo: all final grades 6 or more, or one 5, or one 4 / two 5s / one 5 and one 4 with the
 *   rest 6 or more and the unrounded average of the final grades at least 6.0 (lid 2);
 *   mavo: all 6 or more, or one 5, or one 4 / two 5s with the rest 6 or more and at least one
 *   7 or more (lid 2);
 * - every subject judged by assessment (lichamelijke opvoeding; mavo also the kunstvak and the
 *   profielwerkstuk) is "voldoende" or "goed" (lid 3).
 * Every failed rule adds one Dutch reason, so a school can explain the outcome.
 */
export function examResult(input: ExamResultInput): ExamResult {
  const level = input?.level;
  if (!EXAM_LEVELS.includes(level)) {
    throw new RuleInputError("Kies havo, vwo of mavo.", "level");
  }
  if (!Array.isArray(input.subjects) || input.subjects.length === 0) {
    throw new RuleInputError("Vul ten minste één vak in.", "subjects");
  }
  const subjects = input.subjects.map(validSubject);
  const reasons: string[] = [];

  // Central-exam average (lid 1a).
  const centralGrades = subjects
    .filter((s) => typeof s.centralExamGrade === "number")
    .map((s) => fromNumber(s.centralExamGrade));
  const centralAverage = centralGrades.length ? mean(centralGrades) : null;
  if (centralAverage === null) {
    reasons.push(
      "Er is geen cijfer voor het centraal examen ingevuld; het gemiddelde moet ten minste 5,5 zijn.",
    );
  } else if (compare(centralAverage, CENTRAL_EXAM_MINIMUM) < 0) {
    reasons.push(
      `Het gemiddelde van de cijfers voor het centraal examen is ${dutchDecimal(centralAverage)}; dat moet ten minste 5,5 zijn.`,
    );
  }

  const graded = (list: readonly Subject[]): Graded[] =>
    list.map((s) => ({ name: s.name.trim(), grade: s.finalGrade as number }));
  const withGrade = subjects.filter((s) => typeof s.finalGrade === "number");
  const core = graded(subjects.filter((s) => s.core));

  // Core subjects (lid 1b).
  const coreBelowFive = core.filter((s) => s.grade < 5);
  if (level === "mavo") {
    if (coreBelowFive.length)
      reasons.push(`Voor ${listNames(coreBelowFive)} moet het eindcijfer ten minste 5 zijn.`);
  } else {
    const coreFives = core.filter((s) => s.grade === 5);
    if (coreBelowFive.length) {
      reasons.push(
        `Bij de kernvakken (Nederlands, Engels, wiskunde) is geen eindcijfer lager dan 5 toegestaan: ${listNames(coreBelowFive)}.`,
      );
    }
    if (coreFives.length > 1) {
      reasons.push(
        `Bij de kernvakken (Nederlands, Engels, wiskunde) is ten hoogste één 5 toegestaan: ${listNames(coreFives)}.`,
      );
    }
  }

  // Combination grade (lid 4): havo/vwo only; it replaces its parts in the final-grade rule.
  let combinationGrade: number | undefined;
  let finals = graded(withGrade);
  const combinationParts = level === "mavo" ? [] : withGrade.filter((s) => s.combination);
  if (combinationParts.length) {
    const parts = graded(combinationParts);
    const belowFour = parts.filter((s) => s.grade < 4);
    if (belowFour.length) {
      reasons.push(
        `Elk vak van het combinatiecijfer moet ten minste een 4 hebben: ${listNames(belowFour)}.`,
      );
    }
    combinationGrade = toNumber(roundHalfUp(mean(parts.map((s) => fraction(BigInt(s.grade)))), 0));
    finals = [
      ...graded(withGrade.filter((s) => !s.combination)),
      { name: "combinatiecijfer", grade: combinationGrade },
    ];
  }

  // Final grades (lid 2).
  const finalReason = finalGradeRule(level, finals);
  if (finalReason) reasons.push(finalReason);

  // Assessments (lid 3).
  const insufficient = subjects
    .filter((s) => s.assessment === "onvoldoende")
    .map((s) => s.name.trim());
  if (insufficient.length) {
    const names =
      insufficient.length === 1
        ? insufficient[0]
        : `${insufficient.slice(0, -1).join(", ")} en ${insufficient[insufficient.length - 1]}`;
    reasons.push(`De beoordeling van ${names} is onvoldoende; dat moet voldoende of goed zijn.`);
  }

  const result: ExamResult = {
    passed: reasons.length === 0,
    reasons,
    centralExamAverage: centralAverage === null ? null : toNumber(centralAverage),
  };
  if (combinationGrade !== undefined) result.combinationGrade = combinationGrade;
  return result;
}

/** The 4/5 rule on the final grades; returns the Dutch reason when it fails. */
function finalGradeRule(level: ExamLevel, finals: readonly Graded[]): string | undefined {
  if (finals.length === 0) return undefined;
  const belowFour = finals.filter((s) => s.grade < 4);
  const fours = finals.filter((s) => s.grade === 4);
  const fives = finals.filter((s) => s.grade === 5);
  const shortfalls = [...belowFour, ...fours, ...fives];

  if (belowFour.length) {
    return `Een eindcijfer lager dan 4 is niet toegestaan: ${listNames(belowFour)}.`;
  }
  if (shortfalls.length === 0) return undefined;
  if (fours.length === 0 && fives.length === 1) return undefined;

  const compensable =
    level === "mavo"
      ? (fours.length === 1 && fives.length === 0) || (fours.length === 0 && fives.length === 2)
      : (fours.length === 1 && fives.length <= 1) || (fours.length === 0 && fives.length === 2);
  if (!compensable) {
    const allowed =
      level === "mavo"
        ? "ten hoogste één 5, of één 4 of twee 5'en met ten minste één 7"
        : "ten hoogste één 5, of één 4, twee 5'en of één 5 en één 4 met een gemiddelde van ten minste 6,0";
    return `Te veel onvoldoendes: ${listNames(shortfalls)}. Toegestaan is ${allowed}.`;
  }

  if (level === "mavo") {
    if (finals.some((s) => s.grade >= 7)) return undefined;
    return `Met ${listNames(shortfalls)} moet ten minste één eindcijfer 7 of hoger zijn.`;
  }
  const average = mean(finals.map((s) => fraction(BigInt(s.grade))));
  if (compare(average, SIX) >= 0) return undefined;
  return `Met ${listNames(shortfalls)} moet het gemiddelde van de eindcijfers ten minste 6,0 zijn; het is ${dutchDecimal(average)}.`;
}
