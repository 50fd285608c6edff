// What the account pages share: their notices (?melding=…) and the logged-in school user.
import type { Context } from "hono";
import type { AppEnv, AuthContext } from "#src/env";
import { noticeFrom } from "#src/http/notice";

/** Notices after a POST-redirect-GET (?melding=…). */
const ACCOUNT_NOTICES: Record<string, string> = {
  uitgenodigd: "De uitnodiging is verstuurd.",
  verwijderd: "De collega is verwijderd. Diens sessies en tokens werken niet meer.",
  ingetrokken: "De uitnodiging is ingetrokken.",
  token_ingetrokken: "Het token is ingetrokken en werkt niet meer.",
  gewijzigd:
    "Uw wachtwoord is gewijzigd. U bent op alle andere apparaten uitgelogd en uw API-tokens zijn ingetrokken.",
};

export function accountNotice(c: Context<AppEnv>): string | undefined {
  return noticeFrom(c, ACCOUNT_NOTICES);
}

/** The guard ran first, so there is a user with a school. */
export function schoolAuth(
  c: Context<AppEnv>,
): AuthContext & { school: { id: string; name: string } } {
  return c.get("auth") as AuthContext & { school: { id: string; name: string } };
}
