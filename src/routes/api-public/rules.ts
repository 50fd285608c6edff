// The rules JSON API: the rekenhulp's calculations for other tools (DESIGN §7, issue 6).
import { Hono, type Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "#src/env";
import { apiError, messages } from "#src/http/errors";
import { examResult, finalGrade, RuleInputError, schoolExamGrade } from "#src/rules";
import {
  examResultBody,
  finalGradeBody,
  ruleFieldErrors,
  schoolExamGradeBody,
} from "#src/rules/schemas";

export const rulesApi = new Hono<AppEnv>();

type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/** Malformed JSON → 400; valid JSON that breaks the schema (or an unknown field) → 422. */
async function parseBody<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
): Promise<Parsed<z.output<S>>> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, response: apiError(c, 400, "malformed", messages.malformed) };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      response: apiError(c, 422, "invalid", messages.invalid, ruleFieldErrors(parsed.error)),
    };
  }
  return { ok: true, value: parsed.data };
}

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
  const body = await parseBody(c, schoolExamGradeBody);
  if (!body.ok) return body.response;
  return calculate(c, () => ({ grade: schoolExamGrade(body.value.parts) }));
});

rulesApi.post("/final-grade", async (c) => {
  const body = await parseBody(c, finalGradeBody);
  if (!body.ok) return body.response;
  return calculate(c, () => ({ grade: finalGrade(body.value) }));
});

rulesApi.post("/exam-result", async (c) => {
  const body = await parseBody(c, examResultBody);
  if (!body.ok) return body.response;
  return calculate(c, () => examResult(body.value));
});
