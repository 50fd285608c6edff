// Deadlines in working days (bezwaar, beslissing, beroep) and the Dutch public holidays they skip.
import { addDays, isIsoDate, toDayNumber, weekday } from "./dates";
import { RuleInputError } from "./rule-error";

/** Deadlines of the examenreglement, in working days. */
export const DEADLINE_WORKING_DAYS = {
  /** Art. 27 lid 1: a dispute about a school-exam grade, within 5 working days. */
  objection: 5,
  /** Art. 27 lid 2: the secretary decides within 10 working days … */
  decision: 10,
  /** … and may extend that, with reasons, by at most 10 more. */
  decisionExtension: 10,
  /** Art. 29 lid 1 and 4: appeal to the rector or the appeal committee, within 5 working days. */
  appeal: 5,
} as const;

const MAX_WORKING_DAYS = 10_000;

/**
 * The date `n` working days after `date` (Monday–Friday, minus `holidays`). Counting starts the
 * day after `date`, so Friday + 1 → Monday and Saturday + 1 → Monday; n = 0 returns `date`.
 * Used for the deadlines of examenreglement art. 27 (bezwaar 5 werkdagen, beslissing 10 + 10)
 * and art. 29 (beroep 5 werkdagen). Pass `dutchPublicHolidayDates(year)` for the holidays.
 */
export function addWorkingDays(date: string, n: number, holidays: readonly string[] = []): string {
  if (!isIsoDate(date)) throw new RuleInputError("Dit is geen geldige datum (JJJJ-MM-DD).", "date");
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new RuleInputError("Het aantal werkdagen is een geheel getal van 0 of meer.", "n");
  }
  const skip = new Set<number>();
  holidays.forEach((h, i) => {
    if (!isIsoDate(h))
      throw new RuleInputError("Dit is geen geldige datum (JJJJ-MM-DD).", `holidays.${i}`);
    skip.add(toDayNumber(h));
  });
  let current = date;
  let counted = 0;
  while (counted < n) {
    current = addDays(current, 1);
    const day = weekday(current);
    if (day !== 0 && day !== 6 && !skip.has(toDayNumber(current))) counted += 1;
  }
  return current;
}

/** Easter Sunday (Gregorian calendar; the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export type PublicHoliday = { date: string; name: string };

/**
 * The generally recognised holidays of the Algemene termijnenwet (art. 3): Nieuwjaarsdag, Eerste
 * en Tweede Paasdag, Koningsdag, Bevrijdingsdag (5 mei, every year), Hemelvaartsdag, Eerste en
 * Tweede Pinksterdag, Eerste en Tweede Kerstdag. Goede Vrijdag is not one of them; many schools
 * close on it, so it is included when asked. Koningsdag is 27 April, or 26 April when the 27th is
 * a Sunday (Wet viering Koningsdag, from 2014); before 2014 Koninginnedag, 30 April (29 April on
 * a Sunday). `year` is 1980–9999. Sorted by date.
 */
export function dutchPublicHolidays(
  year: number,
  options: { goodFriday?: boolean } = {},
): PublicHoliday[] {
  if (!Number.isInteger(year) || year < 1980 || year > 9999) {
    throw new RuleInputError("Het jaar ligt tussen 1980 en 9999.", "year");
  }
  const easter = easterSunday(year);
  const iso = (month: number, day: number) =>
    `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  let kingsDay: PublicHoliday;
  if (year >= 2014) {
    const date = weekday(iso(4, 27)) === 0 ? iso(4, 26) : iso(4, 27);
    kingsDay = { date, name: "Koningsdag" };
  } else {
    const date = weekday(iso(4, 30)) === 0 ? iso(4, 29) : iso(4, 30);
    kingsDay = { date, name: "Koninginnedag" };
  }
  const holidays: PublicHoliday[] = [
    { date: iso(1, 1), name: "Nieuwjaarsdag" },
    { date: easter, name: "Eerste Paasdag" },
    { date: addDays(easter, 1), name: "Tweede Paasdag" },
    kingsDay,
    { date: iso(5, 5), name: "Bevrijdingsdag" },
    { date: addDays(easter, 39), name: "Hemelvaartsdag" },
    { date: addDays(easter, 49), name: "Eerste Pinksterdag" },
    { date: addDays(easter, 50), name: "Tweede Pinksterdag" },
    { date: iso(12, 25), name: "Eerste Kerstdag" },
    { date: iso(12, 26), name: "Tweede Kerstdag" },
  ];
  if (options.goodFriday) holidays.push({ date: addDays(easter, -2), name: "Goede Vrijdag" });
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** The holiday dates of every year from `fromYear` to `toYear` inclusive, for addWorkingDays. */
export function dutchPublicHolidayDates(
  fromYear: number,
  toYear: number = fromYear,
  options: { goodFriday?: boolean } = {},
): string[] {
  const dates: string[] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    dates.push(...dutchPublicHolidays(year, options).map((h) => h.date));
  }
  return dates;
}
