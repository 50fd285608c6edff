// Login, logout, password reset, invites and account requests (issue 4).
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "#src/env";
import {
  AccountError,
  acceptInvite,
  flowContext,
  openInvite,
  requestAccount,
  requestPasswordReset,
  resetPassword,
} from "#src/auth/accounts";
import {
  endSession,
  formErrors,
  formFields,
  homeFor,
  noStore,
  safeReturnPath,
  startSession,
} from "#src/auth/http";
import { verifyAgainstDummy, verifyPassword } from "#src/auth/passwords";
import {
  accountKey,
  clearFailures,
  clientIp,
  giveBack,
  ipKey,
  LOGIN_RULE,
  MAIL_ADDRESS_RULE,
  MAIL_IP_RULE,
  takeAttempt,
  type Taken,
} from "#src/auth/throttle";
import { afterResponse } from "#src/http/after-response";
import {
  loginBlock,
  placeByCode,
  placesNamed,
  schoolById,
  userByEmail,
} from "#src/queries/accounts";
import { LoginPage, LogoutPage } from "#views/pages/auth/login";
import { RequestPage, type RequestValues } from "#views/pages/auth/request";
import {
  ForgotPasswordPage,
  InvitePage,
  LinkProblemPage,
  ResetPasswordPage,
} from "#views/pages/auth/password-forms";

export const authRoutes = new Hono<AppEnv>();

/** The one answer for a wrong password and for an unknown email address. */
export const LOGIN_FAILED = "Het e-mailadres of het wachtwoord klopt niet.";

const emailField = z
  .string()
  .trim()
  .min(1, "Vul een e-mailadres in.")
  .max(254, "Dit e-mailadres is te lang.")
  .pipe(z.email("Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl."));

// ---------------------------------------------------------------- throttling of mail forms

/**
 * A form that sends mail to a typed address: a few per address and per client IP per hour, so
 * it cannot be used to flood an inbox with text an attacker chose.
 */
function takeMailAttempt(c: Context<AppEnv>, form: string, address: string): Promise<Taken> {
  return takeAttempt(
    c.get("db"),
    [
      { key: `${form}:address:${address.trim().toLowerCase()}`, rule: MAIL_ADDRESS_RULE },
      { key: ipKey(clientIp(c), form), rule: MAIL_IP_RULE },
    ],
    c.get("now"),
  );
}

function tooManyMessage(seconds: number, what: string): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `U heeft te vaak ${what}. Probeer het over ${minutes} ${minutes === 1 ? "minuut" : "minuten"} opnieuw.`;
}

// ---------------------------------------------------------------- login and logout

authRoutes.get("/inloggen", (c) => {
  const terug = safeReturnPath(c.req.query("terug"));
  const auth = c.get("auth");
  if (auth) return c.redirect(terug ?? homeFor(auth.role), 303);
  const notice =
    c.req.query("uitgelogd") !== undefined
      ? "U bent uitgelogd."
      : c.req.query("wachtwoord") !== undefined
        ? "Uw wachtwoord is gewijzigd. Log in met uw nieuwe wachtwoord."
        : undefined;
  noStore(c);
  return c.html(<LoginPage terug={terug} notice={notice} />);
});

const loginSchema = z.object({
  email: z.string().trim().min(1, "Vul uw e-mailadres in.").max(254, "Dit e-mailadres is te lang."),
  password: z.string().min(1, "Vul uw wachtwoord in.").max(200, "Dit wachtwoord is te lang."),
});

authRoutes.post("/inloggen", async (c) => {
  const db = c.get("db");
  const now = c.get("now");
  const form = await formFields(c);
  const terug = safeReturnPath(form.terug);
  noStore(c);
  const parsed = loginSchema.safeParse(form);
  if (!parsed.success) {
    return c.html(
      <LoginPage email={form.email} terug={terug} errors={formErrors(parsed.error)} />,
      422,
    );
  }
  const { email, password } = parsed.data;
  const keys = [accountKey(email), ipKey(clientIp(c))];
  // The attempt is counted before the password is checked (and given back when it was right),
  // so parallel guesses cannot all pass a check that has not seen the others yet.
  const attempt = await takeAttempt(
    db,
    keys.map((key) => ({ key, rule: LOGIN_RULE })),
    now,
  );
  if (!attempt.ok) {
    const wait = attempt.retryAfter;
    c.header("Retry-After", String(wait));
    const minutes = Math.ceil(wait / 60);
    return c.html(
      <LoginPage
        email={email}
        terug={terug}
        error={`Er is te vaak een verkeerd wachtwoord ingevuld. Probeer het over ${minutes} ${minutes === 1 ? "minuut" : "minuten"} opnieuw, of vraag een nieuw wachtwoord aan.`}
      />,
      429,
    );
  }
  const found = await userByEmail(db, email);
  // An unknown address costs the same scrypt time as a known one.
  const passwordOk = found?.user.passwordHash
    ? await verifyPassword(found.user.passwordHash, password)
    : await verifyAgainstDummy(password);
  const block = found ? loginBlock(found) : null;
  if (!found || !passwordOk || block === "disabled") {
    return c.html(<LoginPage email={email} terug={terug} error={LOGIN_FAILED} />, 401);
  }
  await giveBack(db, attempt);
  if (block === "suspended") {
    return c.html(
      <LoginPage
        email={email}
        terug={terug}
        error="Het account van uw school is opgeschort. Neem contact op met het bureau van het register."
      />,
      403,
    );
  }
  await clearFailures(db, keys[0]);
  await startSession(c, found.user.id);
  return c.redirect(terug ?? homeFor(found.user.role), 303);
});

authRoutes.get("/uitloggen", (c) => {
  if (!c.get("auth")) return c.redirect("/", 303);
  noStore(c);
  return c.html(<LogoutPage auth={c.get("auth")} />);
});

authRoutes.post("/uitloggen", async (c) => {
  await endSession(c);
  return c.redirect("/inloggen?uitgelogd", 303);
});

// ---------------------------------------------------------------- account request

const brinPattern = /^[0-9]{2}[A-Z]{2}([0-9]{2})?$/;

const requestSchema = z.object({
  school_name: z
    .string()
    .trim()
    .min(2, "Vul de naam van de school in.")
    .max(200, "Deze naam is te lang (hoogstens 200 tekens)."),
  brin: z
    .string()
    .trim()
    .toUpperCase()
    .max(6, "Een BRIN-code heeft 4 tekens (of 6 met vestigingsnummer).")
    .refine(
      (v) => v === "" || brinPattern.test(v),
      "Een BRIN-code bestaat uit 2 cijfers en 2 letters, bijvoorbeeld 25LJ.",
    )
    .optional()
    .default(""),
  place: z.string().trim().max(100, "Deze plaatsnaam is te lang.").optional().default(""),
  place_code: z.string().trim().max(20).optional().default(""),
  contact_name: z
    .string()
    .trim()
    .min(2, "Vul de naam van de contactpersoon in.")
    .max(200, "Deze naam is te lang (hoogstens 200 tekens)."),
  email: emailField,
  motivation: z
    .string()
    .trim()
    .max(2000, "Houd de toelichting kort (hoogstens 2000 tekens).")
    .optional()
    .default(""),
});

authRoutes.get("/aanvragen", (c) => c.html(<RequestPage auth={c.get("auth")} />));

authRoutes.get("/aanvragen/ontvangen", (c) => c.html(<RequestPage auth={c.get("auth")} done />));

authRoutes.post("/aanvragen", async (c) => {
  const db = c.get("db");
  const form = await formFields(c);
  const values: RequestValues = form;
  const parsed = requestSchema.safeParse(form);
  const errors: Record<string, string> = parsed.success ? {} : formErrors(parsed.error);
  // The place: a code chosen from the list of same-named places, or a name that matches one place.
  let placeCode: string | null = null;
  let placeChoices: { code: string; label: string }[] | undefined;
  if (form.place_code) {
    const place = await placeByCode(db, form.place_code);
    if (place) placeCode = place.code;
    else errors.place_code = "Kies een plaats uit de lijst.";
  } else if (!form.place?.trim()) {
    errors.place ??= "Vul de plaats van de school in.";
  } else {
    const matches = await placesNamed(db, form.place);
    if (matches.length === 1) placeCode = matches[0].code;
    else if (matches.length === 0)
      errors.place ??= `De plaats "${form.place.trim()}" kennen wij niet. Controleer de spelling.`;
    else {
      placeChoices = matches.map((p) => ({
        code: p.code,
        label: `${p.name} (gemeente ${p.municipality})`,
      }));
      errors.place_code = "Kies de juiste plaats uit de lijst.";
    }
  }
  if (!parsed.success || !placeCode || Object.keys(errors).length > 0) {
    return c.html(
      <RequestPage
        auth={c.get("auth")}
        values={values}
        errors={errors}
        placeChoices={placeChoices}
      />,
      422,
    );
  }
  const v = parsed.data;
  const attempt = await takeMailAttempt(c, "request", v.email);
  if (!attempt.ok) {
    c.header("Retry-After", String(attempt.retryAfter));
    return c.html(
      <RequestPage
        auth={c.get("auth")}
        values={values}
        errors={{ email: tooManyMessage(attempt.retryAfter, "een account aangevraagd") }}
      />,
      429,
    );
  }
  await requestAccount(flowContext(c), {
    schoolName: v.school_name,
    brin: v.brin || null,
    placeCode,
    contactName: v.contact_name,
    email: v.email,
    motivation: v.motivation,
  });
  return c.redirect("/aanvragen/ontvangen", 303);
});

// ---------------------------------------------------------------- invites

function linkProblem(c: Context<AppEnv>, err: AccountError) {
  noStore(c);
  return c.html(
    <LinkProblemPage auth={c.get("auth")} message={err.message} />,
    err.status === 404 ? 404 : 410,
  );
}

async function inviteView(c: Context<AppEnv>, token: string) {
  const invite = await openInvite(flowContext(c), token, ["invite", "admin_setup"]);
  const school = invite.schoolId ? await schoolById(c.get("db"), invite.schoolId) : undefined;
  return {
    kind: invite.kind as "invite" | "admin_setup",
    email: invite.kind === "admin_setup" ? null : invite.email,
    schoolName: school?.name ?? null,
  };
}

authRoutes.get("/uitnodiging/:token", async (c) => {
  const token = c.req.param("token");
  noStore(c);
  try {
    const view = await inviteView(c, token);
    return c.html(<InvitePage auth={c.get("auth")} token={token} {...view} />);
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

/** The confirmation field is checked when the form sends it (browsers always do). */
function confirmError(form: Record<string, string>): string | undefined {
  if (form.password_confirm !== undefined && form.password_confirm !== form.password)
    return "De twee wachtwoorden zijn niet gelijk.";
  return undefined;
}

authRoutes.post("/uitnodiging/:token", async (c) => {
  const token = c.req.param("token");
  noStore(c);
  const form = await formFields(c);
  let view;
  try {
    view = await inviteView(c, token);
  } catch (err) {
    if (err instanceof AccountError) return linkProblem(c, err);
    throw err;
  }
  const errors: Record<string, string> = {};
  const name = nameField.safeParse(form.name ?? "");
  if (!name.success) errors.name = name.error.issues[0].message;
  if (!form.password) errors.password = "Kies een wachtwoord.";
  const mismatch = confirmError(form);
  if (mismatch) errors.password_confirm = mismatch;
  if (view.kind === "admin_setup") {
    const email = emailField.safeParse(form.email ?? "");
    if (!email.success) errors.email = email.error.issues[0].message;
  }
  const rerender = (status: 409 | 422) =>
    c.html(
      <InvitePage
        auth={c.get("auth")}
        token={token}
        {...view}
        values={{ name: form.name, email: form.email }}
        errors={errors}
      />,
      status,
    );
  if (Object.keys(errors).length > 0 || !name.success) return rerender(422);
  try {
    const { userId, role } = await acceptInvite(flowContext(c), token, {
      name: name.data,
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

// ---------------------------------------------------------------- password reset

authRoutes.get("/wachtwoord-vergeten", (c) =>
  c.html(<ForgotPasswordPage auth={c.get("auth")} sent={c.req.query("verstuurd") !== undefined} />),
);

authRoutes.post("/wachtwoord-vergeten", async (c) => {
  const form = await formFields(c);
  const email = emailField.safeParse(form.email ?? "");
  if (!email.success) {
    return c.html(
      <ForgotPasswordPage
        auth={c.get("auth")}
        email={form.email}
        errors={{ email: email.error.issues[0].message }}
      />,
      422,
    );
  }
  const attempt = await takeMailAttempt(c, "reset", email.data);
  if (!attempt.ok) {
    c.header("Retry-After", String(attempt.retryAfter));
    return c.html(
      <ForgotPasswordPage
        auth={c.get("auth")}
        email={form.email}
        errors={{ email: tooManyMessage(attempt.retryAfter, "een nieuw wachtwoord aangevraagd") }}
      />,
      429,
    );
  }
  // The same answer, in the same time, whether or not the address has an account: looking it
  // up and mailing happen after the response.
  const ctx = flowContext(c);
  afterResponse(c, () => requestPasswordReset(ctx, email.data));
  return c.redirect("/wachtwoord-vergeten?verstuurd", 303);
});

authRoutes.get("/wachtwoord-vergeten/:token", async (c) => {
  const token = c.req.param("token");
  noStore(c);
  try {
    await openInvite(flowContext(c), token, ["reset"]);
  } catch (err) {
    if (err instanceof AccountError) return linkProblem(c, err);
    throw err;
  }
  return c.html(<ResetPasswordPage auth={c.get("auth")} token={token} />);
});

authRoutes.post("/wachtwoord-vergeten/:token", async (c) => {
  const token = c.req.param("token");
  noStore(c);
  const form = await formFields(c);
  const errors: Record<string, string> = {};
  if (!form.password) errors.password = "Kies een nieuw wachtwoord.";
  const mismatch = confirmError(form);
  if (mismatch) errors.password_confirm = mismatch;
  try {
    await openInvite(flowContext(c), token, ["reset"]);
    if (Object.keys(errors).length > 0)
      return c.html(<ResetPasswordPage auth={c.get("auth")} token={token} errors={errors} />, 422);
    const { userId, role } = await resetPassword(flowContext(c), token, form.password);
    await startSession(c, userId);
    return c.redirect(homeFor(role), 303);
  } catch (err) {
    if (!(err instanceof AccountError)) throw err;
    if (err.status === 404 || err.status === 410) return linkProblem(c, err);
    return c.html(
      <ResetPasswordPage
        auth={c.get("auth")}
        token={token}
        errors={{ [err.field ?? "password"]: err.message }}
      />,
      422,
    );
  }
});
