// /school/tokens: API tokens of the school; the new token is shown once, on the response only.
import { Hono, type Context } from "hono";
import { z } from "zod";
import { noStore } from "#src/auth/http";
import { createApiToken, revokeApiToken } from "#src/auth/tokens";
import type { AppEnv } from "#src/env";
import { renderError } from "#src/http/error-page";
import { requireSchoolPage } from "#src/http/guards";
import { withNotice } from "#src/http/notice";
import { parseForm } from "#src/http/validation";
import { activeUserIdsOfSchool, tokenById, tokensForPage } from "#src/queries/accounts";
import { audit } from "#src/queries/audit";
import { TokensPage, tokensHead } from "#views/pages/account/tokens";
import { accountNotice, schoolAuth } from "./shared";

export const tokenRoutes = new Hono<AppEnv>();

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
  c.status(status);
  return c.render(<TokensPage tokens={tokens} notice={accountNotice(c)} {...extra} />, tokensHead);
}

tokenRoutes.get("/tokens", requireSchoolPage, (c) => renderTokens(c));

const tokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Geef het token een naam.")
    .max(100, "Deze naam is te lang (hoogstens 100 tekens)."),
});

tokenRoutes.post("/tokens", requireSchoolPage, async (c) => {
  const auth = schoolAuth(c);
  const parsed = await parseForm(c, tokenSchema);
  if (!parsed.ok) return renderTokens(c, { values: parsed.values, errors: parsed.errors }, 422);
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

tokenRoutes.post("/tokens/:tokenId/intrekken", requireSchoolPage, async (c) => {
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
  return c.redirect(withNotice("/school/tokens", "token_ingetrokken"), 303);
});
