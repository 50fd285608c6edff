// The rekenhulp's time forms: a deadline in working days, extra time and late admission.
import {
  addWorkingDays,
  dutchPublicHolidays,
  extraTimeMinutes,
  isIsoDate,
  lateAdmissionMinutes,
  weekday,
  type PublicHoliday,
} from "#src/rules";
import type { FieldValues, FormErrors } from "./common";

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
