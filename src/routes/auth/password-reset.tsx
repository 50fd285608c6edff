// /wachtwoord-vergeten: ask for a reset link (same answer for unknown addresses), then set a new password.
import { Hono } from "hono";
import {
  AccountError,
  flowContext,
  openInvite,
  requestPasswordReset,
  resetPassword,
} from "#src/auth/accounts";
import { homeFor, noStore, startSession } from "#src/auth/http";
import type { AppEnv } from "#src/env";
import { afterResponse } from "#src/http/after-response";
import { NOTICE_PARAM, withNotice } from "#src/http/notice";
import { formFields, parseForm } from "#src/http/validation";
import { z } from "zod";
import {
  ForgotPasswordPage,
  ResetPasswordPage,
  forgotPasswordHead,
  resetPasswordHead,
} from "#views/pages/auth/password-forms";
import { confirmError, emailField, linkProblem, takeMailAttempt, tooManyMessage } from "./shared";

export const passwordResetRoutes = new Hono<AppEnv>();

const forgotForm = z.object({ email: emailField });

passwordResetRoutes.get("/wachtwoord-vergeten", (c) =>
  c.render(
    <ForgotPasswordPage sent={c.req.query(NOTICE_PARAM) === "verstuurd"} />,
    forgotPasswordHead,
  ),
);

passwordResetRoutes.post("/wachtwoord-vergeten", async (c) => {
  const parsed = await parseForm(c, forgotForm, { email: "" });
  if (!parsed.ok) {
    c.status(422);
    return c.render(
      <ForgotPasswordPage email={parsed.values.email} errors={parsed.errors} />,
      forgotPasswordHead,
    );
  }
  const email = parsed.data.email;
  const attempt = await takeMailAttempt(c, "reset", email);
  if (!attempt.ok) {
    c.header("Retry-After", String(attempt.retryAfter));
    c.status(429);
    return c.render(
      <ForgotPasswordPage
        email={parsed.values.email}
        errors={{ email: tooManyMessage(attempt.retryAfter, "een nieuw wachtwoord aangevraagd") }}
      />,
      forgotPasswordHead,
    );
  }
  // The same answer, in the same time, whether or not the address has an account: looking it
  // up and mailing happen after the response.
  const ctx = flowContext(c);
  afterResponse(c, () => requestPasswordReset(ctx, email));
  return c.redirect(withNotice("/wachtwoord-vergeten", "verstuurd"), 303);
});

passwordResetRoutes.get("/wachtwoord-vergeten/:token", async (c) => {
  const token = c.req.param("token");
  noStore(c);
  try {
    await openInvite(flowContext(c), token, ["reset"]);
  } catch (err) {
    if (err instanceof AccountError) return linkProblem(c, err);
    throw err;
  }
  return c.render(<ResetPasswordPage token={token} />, resetPasswordHead);
});

passwordResetRoutes.post("/wachtwoord-vergeten/:token", async (c) => {
  const token = c.req.param("token");
  noStore(c);
  const form = await formFields(c);
  const errors: Record<string, string> = {};
  if (!form.password) errors.password = "Kies een nieuw wachtwoord.";
  const mismatch = confirmError(form);
  if (mismatch) errors.password_confirm = mismatch;
  try {
    await openInvite(flowContext(c), token, ["reset"]);
    if (Object.keys(errors).length > 0) {
      c.status(422);
      return c.render(<ResetPasswordPage token={token} errors={errors} />, resetPasswordHead);
    }
    const { userId, role } = await resetPassword(flowContext(c), token, form.password);
    await startSession(c, userId);
    return c.redirect(homeFor(role), 303);
  } catch (err) {
    if (!(err instanceof AccountError)) throw err;
    if (err.status === 404 || err.status === 410) return linkProblem(c, err);
    c.status(422);
    return c.render(
      <ResetPasswordPage token={token} errors={{ [err.field ?? "password"]: err.message }} />,
      resetPasswordHead,
    );
  }
});
