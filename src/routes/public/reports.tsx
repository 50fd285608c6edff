// Public pages around a profile: the profile with its schools' contact, "Meld een fout"
// (POST /beoordelaars/{id}/melding, 5 per hour per IP) and a school's public page /scholen/{id}.
import { Hono, type Context } from "hono";
import { fileReport, noticeContext } from "#src/auth/assessor-notices";
import { REPORT_IP_RULE, takeQuota } from "#src/auth/quota";
import { clientIp } from "#src/auth/throttle";
import type { AppEnv } from "#src/env";
import { apiError, messages } from "#src/http/errors";
import { getAssessor } from "#src/queries/assessors";
import { listProvinces } from "#src/queries/reference";
import {
  getPublicSchool,
  listPublicSchools,
  publicAssessorsOfSchool,
} from "#src/queries/school-profile";
import { reportSchema } from "#src/rules/contact-input";
import { readForm } from "#src/routes/school/forms";
import { parseWith } from "#src/http/validation";
import { getPublicAssessor, type PublicAssessor } from "#src/search/search";
import type { ReportFormState } from "#views/components/report-form";
import { ProfilePage, profileHead } from "#views/pages/profile";
import { SchoolPublicPage, schoolPublicHead } from "#views/pages/school-public";
import { renderError } from "#src/http/error-page";

export const publicReportPages = new Hono<AppEnv>();

function profileNotFound(c: Context<AppEnv>) {
  return renderError(
    c,
    404,
    "Praktijkbeoordelaar niet gevonden",
    "Deze praktijkbeoordelaar staat niet (meer) openbaar in het register. Misschien is de kwalificatie verlopen of is de toestemming voor vermelding ingetrokken.",
  );
}

async function publicAssessor(c: Context<AppEnv>, id: string) {
  return /^[a-z0-9]{1,64}$/.test(id) ? getPublicAssessor(c.get("db"), id, c.get("today")) : null;
}

/** The public profile page (GET /beoordelaars/{id} and the report form's answers). */
export async function renderPublicProfile(
  c: Context<AppEnv>,
  assessor: PublicAssessor | null,
  report: ReportFormState = {},
  status: 200 | 422 | 429 = 200,
) {
  if (!assessor) return profileNotFound(c);
  const db = c.get("db");
  const [provinces, schools] = await Promise.all([
    listProvinces(db),
    listPublicSchools(
      db,
      c.get("today"),
      assessor.schools.map((s) => s.id),
    ),
  ]);
  c.status(status);
  return c.render(
    <ProfilePage
      assessor={assessor}
      provinceNames={new Map(provinces.map((p) => [p.code, p.name]))}
      schools={schools}
      report={report}
    />,
    profileHead(assessor.name),
  );
}

/** The report's fields from a form post, or from a JSON body (for scripts and tests). */
async function reportValues(c: Context<AppEnv>, json: boolean) {
  if (!json) {
    const form = await readForm(c);
    return { message: form.one("message"), reply_to: form.one("reply_to") };
  }
  const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return { message: text(body?.message), reply_to: text(body?.reply_to) };
}

publicReportPages.post("/beoordelaars/:id/melding", async (c) => {
  const json = (c.req.header("content-type") ?? "").startsWith("application/json");
  const assessor = await publicAssessor(c, c.req.param("id"));
  if (!assessor)
    return json ? apiError(c, 404, "not_found", messages.notFound) : profileNotFound(c);
  const values = await reportValues(c, json);
  const parsed = parseWith(reportSchema, values);
  if (!parsed.ok)
    return json
      ? apiError(c, 422, "invalid", messages.invalid, parsed.fields)
      : renderPublicProfile(c, assessor, { values, errors: parsed.fields }, 422);
  const db = c.get("db");
  const quota = await takeQuota(db, `report:ip:${clientIp(c)}`, REPORT_IP_RULE, c.get("now"));
  if (!quota.ok) {
    c.header("Retry-After", String(quota.retryAfter));
    const message = `U heeft het afgelopen uur al ${REPORT_IP_RULE.max} meldingen verstuurd. Probeer het over ${Math.ceil(quota.retryAfter / 60)} minuten opnieuw.`;
    return json
      ? apiError(c, 429, "too_many_requests", message)
      : renderPublicProfile(c, assessor, { values, errors: { message } }, 429);
  }
  const row = (await getAssessor(db, assessor.id))!;
  await fileReport(db, noticeContext(c), {
    assessor: row,
    source: "public",
    message: parsed.data.message,
    replyTo: parsed.data.reply_to || null,
  });
  // Nothing about the assessor beyond the public profile goes back to the reporter.
  if (json) return c.json({ status: "received" }, 201);
  return c.redirect(`/beoordelaars/${assessor.id}?melding=verstuurd#melding`, 303);
});

publicReportPages.get("/scholen/:id", async (c) => {
  const db = c.get("db");
  const school = await getPublicSchool(db, c.req.param("id"), c.get("today"));
  if (!school)
    return renderError(
      c,
      404,
      "School niet gevonden",
      "Deze school staat niet (meer) in het register. Controleer het adres of ga naar de zoekpagina.",
    );
  const page = Math.max(1, Math.min(10_000, Number(c.req.query("page")) || 1));
  const assessors = await publicAssessorsOfSchool(db, school.id, c.get("today"), page);
  return c.render(
    <SchoolPublicPage school={school} assessors={assessors} page={page} />,
    schoolPublicHead(school.name),
  );
});
