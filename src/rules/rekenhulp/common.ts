// Shared pieces of the rekenhulp forms: field values, Dutch number input and output, row counts.
import type { ExamLevel } from "#src/rules";
import { compare, fromNumber, toDecimalString, truncate } from "#src/rules/decimal";

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

export function rowCount(
  values: FieldValues,
  limits: { initial: number; max: number },
  extra = 0,
): number {
  const n = Number.parseInt(values.rows ?? "", 10);
  const rows = Number.isFinite(n) && n > 0 ? n : limits.initial;
  return Math.min(limits.max, rows + extra);
}

export function gradeError(raw: string | undefined, grade: number | undefined): string | undefined {
  if (grade === undefined) return undefined;
  if (Number.isNaN(grade))
    return `"${(raw ?? "").trim()}" is geen cijfer. Schrijf bijvoorbeeld 6,5.`;
  if (grade < 1 || grade > 10) return "Een cijfer ligt tussen 1,0 en 10,0.";
  return undefined;
}

/** An exact average for reading: cut off after `decimals` places, "…" when something was cut. */
export function averageText(value: number, decimals = 2): string {
  const exact = fromNumber(value);
  const shown = truncate(exact, decimals);
  return `${toDecimalString(shown).replace(".", ",")}${compare(shown, exact) === 0 ? "" : "…"}`;
}
