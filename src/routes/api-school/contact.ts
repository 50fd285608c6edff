// School API (DESIGN §5): the school's public exam-office contact (GET/PATCH /profile, PATCH by a
// school admin only) and the "Meld een fout" reports (GET /reports, POST /reports/{id}/close).
import { Hono } from "hono";
import { requireSchoolApi } from "#src/http/guards";
import type { AppEnv } from "#src/env";
import { HttpError } from "#src/http/errors";
import { closeReport, listReports, toReportItem } from "#src/queries/reports";
import { getSchoolContact, isUserAddress, updateSchoolContact } from "#src/queries/school-profile";
import {
  PERSONAL_ADDRESS_MESSAGE,
  reportsQuerySchema,
  schoolProfileSchema,
} from "#src/rules/contact-input";
import { invalid, schoolActorOf } from "#src/routes/school/context";
import { idempotency } from "./idempotency";
import { parseWith, readJson } from "#src/http/validation";

export const schoolContactApi = new Hono<AppEnv>();

for (const path of ["/profile", "/reports", "/reports/*"]) {
  schoolContactApi.use(path, requireSchoolApi);
  schoolContactApi.use(path, idempotency);
}

schoolContactApi.get("/profile", async (c) => {
  const actor = schoolActorOf(c);
  return c.json(await getSchoolContact(c.get("db"), actor.schoolId));
});

schoolContactApi.patch("/profile", async (c) => {
  const actor = schoolActorOf(c);
  if (c.get("auth")!.role !== "school_admin")
    throw new HttpError(
      403,
      "forbidden",
      "Alleen een beheerder van uw school kan de openbare contactgegevens wijzigen.",
    );
  const parsed = parseWith(schoolProfileSchema, await readJson(c));
  if (!parsed.ok) invalid(parsed.fields);
  const email = parsed.data.contact_email;
  if (email && (await isUserAddress(c.get("db"), email)))
    invalid({ contact_email: PERSONAL_ADDRESS_MESSAGE });
  const contact = await updateSchoolContact(
    c.get("db"),
    { userId: actor.userId!, schoolId: actor.schoolId, requestId: actor.requestId },
    parsed.data,
  );
  return c.json(contact);
});

schoolContactApi.get("/reports", async (c) => {
  const actor = schoolActorOf(c);
  const query = Object.fromEntries(
    Object.entries(c.req.query()).filter(([, v]) => v.trim() !== ""),
  );
  const parsed = parseWith(reportsQuerySchema, query);
  if (!parsed.ok)
    invalid(parsed.fields, `Ongeldige parameter: ${Object.keys(parsed.fields).join(", ")}.`);
  const rows = await listReports(c.get("db"), actor.schoolId, parsed.data.status);
  return c.json(rows.map(toReportItem));
});

schoolContactApi.post("/reports/:id/close", async (c) => {
  const actor = schoolActorOf(c);
  const row = await closeReport(
    c.get("db"),
    actor.schoolId,
    c.req.param("id"),
    actor.userId!,
    c.get("now"),
  );
  if (!row)
    throw new HttpError(404, "not_found", "Deze melding bestaat niet (meer) bij uw school.");
  return c.json(toReportItem(row));
});
