// The rekenhulp's forms: read the posted text fields, check them (Dutch errors per field), calculate.
import {
  addWorkingDays,
  dutchPublicHolidays,
  examResult,
  extraTimeMinutes,
  finalGrade,
  isIsoDate,
  lateAdmissionMinutes,
  roundGrade,
  schoolExamGrade,
  type Assessment,
  type ExamLevel,
  type ExamResult,
  type PublicHoliday,
  type Subject,
  weekday,
} from "../rules";
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
} from "../rules/decimal";

export type FieldValues = Record<string, string>;
export type FormErrors = Record<string, string>;

export const PART_ROWS = { initial: 8, max: 30 };
export const SUBJECT_ROWS = { initial: 12, max: 40 };
export const LEVEL_LABELS: Record<ExamLevel, string> = { havo: "havo", vwo: "vwo", mavo: "mavo" };

const DECIMAL_INPUT = /^\d{1,3}(?:[.,]\d{1,6})?$/;

/** "6,5" or "6.5" → 6.5; "" → undefined; anything else → NaN. */
export function parseDecimal(raw: string | undefined): number | undefined {
  const text = (raw ?? "").trim();
  if (text === "") return undefined;
  return DECIMAL_INPUT.test(text) ? Number(text.replace(",", ".")) : Number.NaN;
}

/** 6.5 → "6,5"; the way grades are written in Dutch. */
export function dutchNumber(value: number): string {
  return String(value).replace(".", ",");
}

function rowCount(
  values: FieldValues,
  limits: { initial: number; max: number },
  extra = 0,
): number {
  const n = Number.parseInt(values.rows ?? "", 10);
  const rows = Number.isFinite(n) && n > 0 ? n : limits.initial;
  return Math.min(limits.max, rows + extra);
}

function gradeError(raw: string | undefined, grade: number | undefined): string | undefined {
  if (grade === undefined) return undefined;
  if (Number.isNaN(grade))
    return `"${(raw ?? "").trim()}" is geen cijfer. Schrijf bijvoorbeeld 6,5.`;
  if (grade < 1 || grade > 10) return "Een cijfer ligt tussen 1,0 en 10,0.";
  return undefined;
}

// ---------------------------------------------------------------- school-exam grade (PTA)

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

// ---------------------------------------------------------------- exam result (geslaagd/afgewezen)

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

/** An exact average for reading: cut off after `decimals` places, "…" when something was cut. */
export function averageText(value: number, decimals = 2): string {
  const exact = fromNumber(value);
  const shown = truncate(exact, decimals);
  return `${toDecimalString(shown).replace(".", ",")}${compare(shown, exact) === 0 ? "" : "…"}`;
}

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

// ---------------------------------------------------------------- deadline in working days

export type DeadlineForm = {
  values: FieldValues;
  errors: FormErrors;
  result?: {
    from: string;
    days: number;
    due: string;
    skipped: PublicHoliday[];
    extraSkipped: string[];
  };
};

const DUTCH_DATE = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;

/** "2026-06-15" or "15-6-2026" → "2026-06-15"; otherwise null. */
export function parseDate(raw: string): string | null {
  const text = raw.trim();
  const m = DUTCH_DATE.exec(text);
  const iso = m ? `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}` : text;
  return isIsoDate(iso) && iso >= "1980-01-01" && iso <= "9998-12-31" ? iso : null;
}

export function deadlineForm(today: string, values: FieldValues = {}): DeadlineForm {
  const submitted = "date" in values;
  return {
    values: {
      date: today,
      days: "5",
      ...values,
      holidays: submitted ? (values.holidays === "1" ? "1" : "") : "1",
      goodFriday: values.goodFriday === "1" ? "1" : "",
    },
    errors: {},
  };
}

export function calculateDeadline(today: string, values: FieldValues): DeadlineForm {
  const form = deadlineForm(today, values);
  const errors: FormErrors = {};
  const date = parseDate(form.values.date ?? "");
  if (!date) errors.date = "Vul een geldige datum in, bijvoorbeeld 15-06-2026.";
  const daysText = (form.values.days ?? "").trim();
  const days = /^\d{1,3}$/.test(daysText) ? Number(daysText) : Number.NaN;
  if (Number.isNaN(days) || days > 365)
    errors.days = "Vul een aantal werkdagen in van 0 tot en met 365.";
  const extra: string[] = [];
  const extraText = (form.values.extraDays ?? "").trim();
  if (extraText) {
    const items = extraText.split(/[\s,;]+/).filter(Boolean);
    const bad = items.filter((item) => !parseDate(item));
    if (bad.length)
      errors.extraDays = `Geen geldige datum: ${bad.slice(0, 3).join(", ")}. Schrijf bijvoorbeeld 15-06-2026.`;
    else if (items.length > 100) errors.extraDays = "Vul ten hoogste 100 vrije dagen in.";
    else extra.push(...items.map((item) => parseDate(item) as string));
  }
  if (Object.keys(errors).length || !date) return { ...form, errors };

  const year = Number(date.slice(0, 4));
  const holidays =
    form.values.holidays === "1"
      ? [year, year + 1, year + 2]
          .filter((y) => y <= 9999)
          .flatMap((y) => dutchPublicHolidays(y, { goodFriday: form.values.goodFriday === "1" }))
      : [];
  const due = addWorkingDays(date, days, [...holidays.map((h) => h.date), ...extra]);
  const inRange = (d: string) => d > date && d <= due && weekday(d) !== 0 && weekday(d) !== 6;
  return {
    ...form,
    result: {
      from: date,
      days,
      due,
      skipped: holidays.filter((h) => inRange(h.date)),
      extraSkipped: [...new Set(extra)]
        .filter(inRange)
        .filter((d) => !holidays.some((h) => h.date === d))
        .sort(),
    },
  };
}

// ---------------------------------------------------------------- extra time and late admission

export type ExamTimesForm = {
  values: FieldValues;
  errors: FormErrors;
  result?: { duration: number; extraTime: number; lateAdmission: number };
};

export function calculateExamTimes(values: FieldValues): ExamTimesForm {
  const text = (values.duration ?? "").trim();
  const duration = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isNaN(duration) || duration < 1 || duration > 600) {
    return {
      values,
      errors: { duration: "Vul de duur van de toets in minuten in, van 1 tot en met 600." },
    };
  }
  return {
    values,
    errors: {},
    result: {
      duration,
      extraTime: extraTimeMinutes(duration),
      lateAdmission: lateAdmissionMinutes(duration),
    },
  };
}
