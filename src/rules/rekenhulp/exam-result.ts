// The rekenhulp's uitslag form: subject rows → geslaagd or afgewezen, and filled-in examples.
import {
  examResult,
  type Assessment,
  type ExamLevel,
  type ExamResult,
  type Subject,
} from "#src/rules";
import {
  averageText,
  gradeError,
  LEVEL_LABELS,
  parseDecimal,
  rowCount,
  SUBJECT_ROWS,
  type FieldValues,
  type FormErrors,
} from "./common";

export type ExamResultForm = {
  values: FieldValues;
  rows: number;
  focusRow?: number;
  errors: FormErrors;
  result?: ExamResult & {
    level: ExamLevel;
    subjectCount: number;
    centralExamAverageText: string | null;
  };
};

const ASSESSMENT_VALUES = new Set(["onvoldoende", "voldoende", "goed"]);

export function examResultForm(values: FieldValues = {}, addRow = false): ExamResultForm {
  const rows = rowCount(values, SUBJECT_ROWS, addRow ? 1 : 0);
  return {
    values: { level: "havo", ...values },
    rows,
    errors: {},
    focusRow: addRow ? rows : undefined,
  };
}

export function calculateExamResult(values: FieldValues): ExamResultForm {
  const form = examResultForm(values);
  const errors: FormErrors = {};
  const level = values.level as ExamLevel;
  if (!(level in LEVEL_LABELS)) errors.level = "Kies havo, vwo of mavo.";
  const subjects: Subject[] = [];
  for (let i = 1; i <= form.rows; i += 1) {
    const key = (field: string) => `subject-${i}-${field}`;
    const name = (values[key("name")] ?? "").trim();
    const finalRaw = values[key("final")];
    const ceRaw = values[key("ce")];
    const assessment = values[key("assessment")] ?? "";
    const core = values[key("core")] === "1";
    const combination = values[key("combination")] === "1";
    const final = parseDecimal(finalRaw);
    const ce = parseDecimal(ceRaw);
    if (!name && final === undefined && ce === undefined && !assessment && !core && !combination)
      continue;

    if (!name) errors[key("name")] = "Vul de naam van het vak in.";
    else if (name.length > 100)
      errors[key("name")] = "De naam is te lang (ten hoogste 100 tekens).";
    if (
      final !== undefined &&
      (Number.isNaN(final) || !Number.isInteger(final) || final < 1 || final > 10)
    ) {
      errors[key("final")] = "Een eindcijfer is een geheel getal van 1 tot en met 10.";
    }
    const ceProblem = gradeError(ceRaw, ce);
    if (ceProblem) errors[key("ce")] = ceProblem;
    if (assessment && !ASSESSMENT_VALUES.has(assessment))
      errors[key("assessment")] = "Kies een beoordeling uit de lijst.";
    if (final === undefined && !assessment)
      errors[key("final")] ??= "Vul een eindcijfer of een beoordeling in.";
    if (final === undefined && assessment && (core || combination)) {
      errors[key("final")] ??= "Een kernvak of combinatievak heeft een eindcijfer.";
    }
    subjects.push({
      name,
      finalGrade: final,
      centralExamGrade: ce,
      core,
      combination,
      assessment: (assessment || undefined) as Assessment | undefined,
    });
  }
  if (subjects.length === 0) errors["subject-1-name"] ??= "Vul ten minste één vak in.";
  if (Object.keys(errors).length) return { ...form, errors };
  const outcome = examResult({ level, subjects });
  const centralExamAverageText =
    outcome.centralExamAverage === null ? null : averageText(outcome.centralExamAverage);
  return {
    ...form,
    result: { ...outcome, level, subjectCount: subjects.length, centralExamAverageText },
  };
}

/** Filled-in examples, so a visitor sees how the uitslag form works (GET /rekenhulp?voorbeeld=havo). */
export function exampleExamResult(level: ExamLevel): FieldValues {
  const havo: [string, string, string, string, string][] = [
    // name, final, ce, flags (k = core, c = combination), assessment
    ["Nederlands", "6", "5,8", "k", ""],
    ["Engels", "7", "6,9", "k", ""],
    ["Wiskunde A", "5", "5,2", "k", ""],
    ["Geschiedenis", "7", "6,4", "", ""],
    ["Economie", "6", "5,6", "", ""],
    ["Aardrijkskunde", "8", "7,1", "", ""],
    ["Maatschappijleer", "7", "", "c", ""],
    ["CKV", "6", "", "c", ""],
    ["Profielwerkstuk", "7", "", "c", ""],
    ["Lichamelijke opvoeding", "", "", "", "voldoende"],
  ];
  const mavo: [string, string, string, string, string][] = [
    ["Nederlands", "6", "5,9", "k", ""],
    ["Engels", "7", "6,8", "", ""],
    ["Wiskunde", "5", "5,3", "", ""],
    ["Biologie", "5", "4,9", "", ""],
    ["Economie", "7", "6,5", "", ""],
    ["Geschiedenis", "6", "6,1", "", ""],
    ["Maatschappijleer", "6", "", "", ""],
    ["Lichamelijke opvoeding", "", "", "", "voldoende"],
    ["Kunstvakken 1", "", "", "", "goed"],
    ["Profielwerkstuk", "", "", "", "voldoende"],
  ];
  const rows = level === "mavo" ? mavo : havo;
  const values: FieldValues = { level, rows: String(SUBJECT_ROWS.initial) };
  rows.forEach(([name, final, ce, flags, assessment], i) => {
    const key = (field: string) => `subject-${i + 1}-${field}`;
    values[key("name")] = level === "vwo" && name === "Wiskunde A" ? "Wiskunde B" : name;
    values[key("final")] = final;
    values[key("ce")] = ce;
    values[key("assessment")] = assessment;
    if (flags.includes("k")) values[key("core")] = "1";
    if (flags.includes("c")) values[key("combination")] = "1";
  });
  return values;
}
