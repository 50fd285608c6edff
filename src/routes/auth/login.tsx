// /inloggen and /uitloggen: login with throttling per account and per IP, logout.
import { Hono } from "hono";
import { z } from "zod";
import { endSession, homeFor, noStore, safeReturnPath, startSession } from "#src/auth/http";
import { verifyAgainstDummy, verifyPassword } from "#src/auth/passwords";
import {
  accountKey,
  clearFailures,
  clientIp,
  ipKey,
  recordFailure,
  retryAfterSeconds,
} from "#src/auth/throttle";
import type { AppEnv } from "#src/env";
import { noticeFrom, withNotice } from "#src/http/notice";
import { parseForm } from "#src/http/validation";
import { loginBlock, userByEmail } from "#src/queries/accounts";
import { LoginPage, LogoutPage } from "#views/pages/auth/login";

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
  return c.html(<LoginPage terug={terug} notice={noticeFrom(c, LOGIN_NOTICES)} />);
});

const loginSchema = z.object({
  email: z.string().trim().min(1, "Vul uw e-mailadres in.").max(254, "Dit e-mailadres is te lang."),
  password: z.string().min(1, "Vul uw wachtwoord in.").max(200, "Dit wachtwoord is te lang."),
});

loginRoutes.post("/inloggen", async (c) => {
  const db = c.get("db");
  const now = c.get("now");
  const parsed = await parseForm(c, loginSchema);
  const terug = safeReturnPath(parsed.values.terug);
  noStore(c);
  if (!parsed.ok) {
    return c.html(
      <LoginPage email={parsed.values.email} terug={terug} errors={parsed.errors} />,
      422,
    );
  }
  const { email, password } = parsed.data;
  const keys = [accountKey(email), ipKey(clientIp(c))];
  const wait = await retryAfterSeconds(db, keys, now);
  if (wait > 0) {
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
    await recordFailure(db, keys, now);
    return c.html(<LoginPage email={email} terug={terug} error={LOGIN_FAILED} />, 401);
  }
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

loginRoutes.get("/uitloggen", (c) => {
  if (!c.get("auth")) return c.redirect("/", 303);
  noStore(c);
  return c.html(<LogoutPage auth={c.get("auth")} />);
});

loginRoutes.post("/uitloggen", async (c) => {
  await endSession(c);
  return c.redirect(withNotice("/inloggen", "uitgelogd"), 303);
});
