// The school's own account pages: /school/team, /school/tokens, password change (issue 4).
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv, AuthContext } from "#src/env";
import {
  AccountError,
  cancelInvite,
  changePassword,
  flowContext,
  inviteUser,
  removeUser,
} from "#src/auth/accounts";
import { requireSchoolAdminPage, requireSchoolPage } from "#src/http/guards";
import { formErrors, formFields, noStore } from "#src/auth/http";
import { createApiToken, revokeApiToken } from "#src/auth/tokens";
import {
  activeUserIdsOfSchool,
  openInvitesOfSchool,
  schoolUsers,
  tokenById,
  tokensForPage,
} from "#src/queries/accounts";
import { audit } from "#src/queries/audit";
import { renderError } from "#src/http/error-page";
import { TeamPage } from "#views/pages/account/team";
import { TokensPage } from "#views/pages/account/tokens";
import { ChangePasswordPage } from "#views/pages/account/password";

export const schoolAccountPages = new Hono<AppEnv>();

/** Notices after a POST-redirect-GET, by query key. */
const notices: Record<string, string> = {
  uitgenodigd: "De uitnodiging is verstuurd.",
  verwijderd: "De collega is verwijderd. Diens sessies en tokens werken niet meer.",
  ingetrokken: "De uitnodiging is ingetrokken.",
  token_ingetrokken: "Het token is ingetrokken en werkt niet meer.",
  gewijzigd:
    "Uw wachtwoord is gewijzigd. U bent op alle andere apparaten uitgelogd en uw API-tokens zijn ingetrokken.",
};

function notice(c: Context<AppEnv>): string | undefined {
  const key = Object.keys(notices).find((k) => c.req.query(k) !== undefined);
  return key ? notices[key] : undefined;
}

/** The guard ran first, so there is a user with a school. */
function schoolAuth(c: Context<AppEnv>): AuthContext & { school: { id: string; name: string } } {
  return c.get("auth") as AuthContext & { school: { id: string; name: string } };
}

// ---------------------------------------------------------------- team

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
  return c.html(
    <TeamPage auth={auth} members={members} invites={invites} notice={notice(c)} {...extra} />,
    status,
  );
}

schoolAccountPages.get("/team", requireSchoolPage, (c) => renderTeam(c));

const inviteSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Vul het e-mailadres van uw collega in.")
    .max(254, "Dit e-mailadres is te lang.")
    .pipe(z.email("Vul een geldig e-mailadres in.")),
  role: z.enum(["staff", "school_admin"], "Kies een rol: medewerker of beheerder."),
});

schoolAccountPages.post("/team", requireSchoolPage, requireSchoolAdminPage, async (c) => {
  const form = await formFields(c);
  const parsed = inviteSchema.safeParse({ ...form, role: form.role || "staff" });
  if (!parsed.success)
    return renderTeam(c, { values: form, errors: formErrors(parsed.error) }, 422);
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
  return c.redirect("/school/team?uitgenodigd", 303);
});

schoolAccountPages.post(
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
    return c.redirect("/school/team?verwijderd", 303);
  },
);

schoolAccountPages.post(
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
    return c.redirect("/school/team?ingetrokken", 303);
  },
);

// ---------------------------------------------------------------- tokens

async function renderTokens(
  c: Context<AppEnv>,
  extra: {
    created?: { name: string; token: string };
    values?: { name?: string };
    errors?: Record<string, string>;
  } = {},
  status: 200 | 422 = 200,
) {
  const auth = schoolAuth(c);
  const tokens = await tokensForPage(c.get("db"), {
    schoolId: auth.school.id,
    userId: auth.role === "school_admin" ? undefined : auth.user.id,
  });
  noStore(c);
  return c.html(<TokensPage auth={auth} tokens={tokens} notice={notice(c)} {...extra} />, status);
}

schoolAccountPages.get("/tokens", requireSchoolPage, (c) => renderTokens(c));

const tokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Geef het token een naam.")
    .max(100, "Deze naam is te lang (hoogstens 100 tekens)."),
});

schoolAccountPages.post("/tokens", requireSchoolPage, async (c) => {
  const auth = schoolAuth(c);
  const form = await formFields(c);
  const parsed = tokenSchema.safeParse(form);
  if (!parsed.success)
    return renderTokens(c, { values: form, errors: formErrors(parsed.error) }, 422);
  const db = c.get("db");
  const { id, token } = await createApiToken(db, {
    userId: auth.user.id,
    schoolId: auth.school.id,
    name: parsed.data.name,
  });
  await audit(db, {
    actorUserId: auth.user.id,
    schoolId: auth.school.id,
    action: "create",
    entity: "api_token",
    entityId: id,
    changes: { name: parsed.data.name },
    requestId: c.get("requestId"),
  });
  // Shown once, on this response only (no redirect: the token must not travel in a URL).
  return renderTokens(c, { created: { name: parsed.data.name, token } });
});

schoolAccountPages.post("/tokens/:tokenId/intrekken", requireSchoolPage, async (c) => {
  const auth = schoolAuth(c);
  const db = c.get("db");
  const tokenId = c.req.param("tokenId");
  // A school admin may revoke every token of the school; a medewerker only their own.
  const allowed =
    auth.role === "school_admin" ? await activeUserIdsOfSchool(db, auth.school.id) : [auth.user.id];
  const token = await tokenById(db, tokenId);
  if (
    !token ||
    token.schoolId !== auth.school.id ||
    !(await revokeApiToken(db, tokenId, allowed))
  ) {
    return renderError(
      c,
      404,
      "Niet gevonden",
      "Dit token bestaat niet (meer) of is al ingetrokken.",
    );
  }
  await audit(db, {
    actorUserId: auth.user.id,
    schoolId: auth.school.id,
    action: "revoke",
    entity: "api_token",
    entityId: tokenId,
    changes: { name: token.name },
    requestId: c.get("requestId"),
  });
  return c.redirect("/school/tokens?token_ingetrokken", 303);
});

// ---------------------------------------------------------------- password

/** Shared with /beheer/wachtwoord: the same form and rules for admins. */
export async function handleChangePassword(c: Context<AppEnv>, action: string, done: string) {
  const auth = c.get("auth")!;
  const form = await formFields(c);
  const errors: Record<string, string> = {};
  if (!form.current_password) errors.current_password = "Vul uw huidige wachtwoord in.";
  if (!form.new_password) errors.new_password = "Kies een nieuw wachtwoord.";
  if (form.new_password_confirm !== undefined && form.new_password_confirm !== form.new_password) {
    errors.new_password_confirm = "De twee nieuwe wachtwoorden zijn niet gelijk.";
  }
  if (Object.keys(errors).length === 0) {
    try {
      await changePassword(flowContext(c), {
        userId: auth.user.id,
        current: form.current_password,
        next: form.new_password,
        keepSessionId: auth.via === "session" ? auth.sessionId : undefined,
      });
      return c.redirect(`${done}?gewijzigd`, 303);
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      errors[err.field ?? "new_password"] = err.message;
    }
  }
  noStore(c);
  return c.html(<ChangePasswordPage auth={auth} action={action} errors={errors} />, 422);
}

schoolAccountPages.get("/wachtwoord", requireSchoolPage, (c) =>
  c.html(
    <ChangePasswordPage auth={c.get("auth")!} action="/school/wachtwoord" notice={notice(c)} />,
  ),
);

schoolAccountPages.post("/wachtwoord", requireSchoolPage, (c) =>
  handleChangePassword(c, "/school/wachtwoord", "/school/wachtwoord"),
);
