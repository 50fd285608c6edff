// /inloggen and /uitloggen: the login form (the check itself is src/auth/accounts/login.ts), logout.
import { Hono } from "hono";
import { z } from "zod";
import { endSession, homeFor, noStore, safeReturnPath, startSession } from "#src/auth/http";
import { logIn } from "#src/auth/accounts/login";
import { clientIp } from "#src/auth/throttle";
import type { AppEnv } from "#src/env";
import { noticeFrom, withNotice } from "#src/http/notice";
import { parseForm } from "#src/http/validation";
import { LoginPage, LogoutPage, loginHead, logoutHead } from "#views/pages/auth/login";

export const loginRoutes = new Hono<AppEnv>();

/** The one answer for a wrong password and for an unknown email address. */
export const LOGIN_FAILED = "Het e-mailadres of het wachtwoord klopt niet.";

/** Notices on the login page (?melding=…). */
const LOGIN_NOTICES: Record<string, string> = {
  uitgelogd: "U bent uitgelogd.",
  wachtwoord: "Uw wachtwoord is gewijzigd. Log in met uw nieuwe wachtwoord.",
};

loginRoutes.get("/inloggen", (c) => {
  const terug = safeReturnPath(c.req.query("terug"));
  const auth = c.get("auth");
  if (auth) return c.redirect(terug ?? homeFor(auth.role), 303);
  noStore(c);
  return c.render(<LoginPage terug={terug} notice={noticeFrom(c, LOGIN_NOTICES)} />, loginHead);
});

const loginSchema = z.object({
  email: z.string().trim().min(1, "Vul uw e-mailadres in.").max(254, "Dit e-mailadres is te lang."),
  password: z.string().min(1, "Vul uw wachtwoord in.").max(200, "Dit wachtwoord is te lang."),
});

loginRoutes.post("/inloggen", async (c) => {
  const parsed = await parseForm(c, loginSchema);
  const terug = safeReturnPath(parsed.values.terug);
  noStore(c);
  if (!parsed.ok) {
    c.status(422);
    return c.render(
      <LoginPage email={parsed.values.email} terug={terug} errors={parsed.errors} />,
      loginHead,
    );
  }
  const { email, password } = parsed.data;
  const outcome = await logIn(c.get("db"), { email, password, ip: clientIp(c) }, c.get("now"));
  if (outcome.ok) {
    await startSession(c, outcome.userId);
    return c.redirect(terug ?? homeFor(outcome.role), 303);
  }
  if (outcome.reason === "throttled") {
    c.header("Retry-After", String(outcome.retryAfterSeconds));
    const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
    c.status(429);
    return c.render(
      <LoginPage
        email={email}
        terug={terug}
        error={`Er is te vaak een verkeerd wachtwoord ingevuld. Probeer het over ${minutes} ${minutes === 1 ? "minuut" : "minuten"} opnieuw, of vraag een nieuw wachtwoord aan.`}
      />,
      loginHead,
    );
  }
  if (outcome.reason === "suspended") {
    c.status(403);
    return c.render(
      <LoginPage
        email={email}
        terug={terug}
        error="Het account van uw school is opgeschort. Neem contact op met het bureau van het register."
      />,
      loginHead,
    );
  }
  c.status(401);
  return c.render(<LoginPage email={email} terug={terug} error={LOGIN_FAILED} />, loginHead);
});

loginRoutes.get("/uitloggen", (c) => {
  if (!c.get("auth")) return c.redirect("/", 303);
  noStore(c);
  return c.render(<LogoutPage />, logoutHead);
});

loginRoutes.post("/uitloggen", async (c) => {
  await endSession(c);
  return c.redirect(withNotice("/inloggen", "uitgelogd"), 303);
});
