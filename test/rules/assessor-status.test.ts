import { describe, expect, test } from "vitest";
import { addYears, assessorStatus, formatDutchDate, isIsoDate } from "#src/rules";

const base = { examinationDates: [] as string[], refresherDates: [] as string[] };

describe("addYears (date-fns semantics)", () => {
  test.each([
    ["2024-02-29", 3, "2027-02-28"],
    ["2024-02-29", 4, "2028-02-29"],
    ["2023-06-15", 3, "2026-06-15"],
    ["2023-12-31", 3, "2026-12-31"],
  ])("%s + %i years = %s", (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });
});

describe("assessorStatus: validity windows", () => {
  test("29 February registration: valid until 27 February three years later", () => {
    const r = assessorStatus({ ...base, initialTrainingDate: "2024-02-29", on: "2024-03-01" });
    expect(r.examValidUntil).toBe("2027-02-27");
    expect(r.refresherValidUntil).toBe("2027-02-27");
    expect(r.validUntil).toBe("2027-02-27");
  });

  test("S = 2023-06-15 → valid until 2026-06-14", () => {
    const r = assessorStatus({ ...base, initialTrainingDate: "2023-06-15", on: "2024-01-01" });
    expect(r.validUntil).toBe("2026-06-14");
  });

  test.each([
    // on, status, daysLeft — S = 2023-06-15, valid until 2026-06-14, expiring window 90 days
    ["2026-06-14", "expiring", 0],
    ["2026-06-15", "lapsed", -1],
    ["2026-03-16", "expiring", 90],
    ["2026-03-15", "qualified", 91],
    ["2023-06-15", "qualified", 1095],
  ])("on %s the status is %s (%i days left)", (on, status, daysLeft) => {
    const r = assessorStatus({ ...base, initialTrainingDate: "2023-06-15", on });
    expect(r.status).toBe(status);
    expect(r.daysLeft).toBe(daysLeft);
  });

  test("validUntil is the earlier of the exam and refresher windows", () => {
    const r = assessorStatus({
      initialTrainingDate: "2020-01-10",
      examinationDates: ["2022-05-01", "2024-09-30"],
      refresherDates: ["2023-02-01"],
      on: "2025-01-01",
    });
    expect(r.examValidUntil).toBe("2027-09-29");
    expect(r.refresherValidUntil).toBe("2026-01-31");
    expect(r.validUntil).toBe("2026-01-31");
    expect(r.status).toBe("qualified");
  });

  test("examinations and refreshers after `on` are ignored", () => {
    const r = assessorStatus({
      initialTrainingDate: "2020-01-10",
      examinationDates: ["2026-01-01"],
      refresherDates: ["2026-01-01"],
      on: "2023-01-09",
    });
    expect(r.validUntil).toBe("2023-01-09");
    expect(r.status).toBe("expiring");
    const later = assessorStatus({
      initialTrainingDate: "2020-01-10",
      examinationDates: ["2026-01-01"],
      refresherDates: ["2026-01-01"],
      on: "2023-01-10",
    });
    expect(later.status).toBe("lapsed");
  });

  test("dates before the registration date count as the registration date", () => {
    const r = assessorStatus({
      initialTrainingDate: "2022-03-01",
      examinationDates: ["2021-01-01"],
      refresherDates: ["2020-01-01"],
      on: "2023-01-01",
    });
    expect(r.validUntil).toBe("2025-02-28");
  });

  test("a logged examination on the last valid day extends the window", () => {
    const r = assessorStatus({
      initialTrainingDate: "2023-06-15",
      examinationDates: ["2026-06-14"],
      refresherDates: ["2026-06-14"],
      on: "2026-06-15",
    });
    expect(r.validUntil).toBe("2029-06-13");
    expect(r.status).toBe("qualified");
  });

  test.each([
    ["2026-01-01", "2026-01-01", "deregistered"],
    ["2026-01-02", "2026-01-01", "qualified"],
  ])("afmelding on %s, evaluated on %s → %s", (deregisteredOn, on, status) => {
    const r = assessorStatus({ ...base, initialTrainingDate: "2025-01-01", deregisteredOn, on });
    expect(r.status).toBe(status);
  });

  test("deregistered wins over lapsed", () => {
    const r = assessorStatus({
      ...base,
      initialTrainingDate: "2010-01-01",
      deregisteredOn: "2011-01-01",
      on: "2026-01-01",
    });
    expect(r.status).toBe("deregistered");
  });

  test("expiringDays is configurable", () => {
    const r = assessorStatus({
      ...base,
      initialTrainingDate: "2023-06-15",
      on: "2026-05-01",
      expiringDays: 30,
    });
    expect(r.daysLeft).toBe(44);
    expect(r.status).toBe("qualified");
  });
});

describe("dates", () => {
  test.each(["2026-02-29", "2026-13-01", "2026-1-01", "20260101", "", "2026-04-31"])(
    "%s is not an ISO date",
    (v) => {
      expect(isIsoDate(v)).toBe(false);
    },
  );
  test.each(["2024-02-29", "2026-12-31"])("%s is an ISO date", (v) =>
    expect(isIsoDate(v)).toBe(true),
  );
  test("Dutch display format", () => {
    expect(formatDutchDate("2026-06-15")).toBe("15 juni 2026");
    expect(formatDutchDate("2026-03-01")).toBe("1 maart 2026");
  });
});
