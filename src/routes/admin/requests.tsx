// /beheer: the overview with account requests (approve, refuse) and schools (suspend, reactivate).
import { Hono, type Context } from "hono";
import { z } from "zod";
import {
  AccountError,
  approveAccountRequest,
  flowContext,
  refuseAccountRequest,
  setSchoolStatus,
} from "#src/auth/accounts";
import type { AppEnv } from "#src/env";
import { renderError } from "#src/http/error-page";
import { withNotice } from "#src/http/notice";
import { parseForm } from "#src/http/validation";
import {
  pendingAccountRequests,
  schoolById,
  schoolsOverview,
  schoolUsers,
} from "#src/queries/accounts";
import { AdminOverviewPage, adminOverviewHead } from "#views/pages/admin/overview";
import { AdminSchoolPage, adminSchoolHead } from "#views/pages/admin/school";
import { adminNotice } from "./shared";

export const requestRoutes = new Hono<AppEnv>();

async function renderOverview(
  c: Context<AppEnv>,
  extra: {
    warning?: string;
    refuseError?: { requestId: string; message: string; reason?: string };
  } = {},
  status: 200 | 404 | 409 | 422 = 200,
) {
  const db = c.get("db");
  const [requests, schools] = await Promise.all([pendingAccountRequests(db), schoolsOverview(db)]);
  c.status(status);
  return c.render(
    <AdminOverviewPage
      requests={requests.map((r) => ({
        ...r.request,
        placeName: r.placeName,
        municipality: r.municipality,
      }))}
      schools={schools}
      notice={adminNotice(c)}
      {...extra}
    />,
    adminOverviewHead,
  );
}

requestRoutes.get("/", (c) => renderOverview(c));

requestRoutes.post("/aanvragen/:id/goedkeuren", async (c) => {
  try {
    await approveAccountRequest(flowContext(c), c.req.param("id"));
  } catch (err) {
    if (!(err instanceof AccountError)) throw err;
    return renderOverview(c, { warning: err.message }, err.status === 404 ? 404 : 409);
  }
  return c.redirect(withNotice("/beheer", "goedgekeurd"), 303);
});

const refuseSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3, "Vul de reden van de weigering in; de aanvrager krijgt deze te lezen.")
    .max(1000, "Houd de reden kort (hoogstens 1000 tekens)."),
});

requestRoutes.post("/aanvragen/:id/weigeren", async (c) => {
  const id = c.req.param("id");
  const parsed = await parseForm(c, refuseSchema);
  if (!parsed.ok) {
    return renderOverview(
      c,
      {
        refuseError: {
          requestId: id,
          message: parsed.errors.reason ?? Object.values(parsed.errors)[0],
          reason: parsed.values.reason,
        },
      },
      422,
    );
  }
  try {
    await refuseAccountRequest(flowContext(c), id, parsed.data.reason);
  } catch (err) {
    if (!(err instanceof AccountError)) throw err;
    return renderOverview(c, { warning: err.message }, err.status === 404 ? 404 : 409);
  }
  return c.redirect(withNotice("/beheer", "geweigerd"), 303);
});

requestRoutes.get("/scholen/:id", async (c) => {
  const db = c.get("db");
  const school = await schoolById(db, c.req.param("id"));
  if (!school) return renderError(c, 404, "Niet gevonden", "Deze school bestaat niet.");
  const users = await schoolUsers(db, school.id, { includeRemoved: true });
  return c.render(
    <AdminSchoolPage school={school} users={users} notice={adminNotice(c)} />,
    adminSchoolHead(school.name),
  );
});

for (const [path, status, done] of [
  ["opschorten", "suspended", "opgeschort"],
  ["heractiveren", "active", "heractiveerd"],
] as const) {
  requestRoutes.post(`/scholen/:id/${path}`, async (c) => {
    const id = c.req.param("id");
    try {
      await setSchoolStatus(flowContext(c), id, status);
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      return renderError(c, 404, "Niet gevonden", err.message);
    }
    return c.redirect(withNotice(`/beheer/scholen/${id}`, done), 303);
  });
}
