// School API (DESIGN §5): the school's public exam-office contact (GET/PATCH /profile, PATCH by a
// school admin only) and the "Meld een fout" reports (GET /reports, POST /reports/{id}/close).
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { requireSchoolApi } from "#src/http/guards";
import type { AppEnv } from "#src/env";
import { HttpError } from "#src/http/errors";
import { errors, jsonBody, jsonContent, jsonRequest, schoolValidation } from "#src/http/openapi";
import { closeReport, listReports, toReportItem } from "#src/queries/reports";
import { getSchoolContact, isUserAddress, updateSchoolContact } from "#src/queries/school-profile";
import {
  PERSONAL_ADDRESS_MESSAGE,
  reportsQuerySchema,
  schoolProfileSchema,
} from "#src/rules/contact-input";
import { invalid, schoolActorOf } from "#src/routes/school/context";
import { idempotency } from "./idempotency";
import { emptyAsAbsent, idempotencyHeader, security } from "./routes";

export const schoolContactApi = new OpenAPIHono<AppEnv>({ defaultHook: schoolValidation() });

for (const path of ["/profile", "/reports", "/reports/*"]) {
  schoolContactApi.use(path, requireSchoolApi);
  schoolContactApi.use(path, idempotency);
}

const TAG = "School";

const ContactSchema = z
  .object({ website: z.string(), contact_email: z.string(), contact_phone: z.string() })
  .meta({ id: "SchoolContact", description: "Het openbare contact van het examenbureau." });

const ReportSchema = z
  .object({
    id: z.string(),
    assessor_id: z.string(),
    message: z.string(),
    reply_to: z.string().nullable(),
    source: z.enum(["public", "assessor"]),
    status: z.enum(["open", "closed"]),
    created_at: z.string(),
  })
  .meta({ id: "Report", description: "Een melding (Meld een fout) over een van uw beoordelaars." });

/** Only a school admin changes the public contact: 403 before the body is read. */
const schoolAdminOnly = createMiddleware<AppEnv>(async (c, next) => {
  schoolActorOf(c);
  if (c.get("auth")!.role !== "school_admin")
    throw new HttpError(
      403,
      "forbidden",
      "Alleen een beheerder van uw school kan de openbare contactgegevens wijzigen.",
    );
  await next();
});

const getProfileRoute = createRoute({
  method: "get",
  path: "/profile",
  tags: [TAG],
  security,
  summary: "Het openbare contact van uw examenbureau",
  responses: { 200: jsonContent(ContactSchema, "Het contact."), ...errors([401, 403, 404]) },
});

const patchProfileRoute = createRoute({
  method: "patch",
  path: "/profile",
  tags: [TAG],
  security,
  summary: "Wijzig het openbare contact (beheerder van de school)",
  description:
    "Gebruik een algemeen adres van het examenbureau; het adres van een persoon met een account wordt geweigerd.",
  middleware: [schoolAdminOnly, jsonBody] as const,
  request: jsonRequest(schoolProfileSchema),
  responses: {
    200: jsonContent(ContactSchema, "Het nieuwe contact."),
    ...errors([400, 401, 403, 413, 422]),
  },
});

const reportsRoute = createRoute({
  method: "get",
  path: "/reports",
  tags: [TAG],
  security,
  summary: "Meldingen over uw beoordelaars",
  description: "Open meldingen het oudst eerst, gesloten meldingen het nieuwst eerst.",
  request: {
    query: z.strictObject({
      status: emptyAsAbsent(reportsQuerySchema.shape.status, "open of closed; leeg: alle."),
    }),
  },
  responses: {
    200: jsonContent(z.array(ReportSchema), "De meldingen."),
    ...errors([401, 403, 422]),
  },
});

const closeRoute = createRoute({
  method: "post",
  path: "/reports/{id}/close",
  tags: [TAG],
  security,
  summary: "Sluit een melding",
  request: {
    params: z.object({ id: z.string().meta({ description: "Het id van de melding." }) }),
    headers: idempotencyHeader,
  },
  responses: {
    200: jsonContent(ReportSchema, "De gesloten melding."),
    ...errors([400, 401, 403, 404]),
  },
});

schoolContactApi.openapi(getProfileRoute, async (c) => {
  const actor = schoolActorOf(c);
  const contact = await getSchoolContact(c.get("db"), actor.schoolId);
  if (!contact) throw new HttpError(404, "not_found", "Deze school bestaat niet (meer).");
  return c.json(contact, 200);
});

schoolContactApi.openapi(patchProfileRoute, async (c) => {
  const actor = schoolActorOf(c);
  const body = c.req.valid("json");
  if (body.contact_email && (await isUserAddress(c.get("db"), body.contact_email)))
    invalid({ contact_email: PERSONAL_ADDRESS_MESSAGE });
  const contact = await updateSchoolContact(
    c.get("db"),
    { userId: actor.userId!, schoolId: actor.schoolId, requestId: actor.requestId },
    body,
  );
  return c.json(contact, 200);
});

schoolContactApi.openapi(reportsRoute, async (c) => {
  const actor = schoolActorOf(c);
  const status = c.req.valid("query").status as "open" | "closed" | undefined;
  const rows = await listReports(c.get("db"), actor.schoolId, status);
  return c.json(rows.map(toReportItem), 200);
});

schoolContactApi.openapi(closeRoute, async (c) => {
  const actor = schoolActorOf(c);
  const row = await closeReport(
    c.get("db"),
    actor.schoolId,
    c.req.valid("param").id,
    actor.userId!,
    c.get("now"),
  );
  if (!row)
    throw new HttpError(404, "not_found", "Deze melding bestaat niet (meer) bij uw school.");
  return c.json(toReportItem(row), 200);
});
