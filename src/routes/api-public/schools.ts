// The public school list (DESIGN §4): GET /api/v1/schools and /api/v1/schools/{id}, each with its
// exam office's public contact and the number of public profiles that list it.
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { AppEnv } from "#src/env";
import { apiError, messages } from "#src/http/errors";
import { errors, jsonContent, publicValidation } from "#src/http/openapi";
import { getPublicSchool, listPublicSchools } from "#src/queries/school-profile";
import { publicCache } from "./index";

export const publicSchoolsApi = new OpenAPIHono<AppEnv>({ defaultHook: publicValidation() });

const PublicSchoolSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    place: z.object({ code: z.string(), name: z.string(), province: z.string() }).nullable(),
    website: z.string().meta({ description: "Leeg als de school er geen opgaf." }),
    contact_email: z
      .string()
      .meta({ description: "Algemeen adres van het examenbureau, nooit een persoonlijk adres." }),
    contact_phone: z.string(),
    assessors: z.number().int().meta({ description: "Aantal openbare profielen met deze school." }),
  })
  .meta({
    id: "PublicSchool",
    description: "Een school met het openbare contact van het examenbureau.",
  });

const cached = { 304: { description: "Niet gewijzigd sinds de ETag in If-None-Match." } };

const listRoute = createRoute({
  method: "get",
  path: "/schools",
  tags: ["Openbaar"],
  summary: "Scholen met het contact van hun examenbureau",
  responses: {
    200: jsonContent(z.array(PublicSchoolSchema), "Alle actieve scholen."),
    ...cached,
  },
});

const oneRoute = createRoute({
  method: "get",
  path: "/schools/{id}",
  tags: ["Openbaar"],
  summary: "Eén school",
  request: { params: z.object({ id: z.string().meta({ description: "Het id van de school." }) }) },
  responses: {
    200: jsonContent(PublicSchoolSchema, "De school."),
    ...cached,
    ...errors([404]),
  },
});

publicSchoolsApi.openapi(listRoute, async (c) => {
  const { notModified } = await publicCache(c);
  if (notModified) return notModified;
  return c.json(await listPublicSchools(c.get("db"), c.get("today")), 200);
});

publicSchoolsApi.openapi(oneRoute, async (c) => {
  const school = await getPublicSchool(c.get("db"), c.req.valid("param").id, c.get("today"));
  if (!school) return apiError(c, 404, "not_found", messages.notFound);
  const { notModified } = await publicCache(c);
  return notModified ?? c.json(school, 200);
});
