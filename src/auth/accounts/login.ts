// Login: the password check with throttling per account and per IP. An unknown address costs the
// same scrypt time as a known one, and a wrong password and an unknown address get one answer.
import type { DB } from "#src/db";
import type { Role } from "#src/env";
import { loginBlock, userByEmail } from "#src/queries/accounts";
import { verifyAgainstDummy, verifyPassword } from "../passwords";
import { accountKey, clearFailures, ipKey, recordFailure, retryAfterSeconds } from "../throttle";

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
  const wait = await retryAfterSeconds(db, keys, now);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: wait };
  const found = await userByEmail(db, input.email);
  const passwordOk = found?.user.passwordHash
    ? await verifyPassword(found.user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  const block = found ? loginBlock(found) : null;
  if (!found || !passwordOk || block === "disabled") {
    await recordFailure(db, keys, now);
    return { ok: false, reason: "failed" };
  }
  if (block === "suspended") return { ok: false, reason: "suspended" };
  await clearFailures(db, keys[0]);
  return { ok: true, userId: found.user.id, role: found.user.role };
}
