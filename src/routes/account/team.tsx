// /school/team: the school's users and open invites; a school admin invites and removes colleagues.
import { Hono, type Context } from "hono";
import { z } from "zod";
import {
  AccountError,
  cancelInvite,
  flowContext,
  inviteUser,
  removeUser,
} from "#src/auth/accounts";
import type { AppEnv } from "#src/env";
import { renderError } from "#src/http/error-page";
import { requireSchoolAdminPage, requireSchoolPage } from "#src/http/guards";
import { withNotice } from "#src/http/notice";
import { parseForm } from "#src/http/validation";
import { openInvitesOfSchool, schoolUsers } from "#src/queries/accounts";
import { TeamPage, teamHead } from "#views/pages/account/team";
import { accountNotice, schoolAuth } from "./shared";

export const teamRoutes = new Hono<AppEnv>();

async function renderTeam(
  c: Context<AppEnv>,
  extra: { values?: { email?: string; role?: string }; errors?: Record<string, string> } = {},
  status: 200 | 404 | 409 | 422 = 200,
) {
  const auth = schoolAuth(c);
  const [members, invites] = await Promise.all([
    schoolUsers(c.get("db"), auth.school.id),
    openInvitesOfSchool(c.get("db"), auth.school.id, c.get("now")),
  ]);
  c.status(status);
  return c.render(
    <TeamPage members={members} invites={invites} notice={accountNotice(c)} {...extra} />,
    teamHead,
  );
}

teamRoutes.get("/team", requireSchoolPage, (c) => renderTeam(c));

const inviteSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Vul het e-mailadres van uw collega in.")
    .max(254, "Dit e-mailadres is te lang.")
    .pipe(z.email("Vul een geldig e-mailadres in.")),
  role: z.enum(["staff", "school_admin"], "Kies een rol: medewerker of beheerder."),
});

teamRoutes.post("/team", requireSchoolPage, requireSchoolAdminPage, async (c) => {
  const parsed = await parseForm(c, inviteSchema, { role: "staff" });
  const form = parsed.values;
  if (!parsed.ok) return renderTeam(c, { values: form, errors: parsed.errors }, 422);
  try {
    await inviteUser(flowContext(c), { ...parsed.data, schoolId: schoolAuth(c).school.id });
  } catch (err) {
    if (!(err instanceof AccountError)) throw err;
    return renderTeam(
      c,
      { values: form, errors: { [err.field ?? "email"]: err.message } },
      err.status === 409 ? 409 : 422,
    );
  }
  return c.redirect(withNotice("/school/team", "uitgenodigd"), 303);
});

teamRoutes.post(
  "/team/:userId/verwijderen",
  requireSchoolPage,
  requireSchoolAdminPage,
  async (c) => {
    try {
      await removeUser(flowContext(c), schoolAuth(c).school.id, c.req.param("userId"));
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      return renderError(c, err.status === 404 ? 404 : 422, "Dat lukte niet", err.message);
    }
    return c.redirect(withNotice("/school/team", "verwijderd"), 303);
  },
);

teamRoutes.post(
  "/team/uitnodigingen/:inviteId/intrekken",
  requireSchoolPage,
  requireSchoolAdminPage,
  async (c) => {
    try {
      await cancelInvite(flowContext(c), schoolAuth(c).school.id, c.req.param("inviteId"));
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      return renderError(c, 404, "Niet gevonden", err.message);
    }
    return c.redirect(withNotice("/school/team", "ingetrokken"), 303);
  },
);
