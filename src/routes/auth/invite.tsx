// /uitnodiging/{token}: a colleague (or the first register admin) sets a name and a password.
import { Hono, type Context } from "hono";
import { z } from "zod";
import { AccountError, acceptInvite, flowContext, openInvite } from "#src/auth/accounts";
import { homeFor, noStore, startSession } from "#src/auth/http";
import type { AppEnv } from "#src/env";
import { formFields, validateForm } from "#src/http/validation";
import { schoolById } from "#src/queries/accounts";
import { InvitePage, inviteHead } from "#views/pages/auth/password-forms";
import { confirmError, emailField, linkProblem } from "./shared";

export const inviteRoutes = new Hono<AppEnv>();

async function inviteView(c: Context<AppEnv>, token: string) {
  const invite = await openInvite(flowContext(c), token, ["invite", "admin_setup"]);
  const school = invite.schoolId ? await schoolById(c.get("db"), invite.schoolId) : undefined;
  return {
    kind: invite.kind as "invite" | "admin_setup",
    email: invite.kind === "admin_setup" ? null : invite.email,
    schoolName: school?.name ?? null,
  };
}

inviteRoutes.get("/uitnodiging/:token", async (c) => {
  const token = c.req.param("token");
  noStore(c);
  try {
    const view = await inviteView(c, token);
    return c.render(<InvitePage token={token} {...view} />, inviteHead(view.kind));
  } catch (err) {
    if (err instanceof AccountError) return linkProblem(c, err);
    throw err;
  }
});

const nameField = z
  .string()
  .trim()
  .min(2, "Vul uw naam in.")
  .max(200, "Deze naam is te lang (hoogstens 200 tekens).");

/** The invite form; only the admin setup link asks for an e-mail address. */
function inviteForm(adminSetup: boolean) {
  return z.object({
    name: nameField,
    password: z.string().min(1, "Kies een wachtwoord."),
    email: adminSetup ? emailField : z.string(),
  });
}

inviteRoutes.post("/uitnodiging/:token", async (c) => {
  const token = c.req.param("token");
  noStore(c);
  const form = await formFields(c);
  let view: Awaited<ReturnType<typeof inviteView>>;
  try {
    view = await inviteView(c, token);
  } catch (err) {
    if (err instanceof AccountError) return linkProblem(c, err);
    throw err;
  }
  const parsed = validateForm(form, inviteForm(view.kind === "admin_setup"), {
    name: "",
    password: "",
    email: "",
  });
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  const mismatch = confirmError(form);
  if (mismatch) errors.password_confirm = mismatch;
  const rerender = (status: 409 | 422) => {
    c.status(status);
    return c.render(
      <InvitePage
        token={token}
        {...view}
        values={{ name: form.name, email: form.email }}
        errors={errors}
      />,
      inviteHead(view.kind),
    );
  };
  if (!parsed.ok || Object.keys(errors).length > 0) return rerender(422);
  try {
    const { userId, role } = await acceptInvite(flowContext(c), token, {
      name: parsed.data.name,
      password: form.password,
      email: form.email,
    });
    await startSession(c, userId);
    return c.redirect(homeFor(role), 303);
  } catch (err) {
    if (!(err instanceof AccountError)) throw err;
    if (err.status === 404 || err.status === 410) return linkProblem(c, err);
    errors[err.field ?? "password"] = err.message;
    return rerender(err.status === 409 ? 409 : 422);
  }
});
