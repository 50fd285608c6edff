// The public school list (DESIGN §4): GET /api/v1/schools and /api/v1/schools/{id}, each with its
// exam office's public contact and the number of public profiles that list it.
import { Hono } from "hono";
import type { AppEnv } from "#src/env";
import { apiError, messages } from "#src/http/errors";
import { getPublicSchool, listPublicSchools } from "#src/queries/school-profile";
import { publicCache } from "./index";

export const publicSchoolsApi = new Hono<AppEnv>();

publicSchoolsApi.get("/schools", async (c) => {
  const { notModified } = await publicCache(c);
  if (notModified) return notModified;
  return c.json(await listPublicSchools(c.get("db"), c.get("today")));
});

publicSchoolsApi.get("/schools/:id", async (c) => {
  const school = await getPublicSchool(c.get("db"), c.req.param("id"), c.get("today"));
  if (!school) return apiError(c, 404, "not_found", messages.notFound);
  const { notModified } = await publicCache(c);
  return notModified ?? c.json(school);
});
