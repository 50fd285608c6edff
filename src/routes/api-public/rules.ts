// The rules JSON API: the rekenhulp's calculations for other tools (DESIGN §7, issue 6).
// Bodies are validated by the route declarations (malformed JSON → 400, a broken schema or an
// unknown field → 422 via the area's validation hook).
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { AppEnv } from "#src/env";
import { HttpError } from "#src/http/errors";
import {
  describeFields,
  errors,
  jsonBody,
  jsonContent,
  jsonRequest,
  publicValidation,
} from "#src/http/openapi";
import { examResult, finalGrade, RuleInputError, schoolExamGrade } from "#src/rules";
import { examResultBody, finalGradeBody, schoolExamGradeBody } from "#src/rules/schemas";

export const rulesApi = new OpenAPIHono<AppEnv>({ defaultHook: publicValidation() });

const TAG = "Rekenregels";

describeFields(schoolExamGradeBody.shape, {
  parts: "De onderdelen, elk met een cijfer (1,0 tot 10,0) en een weging (groter dan 0).",
});
describeFields(finalGradeBody.shape, {
  schoolExam: "Cijfer voor het schoolexamen, 1,0 tot 10,0.",
  centralExam: "Cijfer voor het centraal examen, 1,0 tot 10,0; weglaten of null als er geen is.",
});
describeFields(examResultBody.shape, {
  level: "havo, vwo of mavo.",
  subjects: "De vakken, elk met een eindcijfer of een beoordeling.",
});

const GradeSchema = z.object({ grade: z.number() }).meta({ id: "Grade" });

const ExamResultSchema = z
  .object({
    passed: z.boolean(),
    reasons: z.array(z.string()).meta({ description: "Per niet-gehaalde regel één zin." }),
    centralExamAverage: z.number().nullable(),
    combinationGrade: z.number().optional(),
  })
  .meta({ id: "ExamResult" });

function calculation<S extends z.ZodType, R extends z.ZodType>(
  path: string,
  summary: string,
  body: S,
  result: R,
) {
  return createRoute({
    method: "post",
    path,
    tags: [TAG],
    summary,
    middleware: [jsonBody] as const,
    request: jsonRequest(body),
    responses: {
      200: jsonContent(result, "De uitkomst."),
      ...errors([400, 422]),
    },
  });
}

/** The schemas already exclude impossible input; this keeps a rule's own refusal a 422, too. */
function calculate<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof RuleInputError)
      throw new HttpError(422, "invalid", err.message, { [err.field ?? "_"]: err.message });
    throw err;
  }
}

rulesApi.openapi(
  calculation(
    "/school-exam-grade",
    "Cijfer schoolexamen (gewogen gemiddelde, één decimaal)",
    schoolExamGradeBody,
    GradeSchema,
  ),
  (c) => c.json({ grade: calculate(() => schoolExamGrade(c.req.valid("json").parts)) }, 200),
);

rulesApi.openapi(
  calculation(
    "/final-grade",
    "Eindcijfer uit schoolexamen en centraal examen",
    finalGradeBody,
    GradeSchema,
  ),
  (c) => c.json({ grade: calculate(() => finalGrade(c.req.valid("json"))) }, 200),
);

rulesApi.openapi(
  calculation("/exam-result", "Uitslag: geslaagd of gezakt", examResultBody, ExamResultSchema),
  (c) =>
    c.json(
      calculate(() => examResult(c.req.valid("json"))),
      200,
    ),
);
