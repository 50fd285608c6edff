// The rekenhulp's grade forms: the school-exam grade from PTA parts, and the final grade.
import { finalGrade, roundGrade, schoolExamGrade } from "#src/rules";
import {
  add,
  compare,
  divide,
  fraction,
  fromNumber,
  multiply,
  sum,
  toDecimalString,
  truncate,
} from "#src/rules/decimal";
import {
  dutchNumber,
  gradeError,
  parseDecimal,
  PART_ROWS,
  rowCount,
  type FieldValues,
  type FormErrors,
} from "./common";

export type SchoolExamForm = {
  values: FieldValues;
  rows: number;
  /** The row just added with "Regel toevoegen": its first field gets the focus. */
  focusRow?: number;
  errors: FormErrors;
  result?: {
    /** The exact weighted average, cut off after 4 decimals, and whether it was cut. */
    average: string;
    averageCut: boolean;
    formula: string;
    schoolExam: number;
    finalGrade: number;
    centralExam?: number;
  };
};

export function schoolExamForm(values: FieldValues = {}, addRow = false): SchoolExamForm {
  const rows = rowCount(values, PART_ROWS, addRow ? 1 : 0);
  const filled: FieldValues = { ...values };
  for (let i = 1; i <= rows; i += 1) filled[`part-${i}-weight`] ??= "1";
  return { values: filled, rows, errors: {}, focusRow: addRow ? rows : undefined };
}

export function calculateSchoolExam(values: FieldValues): SchoolExamForm {
  const form = schoolExamForm(values);
  const errors: FormErrors = {};
  const parts: { grade: number; weight: number }[] = [];
  for (let i = 1; i <= form.rows; i += 1) {
    const gradeRaw = values[`part-${i}-grade`];
    const weightRaw = values[`part-${i}-weight`];
    const grade = parseDecimal(gradeRaw);
    if (grade === undefined) continue;
    const weight = parseDecimal(weightRaw);
    const gradeProblem = gradeError(gradeRaw, grade);
    if (gradeProblem) errors[`part-${i}-grade`] = gradeProblem;
    if (weight === undefined) errors[`part-${i}-weight`] = "Vul een weging in, bijvoorbeeld 1.";
    else if (Number.isNaN(weight) || weight <= 0 || weight > 1000) {
      errors[`part-${i}-weight`] = "De weging is een getal groter dan 0, bijvoorbeeld 1 of 2.";
    }
    if (!errors[`part-${i}-grade`] && !errors[`part-${i}-weight`])
      parts.push({ grade, weight: weight as number });
  }
  if (parts.length === 0 && Object.keys(errors).length === 0) {
    errors["part-1-grade"] = "Vul ten minste één cijfer in.";
  }
  const centralExam = parseDecimal(values.centralExam);
  const ceProblem = gradeError(values.centralExam, centralExam);
  if (ceProblem) errors.centralExam = ceProblem;
  if (Object.keys(errors).length) return { ...form, errors };

  const exact = divide(
    parts.reduce(
      (acc, p) => add(acc, multiply(fromNumber(p.grade), fromNumber(p.weight))),
      fraction(0n),
    ),
    sum(parts.map((p) => fromNumber(p.weight))),
  );
  const shown = truncate(exact, 4);
  const schoolExam = schoolExamGrade(parts);
  const weights = parts.map((p) => p.weight);
  const totalWeight = toDecimalString(sum(weights.map((w) => fromNumber(w))));
  const terms = parts.map((p) =>
    p.weight === 1 ? dutchNumber(p.grade) : `${dutchNumber(p.weight)} × ${dutchNumber(p.grade)}`,
  );
  return {
    ...form,
    result: {
      average: toDecimalString(shown).replace(".", ","),
      averageCut: compare(shown, exact) !== 0,
      formula: `(${terms.join(" + ")}) / ${dutchNumber(Number(totalWeight))}`,
      schoolExam,
      finalGrade: finalGrade({ schoolExam, centralExam }),
      centralExam,
    },
  };
}

// ---------------------------------------------------------------- final grade

export type FinalGradeForm = {
  values: FieldValues;
  errors: FormErrors;
  result?: {
    schoolExamInput: number;
    schoolExam: number;
    centralExam?: number;
    average?: string;
    finalGrade: number;
  };
};

export function calculateFinalGrade(values: FieldValues): FinalGradeForm {
  const errors: FormErrors = {};
  const schoolExam = parseDecimal(values.schoolExam);
  const centralExam = parseDecimal(values.centralExam);
  if (schoolExam === undefined) errors.schoolExam = "Vul het cijfer voor het schoolexamen in.";
  else {
    const problem = gradeError(values.schoolExam, schoolExam);
    if (problem) errors.schoolExam = problem;
  }
  const ceProblem = gradeError(values.centralExam, centralExam);
  if (ceProblem) errors.centralExam = ceProblem;
  if (Object.keys(errors).length) return { values, errors };

  const se = roundGrade(schoolExam as number, 1);
  const average =
    centralExam === undefined
      ? undefined
      : toDecimalString(divide(add(fromNumber(se), fromNumber(centralExam)), fraction(2n))).replace(
          ".",
          ",",
        );
  return {
    values,
    errors,
    result: {
      schoolExamInput: schoolExam as number,
      schoolExam: se,
      centralExam,
      average,
      finalGrade: finalGrade({ schoolExam: se, centralExam }),
    },
  };
}
