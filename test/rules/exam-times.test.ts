import { describe, expect, test } from "vitest";
import { extraTimeMinutes, lateAdmissionMinutes, RuleInputError } from "#src/rules";

describe("extraTimeMinutes and lateAdmissionMinutes (examenreglement art. 21)", () => {
  test.each([
    [1, 10, 15],
    [30, 10, 15],
    [40, 10, 15],
    [40.5, 30, 30],
    [41, 30, 30],
    [50, 30, 30],
    [90, 30, 30],
    [120, 30, 30],
    [180, 30, 30],
  ])(
    "a test of %s minutes: extra time %s, entry until %s minutes after the start",
    (duration, extra, late) => {
      expect(extraTimeMinutes(duration)).toBe(extra);
      expect(lateAdmissionMinutes(duration)).toBe(late);
    },
  );

  test.each([[0], [-10], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    "throws a RuleInputError for %s minutes",
    (duration) => {
      expect(() => extraTimeMinutes(duration)).toThrow(RuleInputError);
      expect(() => lateAdmissionMinutes(duration)).toThrow(RuleInputError);
    },
  );
});
