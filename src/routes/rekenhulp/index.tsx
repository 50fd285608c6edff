// The rekenhulp at /rekenhulp (issue 6): forms work without JavaScript, htmx swaps results.
import { Hono, type Context } from "hono";
import { isHtmxRequest, varyOnHtmx } from "#src/http/htmx";
import { formFields } from "#src/http/validation";
import type { AppEnv } from "#src/env";
import {
  DeadlineResult,
  ExamResultOutcome,
  ExamResultSection,
  ExamTimesResult,
  FinalGradeResult,
  RekenhulpPage,
  SchoolExamResult,
  SchoolExamSection,
  type RekenhulpState,
  rekenhulpHead,
} from "#views/pages/rekenhulp";
import {
  calculateDeadline,
  calculateExamResult,
  calculateExamTimes,
  calculateFinalGrade,
  calculateSchoolExam,
  deadlineForm,
  examResultForm,
  exampleExamResult,
  schoolExamForm,
  type FieldValues,
} from "#src/rules/rekenhulp";

export const rulesRoutes = new Hono<AppEnv>();

// Every rekenhulp URL ("*" here covers /rekenhulp and /rekenhulp/…) answers htmx with a fragment and browsers with the page: caches must know.
rulesRoutes.use("*", async (c, next) => {
  await next();
  varyOnHtmx(c);
});

function initialState(today: string): RekenhulpState {
  return {
    schoolExam: schoolExamForm(),
    finalGrade: { values: {}, errors: {} },
    examResult: examResultForm(),
    deadline: deadlineForm(today),
    examTimes: { values: {}, errors: {} },
  };
}

/**
 * One section was used: htmx gets that section's result (the same component the page renders),
 * a plain browser gets the whole page with that section filled in. Invalid input answers 422.
 */
function respond(
  c: Context<AppEnv>,
  change: Partial<RekenhulpState>,
  partial: string | Promise<string>,
  hasErrors: boolean,
) {
  const status = hasErrors ? 422 : 200;
  if (isHtmxRequest(c)) return c.html(partial, status);
  const state = { ...initialState(c.get("today")), ...change };
  c.status(status);
  return c.render(<RekenhulpPage state={state} />, rekenhulpHead);
}

function wantsNewRow(values: FieldValues): boolean {
  return values.action === "add-row";
}

function hasErrors(form: { errors: Record<string, string> }): boolean {
  return Object.keys(form.errors).length > 0;
}

rulesRoutes.get("/", (c) => {
  const state = initialState(c.get("today"));
  const example = c.req.query("voorbeeld");
  if (example === "havo" || example === "vwo" || example === "mavo") {
    state.examResult = calculateExamResult(exampleExamResult(example));
  }
  return c.render(<RekenhulpPage state={state} />, rekenhulpHead);
});

rulesRoutes.post("/schoolexamen", async (c) => {
  const values = await formFields(c);
  if (wantsNewRow(values)) {
    const form = schoolExamForm(values, true);
    return respond(c, { schoolExam: form }, <SchoolExamSection form={form} />, false);
  }
  const form = calculateSchoolExam(values);
  return respond(c, { schoolExam: form }, <SchoolExamResult form={form} />, hasErrors(form));
});

rulesRoutes.post("/eindcijfer", async (c) => {
  const form = calculateFinalGrade(await formFields(c));
  return respond(c, { finalGrade: form }, <FinalGradeResult form={form} />, hasErrors(form));
});

rulesRoutes.post("/uitslag", async (c) => {
  const values = await formFields(c);
  if (wantsNewRow(values)) {
    const form = examResultForm(values, true);
    return respond(c, { examResult: form }, <ExamResultSection form={form} />, false);
  }
  const form = calculateExamResult(values);
  return respond(c, { examResult: form }, <ExamResultOutcome form={form} />, hasErrors(form));
});

rulesRoutes.get("/termijn", (c) => {
  const form = calculateDeadline(c.get("today"), c.req.query());
  return respond(c, { deadline: form }, <DeadlineResult form={form} />, hasErrors(form));
});

rulesRoutes.get("/toetstijd", (c) => {
  const form = calculateExamTimes(c.req.query());
  return respond(c, { examTimes: form }, <ExamTimesResult form={form} />, hasErrors(form));
});

// A reload or bookmark of a posted form's address leads back to that section of the page.
for (const [path, anchor] of [
  ["/schoolexamen", "schoolexamen"],
  ["/eindcijfer", "eindcijfer"],
  ["/uitslag", "uitslag"],
] as const) {
  rulesRoutes.get(path, (c) => c.redirect(`/rekenhulp#${anchor}`, 303));
}
