// zod schemas for the exam rules at the HTTP boundary (API bodies), with Dutch messages.
import { z } from "zod";
import { ASSESSMENTS, EXAM_LEVELS } from "./exam-result";

const number = (what: string) =>
  z.number({
    error: (issue) =>
      issue.input === undefined ? `${what} is verplicht.` : `${what} moet een getal zijn.`,
  });

/** A grade 1.0–10.0. */
export const gradeSchema = (what = "Het cijfer") =>
  number(what)
    .min(1, { error: `${what} ligt tussen 1,0 en 10,0.` })
    .max(10, { error: `${what} ligt tussen 1,0 en 10,0.` });

const weightSchema = number("De weging")
  .gt(0, { error: "De weging moet groter zijn dan 0." })
  .max(1000, { error: "De weging is ten hoogste 1000." });

const optional = <T extends z.ZodType>(schema: T) =>
  schema
    .nullable()
    .optional()
    .transform((v) => v ?? undefined);

const flag = (what: string) => optional(z.boolean({ error: `${what} is true of false.` }));

export const schoolExamGradeBody = z.strictObject({
  parts: z
    .array(z.strictObject({ grade: gradeSchema(), weight: weightSchema }), {
      error: "Geef een lijst met onderdelen (parts).",
    })
    .min(1, { error: "Geef ten minste één onderdeel." })
    .max(100, { error: "Geef ten hoogste 100 onderdelen." }),
});

export const finalGradeBody = z.strictObject({
  schoolExam: gradeSchema("Het cijfer voor het schoolexamen"),
  centralExam: optional(gradeSchema("Het cijfer voor het centraal examen")),
});

export const subjectSchema = z
  .strictObject({
    name: z
      .string({ error: "De naam van het vak is verplicht." })
      .trim()
      .min(1, { error: "De naam van het vak is verplicht." })
      .max(100, { error: "De naam van het vak is te lang (ten hoogste 100 tekens)." }),
    finalGrade: optional(
      number("Het eindcijfer")
        .int({ error: "Het eindcijfer is een geheel getal van 1 tot en met 10." })
        .min(1, { error: "Het eindcijfer is een geheel getal van 1 tot en met 10." })
        .max(10, { error: "Het eindcijfer is een geheel getal van 1 tot en met 10." }),
    ),
    centralExamGrade: optional(gradeSchema("Het cijfer voor het centraal examen")),
    core: flag("Kernvak"),
    combination: flag("Combinatievak"),
    assessment: optional(
      z.enum(ASSESSMENTS, { error: "De beoordeling is onvoldoende, voldoende of goed." }),
    ),
  })
  .superRefine((subject, ctx) => {
    if (subject.finalGrade === undefined && subject.assessment === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["finalGrade"],
        message: "Geef een eindcijfer of een beoordeling.",
      });
    } else if (subject.finalGrade === undefined && (subject.core || subject.combination)) {
      ctx.addIssue({
        code: "custom",
        path: ["finalGrade"],
        message: "Een kernvak of combinatievak heeft een eindcijfer.",
      });
    }
  });

export const examResultBody = z.strictObject({
  level: z.enum(EXAM_LEVELS, { error: "Het niveau is havo, vwo of mavo." }),
  subjects: z
    .array(subjectSchema, { error: "Geef een lijst met vakken (subjects)." })
    .min(1, { error: "Geef ten minste één vak." })
    .max(40, { error: "Geef ten hoogste 40 vakken." }),
});

/** How rule bodies name their fields in errors: "parts.0.grade", with array positions. */
export const RULE_FIELD_OPTIONS = { keepIndices: true, rootMessage: "Stuur een JSON-object." };
