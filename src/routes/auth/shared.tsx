// What the auth area's pages share: the e-mail field, the confirmation check, the broken-link page.
import type { Context } from "hono";
import { z } from "zod";
import type { AccountError } from "#src/auth/accounts";
import { noStore } from "#src/auth/http";
import {
  clientIp,
  ipKey,
  MAIL_ADDRESS_RULE,
  MAIL_IP_RULE,
  takeAttempt,
  type Taken,
} from "#src/auth/throttle";
import type { AppEnv } from "#src/env";
import { LinkProblemPage, linkProblemHead } from "#views/pages/auth/password-forms";

export const emailField = z
  .string()
  .trim()
  .min(1, "Vul een e-mailadres in.")
  .max(254, "Dit e-mailadres is te lang.")
  .pipe(z.email("Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl."));

export /** The confirmation field is checked when the form sends it (browsers always do). */
function confirmError(form: Record<string, string>): string | undefined {
  if (form.password_confirm !== undefined && form.password_confirm !== form.password)
    return "De twee wachtwoorden zijn niet gelijk.";
  return undefined;
}

/** An invite or reset link that is unknown (404) or used/expired (410). */
export function linkProblem(c: Context<AppEnv>, err: AccountError) {
  noStore(c);
  c.status(err.status === 404 ? 404 : 410);
  return c.render(<LinkProblemPage message={err.message} />, linkProblemHead);
}

/**
 * A form that sends mail to a typed address: a few per address and per client IP per hour, so
 * it cannot be used to flood an inbox with text an attacker chose.
 */
export function takeMailAttempt(c: Context<AppEnv>, form: string, address: string): Promise<Taken> {
  return takeAttempt(
    c.get("db"),
    [
      { key: `${form}:address:${address.trim().toLowerCase()}`, rule: MAIL_ADDRESS_RULE },
      { key: ipKey(clientIp(c), form), rule: MAIL_IP_RULE },
    ],
    c.get("now"),
  );
}

export function tooManyMessage(seconds: number, what: string): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `U heeft te vaak ${what}. Probeer het over ${minutes} ${minutes === 1 ? "minuut" : "minuten"} opnieuw.`;
}
