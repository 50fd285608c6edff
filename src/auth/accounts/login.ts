// Login: the password check with throttling per account and per IP. An unknown address costs the
// same scrypt time as a known one, and a wrong password and an unknown address get one answer.
import type { DB } from "#src/db";
import type { Role } from "#src/env";
import { loginBlock, userByEmail } from "#src/queries/accounts";
import { verifyAgainstDummy, verifyPassword } from "#src/auth/passwords";
import {
  accountKey,
  clearFailures,
  giveBack,
  ipKey,
  LOGIN_RULE,
  takeAttempt,
} from "#src/auth/throttle";

export type LoginOutcome =
  | { ok: true; userId: string; role: Role }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  | { ok: false; reason: "failed" }
  | { ok: false; reason: "suspended" };

export async function logIn(
  db: DB,
  input: { email: string; password: string; ip: string },
  now: Date,
): Promise<LoginOutcome> {
  const keys = [accountKey(input.email), ipKey(input.ip)];
  // The attempt is counted before the password is checked (and given back when it was right),
  // so parallel guesses cannot all pass a check that has not seen the others yet.
  const attempt = await takeAttempt(
    db,
    keys.map((key) => ({ key, rule: LOGIN_RULE })),
    now,
  );
  if (!attempt.ok) return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfter };
  const found = await userByEmail(db, input.email);
  const passwordOk = found?.user.passwordHash
    ? await verifyPassword(found.user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  const block = found ? loginBlock(found) : null;
  if (!found || !passwordOk || block === "disabled") {
    return { ok: false, reason: "failed" };
  }
  await giveBack(db, attempt);
  if (block === "suspended") return { ok: false, reason: "suspended" };
  await clearFailures(db, keys[0]);
  return { ok: true, userId: found.user.id, role: found.user.role };
}
