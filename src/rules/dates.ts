// Calendar arithmetic on ISO dates (YYYY-MM-DD) without time zones: pure, UTC-based day numbers.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidDateError extends Error {
  constructor(readonly value: string) {
    super(`Invalid ISO date: ${value}`);
    this.name = "InvalidDateError";
  }
}

/** True for a real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(date: string): [number, number, number] {
  if (!isIsoDate(date)) throw new InvalidDateError(date);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Days since 1970-01-01 for an ISO date. */
export function toDayNumber(date: string): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

export function fromDayNumber(day: number): string {
  const dt = new Date(day * 86_400_000);
  return format(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Adds whole years; 29 February becomes 28 February in a non-leap year (date-fns semantics). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = parts(date);
  const year = y + years;
  return format(year, m, Math.min(d, daysInMonth(year, m)));
}

/** b − a in days. */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return (toDayNumber(date) + 4) % 7;
}

export function maxDate(dates: Iterable<string>): string | undefined {
  let max: string | undefined;
  for (const d of dates) if (max === undefined || d > max) max = d;
  return max;
}

// Built once: constructing an Intl.DateTimeFormat costs far more than using one.
let amsterdamFormat: Intl.DateTimeFormat | undefined;

/** The calendar date in Europe/Amsterdam at the given moment. */
let lastMinute = NaN;
let lastDate = "";

export function amsterdamDate(moment: Date): string {
  // Every request asks; the answer only changes at a minute boundary (Amsterdam's offsets are
  // whole hours), so the last minute's answer is reused.
  const minute = Math.floor(moment.getTime() / 60_000);
  if (minute === lastMinute) return lastDate;
  amsterdamFormat ??= new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  lastDate = amsterdamFormat.format(moment);
  lastMinute = minute;
  return lastDate;
}

const MONTHS = [
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december",
];

/** 2026-06-15 → "15 juni 2026". */
export function formatDutchDate(date: string): string {
  const [y, m, d] = parts(date);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
