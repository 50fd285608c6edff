// School pages for the public side of the register: the Meldingen list (open / afgehandeld,
// close one) and the exam office's public contact (/school/contact, changed by a school admin).
import { Hono, type Context } from "hono";
import { requireSchoolAdminPage, requireSchoolPage } from "#src/http/guards";
import type { AppEnv, AuthContext } from "#src/env";
import { HttpError } from "#src/http/errors";
import { closeReport, listReports } from "#src/queries/reports";
import { getSchoolContact, isUserAddress, updateSchoolContact } from "#src/queries/school-profile";
import { PERSONAL_ADDRESS_MESSAGE, schoolProfileSchema } from "#src/rules/contact-input";
import { readForm } from "./forms";
import { parseWith } from "#src/http/validation";
import { ContactPage, contactHead } from "#views/pages/account/contact";
import { ReportsPage, reportsHead } from "#views/pages/school/reports";

export const schoolReportPages = new Hono<AppEnv>();

type SchoolAuth = AuthContext & { school: { id: string; name: string } };
const schoolAuth = (c: Context<AppEnv>) => c.get("auth") as SchoolAuth;

schoolReportPages.use("/meldingen/*", requireSchoolPage);
schoolReportPages.use("/contact/*", requireSchoolPage);

schoolReportPages.get("/meldingen", async (c) => {
  const status = c.req.query("status") === "afgehandeld" ? "closed" : "open";
  const auth = schoolAuth(c);
  const reports = await listReports(c.get("db"), auth.school.id, status);
  const notice =
    c.req.query("melding") === "afgehandeld" ? "De melding is afgehandeld." : undefined;
  return c.render(<ReportsPage status={status} reports={reports} notice={notice} />, reportsHead);
});

schoolReportPages.post("/meldingen/:id/afhandelen", async (c) => {
  const auth = schoolAuth(c);
  const row = await closeReport(
    c.get("db"),
    auth.school.id,
    c.req.param("id"),
    auth.user.id,
    c.get("now"),
  );
  if (!row)
    throw new HttpError(404, "not_found", "Deze melding bestaat niet (meer) bij uw school.");
  return c.redirect("/school/meldingen?melding=afgehandeld", 303);
});

schoolReportPages.get("/contact", async (c) => {
  const auth = schoolAuth(c);
  const values = (await getSchoolContact(c.get("db"), auth.school.id))!;
  const notice =
    c.req.query("opgeslagen") !== undefined ? "De contactgegevens zijn opgeslagen." : undefined;
  return c.render(<ContactPage values={values} notice={notice} />, contactHead);
});

schoolReportPages.post("/contact", requireSchoolAdminPage, async (c) => {
  const auth = schoolAuth(c);
  const form = await readForm(c);
  const values = {
    website: form.one("website"),
    contact_email: form.one("contact_email"),
    contact_phone: form.one("contact_phone"),
  };
  const parsed = parseWith(schoolProfileSchema, values);
  let errors = parsed.ok ? {} : parsed.fields;
  if (
    parsed.ok &&
    parsed.data.contact_email &&
    (await isUserAddress(c.get("db"), parsed.data.contact_email))
  )
    errors = { contact_email: PERSONAL_ADDRESS_MESSAGE };
  if (!parsed.ok || Object.keys(errors).length) {
    c.status(422);
    return c.render(<ContactPage values={values} errors={errors} />, contactHead);
  }
  await updateSchoolContact(
    c.get("db"),
    { userId: auth.user.id, schoolId: auth.school.id, requestId: c.get("requestId") },
    parsed.data,
  );
  return c.redirect("/school/contact?opgeslagen", 303);
});
