// /school/wachtwoord (and, through handleChangePassword, /beheer/wachtwoord): change your own password.
import { Hono, type Context } from "hono";
import { AccountError, changePassword, flowContext } from "#src/auth/accounts";
import { noStore } from "#src/auth/http";
import type { AppEnv } from "#src/env";
import { requireSchoolPage } from "#src/http/guards";
import { withNotice } from "#src/http/notice";
import { formFields } from "#src/http/validation";
import { ChangePasswordPage, changePasswordHead } from "#views/pages/account/password";
import { accountNotice } from "./shared";

export const passwordRoutes = new Hono<AppEnv>();

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
      return c.redirect(withNotice(done, "gewijzigd"), 303);
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      errors[err.field ?? "new_password"] = err.message;
    }
  }
  noStore(c);
  c.status(422);
  return c.render(
    <ChangePasswordPage action={action} errors={errors} />,
    changePasswordHead(auth.school !== null),
  );
}

passwordRoutes.get("/wachtwoord", requireSchoolPage, (c) =>
  c.render(
    <ChangePasswordPage action="/school/wachtwoord" notice={accountNotice(c)} />,
    changePasswordHead(c.get("auth")!.school !== null),
  ),
);

passwordRoutes.post("/wachtwoord", requireSchoolPage, (c) =>
  handleChangePassword(c, "/school/wachtwoord", "/school/wachtwoord"),
);
