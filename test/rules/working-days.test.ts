import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  addDays,
  addWorkingDays,
  DEADLINE_WORKING_DAYS,
  dutchPublicHolidayDates,
  dutchPublicHolidays,
  easterSunday,
  RuleInputError,
  weekday,
} from "#src/rules";

describe("addWorkingDays (examenreglement art. 27 and 29)", () => {
  // 2026-06-12 is a Friday, 2026-06-13 a Saturday, 2026-06-15 a Monday.
  test.each([
    ["Fri + 1 → Mon", "2026-06-12", 1, [], "2026-06-15"],
    ["Sat + 1 → Mon", "2026-06-13", 1, [], "2026-06-15"],
    ["Sun + 1 → Mon", "2026-06-14", 1, [], "2026-06-15"],
    ["Mon + 1 → Tue", "2026-06-15", 1, [], "2026-06-16"],
    ["n = 0 returns the date itself", "2026-06-13", 0, [], "2026-06-13"],
    ["Mon + 5 → next Mon (bezwaar)", "2026-06-15", 5, [], "2026-06-22"],
    ["Wed + 5 → next Wed", "2026-06-17", 5, [], "2026-06-24"],
    ["Fri + 5 → next Fri", "2026-06-12", 5, [], "2026-06-19"],
    ["Mon + 10 → Mon two weeks on (beslissing)", "2026-06-15", 10, [], "2026-06-29"],
    ["Mon + 20 → four weeks on (verlengd)", "2026-06-15", 20, [], "2026-07-13"],
    ["across a month end", "2026-01-29", 3, [], "2026-02-03"],
    [
      "across a year end with the Christmas holidays",
      "2026-12-23",
      6,
      ["2026-12-25", "2026-12-26", "2027-01-01"],
      "2027-01-04",
    ],
    ["a holiday is skipped", "2026-04-02", 2, ["2026-04-03", "2026-04-06"], "2026-04-08"],
    ["a holiday on a Saturday changes nothing", "2026-06-12", 1, ["2026-06-13"], "2026-06-15"],
    [
      "a holiday on the start date itself changes nothing",
      "2026-05-14",
      1,
      ["2026-05-14"],
      "2026-05-15",
    ],
    ["the target day being a holiday moves it on", "2026-05-13", 1, ["2026-05-14"], "2026-05-15"],
    ["Koningsdag week 2026 (Mon 27 April)", "2026-04-24", 1, ["2026-04-27"], "2026-04-28"],
    [
      "Hemelvaartsdag 2026 (Thu 14 May)",
      "2026-05-13",
      5,
      dutchPublicHolidayDates(2026),
      "2026-05-21",
    ],
    [
      "bezwaar after a grade on Thursday before Easter 2026",
      "2026-04-02",
      5,
      dutchPublicHolidayDates(2026),
      "2026-04-10",
    ],
    [
      "Tweede Pinksterdag 2026 (Mon 25 May)",
      "2026-05-22",
      1,
      dutchPublicHolidayDates(2026),
      "2026-05-26",
    ],
    [
      "beslissing 10 werkdagen across Koningsdag and Bevrijdingsdag 2026",
      "2026-04-22",
      10,
      dutchPublicHolidayDates(2026),
      "2026-05-08",
    ],
    ["leap day counts as a working day", "2028-02-28", 2, [], "2028-03-01"],
  ])("%s", (_label, date, n, holidays, expected) => {
    expect(addWorkingDays(date, n, holidays)).toBe(expected);
  });

  test("the deadlines of the reglement", () => {
    expect(DEADLINE_WORKING_DAYS).toEqual({
      objection: 5,
      decision: 10,
      decisionExtension: 10,
      appeal: 5,
    });
  });

  test.each([
    ["an impossible date", () => addWorkingDays("2026-02-30", 1), "date"],
    ["a date in another format", () => addWorkingDays("15-06-2026", 1), "date"],
    ["a negative n", () => addWorkingDays("2026-06-15", -1), "n"],
    ["a fractional n", () => addWorkingDays("2026-06-15", 1.5), "n"],
    ["a bad holiday", () => addWorkingDays("2026-06-15", 1, ["2026-13-01"]), "holidays.0"],
  ])("throws a RuleInputError for %s", (_label, run, field) => {
    try {
      run();
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(RuleInputError);
      expect((err as RuleInputError).field).toBe(field);
    }
  });

  const isoDate = fc
    .integer({ min: 0, max: 365 * 30 })
    .map((offset) => addDays("2000-01-01", offset));

  test("property: the result is a weekday after the date, and one more working day moves it forward", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 60 }), (date, n) => {
        const due = addWorkingDays(date, n);
        expect(due > date).toBe(true);
        expect([1, 2, 3, 4, 5]).toContain(weekday(due));
        expect(addWorkingDays(date, n + 1) > due).toBe(true);
      }),
    );
  });

  test("property: n working days take at most n + 2 × (n / 5 + 1) calendar days, at least n", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 100 }), (date, n) => {
        const due = addWorkingDays(date, n);
        const days = (Date.parse(due) - Date.parse(date)) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(n);
        expect(days).toBeLessThanOrEqual(n + 2 * (Math.floor(n / 5) + 1));
      }),
    );
  });

  test("property: adding holidays never makes a deadline earlier", () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 40 })),
        (date, n, offsets) => {
          const holidays = offsets.map((o) => addDays(date, o));
          expect(addWorkingDays(date, n, holidays) >= addWorkingDays(date, n)).toBe(true);
        },
      ),
    );
  });
});

describe("dutchPublicHolidays (Algemene termijnenwet art. 3)", () => {
  test.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
  ])("Easter %s is %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  test("2026", () => {
    expect(dutchPublicHolidays(2026)).toEqual([
      { date: "2026-01-01", name: "Nieuwjaarsdag" },
      { date: "2026-04-05", name: "Eerste Paasdag" },
      { date: "2026-04-06", name: "Tweede Paasdag" },
      { date: "2026-04-27", name: "Koningsdag" },
      { date: "2026-05-05", name: "Bevrijdingsdag" },
      { date: "2026-05-14", name: "Hemelvaartsdag" },
      { date: "2026-05-24", name: "Eerste Pinksterdag" },
      { date: "2026-05-25", name: "Tweede Pinksterdag" },
      { date: "2026-12-25", name: "Eerste Kerstdag" },
      { date: "2026-12-26", name: "Tweede Kerstdag" },
    ]);
  });

  test.each([
    [2025, "2025-04-26"], // 27 April 2025 is a Sunday
    [2026, "2026-04-27"],
    [2014, "2014-04-26"], // 27 April 2014 was a Sunday
    [2013, "2013-04-30"], // Koninginnedag
    [2006, "2006-04-29"], // 30 April 2006 was a Sunday
  ])("Koningsdag/Koninginnedag %s is %s", (year, date) => {
    const day = dutchPublicHolidays(year).find((h) => h.name.startsWith("Konin"));
    expect(day?.date).toBe(date);
  });

  test("Goede Vrijdag only when asked", () => {
    expect(dutchPublicHolidays(2026).some((h) => h.name === "Goede Vrijdag")).toBe(false);
    expect(dutchPublicHolidays(2026, { goodFriday: true })).toContainEqual({
      date: "2026-04-03",
      name: "Goede Vrijdag",
    });
  });

  test("dutchPublicHolidayDates spans years", () => {
    const dates = dutchPublicHolidayDates(2026, 2027);
    expect(dates).toContain("2026-12-26");
    expect(dates).toContain("2027-01-01");
    expect(dates).toHaveLength(20);
  });

  test.each([[1979], [2026.5], [10_000]])("throws for year %s", (year) => {
    expect(() => dutchPublicHolidays(year)).toThrow(RuleInputError);
  });
});
