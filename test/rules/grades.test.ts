import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { finalGrade, roundGrade, RuleInputError, schoolExamGrade } from "#src/rules";

describe("roundGrade: half up on the decimal value (PTA art. 12)", () => {
  test.each([
    [6.45, 1, 6.5],
    [6.44, 1, 6.4],
    [(6.3 + 6.6) / 2, 1, 6.5],
    [5.55, 1, 5.6],
    [5.549, 1, 5.5],
    [1.005, 2, 1.01],
    [8.345, 2, 8.35],
    [6.05, 1, 6.1],
    [6.5, 0, 7],
    [6.4999, 0, 6],
    [5.5, 0, 6],
    [5.45, 0, 5],
    [7, 1, 7],
    [10, 1, 10],
    [1, 1, 1],
    [0.1 + 0.2, 1, 0.3],
    [(0.1 + 0.7) * 10, 0, 8],
  ])("roundGrade(%s, %s) = %s", (value, decimals, expected) => {
    expect(roundGrade(value, decimals)).toBe(expected);
  });

  test("rounds to one decimal by default", () => {
    expect(roundGrade(6.45)).toBe(6.5);
    expect(roundGrade(6.449999999999999)).toBe(6.5);
  });

  test("a value meant with many decimals is not snapped: 6.449999 stays below 6.45", () => {
    expect(roundGrade(6.449999)).toBe(6.4);
  });

  test.each([[Number.NaN], [Number.POSITIVE_INFINITY]])(
    "throws a RuleInputError for %s",
    (value) => {
      expect(() => roundGrade(value)).toThrow(RuleInputError);
    },
  );

  test.each([[-1], [1.5], [11]])("throws for decimals = %s", (decimals) => {
    expect(() => roundGrade(6.45, decimals)).toThrow(RuleInputError);
  });

  test("property: monotone (a ≤ b ⇒ round(a) ≤ round(b))", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        (a, b, decimals) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(roundGrade(lo, decimals)).toBeLessThanOrEqual(roundGrade(hi, decimals));
        },
      ),
    );
  });

  test("property: grades 1–10 stay within 1–10 and within half a unit of the value", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        (value, decimals) => {
          const rounded = roundGrade(value, decimals);
          expect(rounded).toBeGreaterThanOrEqual(1);
          expect(rounded).toBeLessThanOrEqual(10);
          expect(Math.abs(rounded - value)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
        },
      ),
    );
  });

  test("property: a grade written with one decimal rounds to itself", () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 100 }), (tenths) => {
        expect(roundGrade(tenths / 10)).toBe(tenths / 10);
      }),
    );
  });

  test("property: x.x5 always rounds up, whatever the float error", () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 99 }), (tenths) => {
        const value = (tenths * 10 + 5) / 100; // e.g. 6.45, 5.55
        expect(roundGrade(value)).toBe((tenths + 1) / 10);
      }),
    );
  });
});

describe("schoolExamGrade: weighted average rounded to one decimal (art. 25 lid 5, PTA art. 12)", () => {
  // CKV havo 4: (1P1+1P2+2P3+1P4+2P5+1P6+2P7+1M1)/11
  const ckvWeights = [1, 1, 2, 1, 2, 1, 2, 1];
  test.each([
    [
      "two equal weights, average 6.45",
      [
        [6.3, 1],
        [6.6, 1],
      ],
      6.5,
    ],
    [
      "two equal weights, average 6.4",
      [
        [6.2, 1],
        [6.6, 1],
      ],
      6.4,
    ],
    ["single part", [[7.3, 1]], 7.3],
    [
      "maatschappijleer (T1+T2+T3+T4+2P1)/6",
      [
        [6, 1],
        [7, 1],
        [5.5, 1],
        [8, 1],
        [6.8, 2],
      ],
      6.7,
    ],
    [
      "informatica (T1+T2+P1+P2+2*P3)/6",
      [
        [5.4, 1],
        [6.1, 1],
        [7, 1],
        [6.6, 1],
        [5.9, 2],
      ],
      6.2,
    ],
    ["CKV, all 7.0", ckvWeights.map((w) => [7, w]), 7],
    ["CKV, mixed", [6.5, 7.2, 5.8, 8, 6.1, 7.4, 6.9, 5.5].map((g, i) => [g, ckvWeights[i]]), 6.6],
    [
      "weights need not be whole",
      [
        [6, 0.5],
        [8, 1.5],
      ],
      7.5,
    ],
    [
      "25.8 / 4 = 6.45 exactly after weighting → 6.5",
      [
        [6, 1],
        [6.6, 3],
      ],
      6.5,
    ],
    [
      "25.7 / 4 = 6.425 → 6.4",
      [
        [6.2, 1],
        [6.5, 3],
      ],
      6.4,
    ],
    [
      "19.3 / 3 = 6.433… → 6.4",
      [
        [6.4, 2],
        [6.5, 1],
      ],
      6.4,
    ],
    [
      "lowest possible",
      [
        [1, 3],
        [1, 1],
      ],
      1,
    ],
    [
      "highest possible",
      [
        [10, 3],
        [10, 1],
      ],
      10,
    ],
  ] as [string, [number, number][], number][])("%s", (_label, parts, expected) => {
    expect(schoolExamGrade(parts.map(([grade, weight]) => ({ grade, weight })))).toBe(expected);
  });

  test("the CKV mixed example by hand: 72.2 / 11 = 6.5636… → 6.6", () => {
    const grades = [6.5, 7.2, 5.8, 8, 6.1, 7.4, 6.9, 5.5];
    const weighted = grades.reduce((s, g, i) => s + g * ckvWeights[i] * 10, 0) / 10;
    expect(weighted).toBeCloseTo(72.2, 9);
  });

  test.each([
    ["no parts", [], "parts"],
    ["grade below 1", [{ grade: 0.9, weight: 1 }], "parts.0.grade"],
    [
      "grade above 10",
      [
        { grade: 6, weight: 1 },
        { grade: 10.1, weight: 1 },
      ],
      "parts.1.grade",
    ],
    ["weight 0", [{ grade: 6, weight: 0 }], "parts.0.weight"],
    ["negative weight", [{ grade: 6, weight: -1 }], "parts.0.weight"],
    ["NaN grade", [{ grade: Number.NaN, weight: 1 }], "parts.0.grade"],
  ])("throws a RuleInputError for %s, naming the field", (_label, parts, field) => {
    try {
      schoolExamGrade(parts);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(RuleInputError);
      expect((err as RuleInputError).field).toBe(field);
    }
  });

  test("property: the grade lies between the lowest and highest part, within 1–10", () => {
    const part = fc.record({
      grade: fc.integer({ min: 10, max: 100 }).map((t) => t / 10),
      weight: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 12 }), (parts) => {
        const grade = schoolExamGrade(parts);
        const grades = parts.map((p) => p.grade);
        expect(grade).toBeGreaterThanOrEqual(Math.min(...grades));
        expect(grade).toBeLessThanOrEqual(Math.max(...grades));
        expect(String(grade)).toMatch(/^\d{1,2}(\.\d)?$/);
      }),
    );
  });

  test("property: raising one part's grade never lowers the result", () => {
    const part = fc.record({
      grade: fc.integer({ min: 10, max: 90 }).map((t) => t / 10),
      weight: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.integer({ min: 1, max: 10 }),
        (parts, at, step) => {
          const i = at % parts.length;
          const raised = parts.map((p, j) =>
            j === i ? { ...p, grade: Math.min(10, (p.grade * 10 + step) / 10) } : p,
          );
          expect(schoolExamGrade(raised)).toBeGreaterThanOrEqual(schoolExamGrade(parts));
        },
      ),
    );
  });
});

describe("finalGrade (examenreglement art. 33)", () => {
  test.each([
    // School-exam-only subjects: first one decimal, then a whole number.
    [{ schoolExam: 6.45 }, 7],
    [{ schoolExam: 6.44 }, 6],
    [{ schoolExam: 6.5 }, 7],
    [{ schoolExam: 6.4 }, 6],
    [{ schoolExam: 5.45 }, 6],
    [{ schoolExam: 5.449 }, 5],
    [{ schoolExam: (6.3 + 6.6) / 2 }, 7],
    [{ schoolExam: 10 }, 10],
    [{ schoolExam: 1 }, 1],
    [{ schoolExam: 6.45, centralExam: null }, 7],
    // With a central exam: average of both, ,45 or less down, ,50 or more up.
    [{ schoolExam: 6.45, centralExam: 5.8 }, 6],
    [{ schoolExam: 6.5, centralExam: 5.5 }, 6],
    [{ schoolExam: 6.4, centralExam: 4.5 }, 5],
    [{ schoolExam: 6.5, centralExam: 4.4 }, 5],
    [{ schoolExam: 6.6, centralExam: 4.4 }, 6],
    [{ schoolExam: 5.4, centralExam: 5.5 }, 5],
    [{ schoolExam: 5.5, centralExam: 5.5 }, 6],
    [{ schoolExam: 7.3, centralExam: 6.6 }, 7],
    [{ schoolExam: 7.4, centralExam: 6.6 }, 7],
    [{ schoolExam: 7.5, centralExam: 6.5 }, 7],
    [{ schoolExam: 7.6, centralExam: 6.4 }, 7],
    [{ schoolExam: 7.6, centralExam: 6.5 }, 7],
    [{ schoolExam: 7.7, centralExam: 6.5 }, 7],
    [{ schoolExam: 7.8, centralExam: 6.2 }, 7],
    [{ schoolExam: 7.8, centralExam: 6.3 }, 7],
    [{ schoolExam: 7.9, centralExam: 6.1 }, 7],
    [{ schoolExam: 8, centralExam: 7 }, 8],
    [{ schoolExam: 1, centralExam: 1 }, 1],
    [{ schoolExam: 10, centralExam: 10 }, 10],
    // A school-exam grade with more decimals is first rounded to one: 6.45 → 6.5, + 5.4 = 5.95 → 6.
    [{ schoolExam: 6.45, centralExam: 5.4 }, 6],
    [{ schoolExam: 6.45, centralExam: 4.5 }, 6], // (6.5 + 4.5) / 2 = 5.5; unrounded 5.475 would give 5
    [{ schoolExam: 6.44, centralExam: 4.5 }, 5],
  ])("finalGrade(%o) = %s", (input, expected) => {
    expect(finalGrade(input)).toBe(expected);
  });

  test("the average x.45 goes down, x.50 goes up (art. 33 lid 2)", () => {
    expect(finalGrade({ schoolExam: 6.4, centralExam: 6.5 })).toBe(6); // 6.45
    expect(finalGrade({ schoolExam: 6.5, centralExam: 6.5 })).toBe(7); // 6.50
  });

  test.each([
    [{ schoolExam: 0.9 }, "schoolExam"],
    [{ schoolExam: 10.5 }, "schoolExam"],
    [{ schoolExam: 6, centralExam: 0 }, "centralExam"],
    [{ schoolExam: 6, centralExam: 11 }, "centralExam"],
    [{ schoolExam: Number.NaN }, "schoolExam"],
  ])("throws a RuleInputError for %o", (input, field) => {
    expect(() => finalGrade(input)).toThrow(RuleInputError);
    try {
      finalGrade(input);
    } catch (err) {
      expect((err as RuleInputError).field).toBe(field);
    }
  });

  test("property: always a whole number 1–10", () => {
    const grade = fc.integer({ min: 10, max: 100 }).map((t) => t / 10);
    fc.assert(
      fc.property(grade, fc.option(grade, { nil: undefined }), (schoolExam, centralExam) => {
        const result = finalGrade({ schoolExam, centralExam });
        expect(Number.isInteger(result)).toBe(true);
        expect(result).toBeGreaterThanOrEqual(1);
        expect(result).toBeLessThanOrEqual(10);
      }),
    );
  });

  test("property: monotone in both grades", () => {
    const grade = fc.integer({ min: 10, max: 100 });
    fc.assert(
      fc.property(grade, grade, grade, grade, (a, b, c, d) => {
        const [se1, se2] = a <= b ? [a, b] : [b, a];
        const [ce1, ce2] = c <= d ? [c, d] : [d, c];
        expect(finalGrade({ schoolExam: se1 / 10, centralExam: ce1 / 10 })).toBeLessThanOrEqual(
          finalGrade({ schoolExam: se2 / 10, centralExam: ce2 / 10 }),
        );
        expect(finalGrade({ schoolExam: se1 / 10 })).toBeLessThanOrEqual(
          finalGrade({ schoolExam: se2 / 10 }),
        );
      }),
    );
  });
});
