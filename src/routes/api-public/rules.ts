// The rules JSON API: the rekenhulp's calculations for other tools (DESIGN §7, issue 6).
import { Hono, type Context } from "hono";
import type { AppEnv } from "#src/env";
import { apiError } from "#src/http/errors";
import { parseJson } from "#src/http/validation";
import { examResult, finalGrade, RuleInputError, schoolExamGrade } from "#src/rules";
import {
  examResultBody,
  finalGradeBody,
  RULE_FIELD_OPTIONS,
  schoolExamGradeBody,
} from "#src/rules/schemas";

export const rulesApi = new Hono<AppEnv>();

/** The schemas already exclude impossible input; this keeps a rule's own refusal a 422, too. */
function calculate(c: Context<AppEnv>, run: () => unknown): Response {
  try {
    return c.json(run() as object);
  } catch (err) {
    if (err instanceof RuleInputError) {
      return apiError(c, 422, "invalid", err.message, { [err.field ?? "_"]: err.message });
    }
    throw err;
  }
}

rulesApi.post("/school-exam-grade", async (c) => {
  const body = await parseJson(c, schoolExamGradeBody, RULE_FIELD_OPTIONS);
  return calculate(c, () => ({ grade: schoolExamGrade(body.parts) }));
});

rulesApi.post("/final-grade", async (c) => {
  const body = await parseJson(c, finalGradeBody, RULE_FIELD_OPTIONS);
  return calculate(c, () => ({ grade: finalGrade(body) }));
});

rulesApi.post("/exam-result", async (c) => {
  const body = await parseJson(c, examResultBody, RULE_FIELD_OPTIONS);
  return calculate(c, () => examResult(body));
});
