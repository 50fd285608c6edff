// Passwords: a reset link by mail (the route throttles it; same answer for unknown addresses), setting a new
// password from it, and changing your own password. Every other session of the user ends.
import type { Role } from "#src/env";
import { insertInviteQuery } from "#src/queries/account-writes";
import {
  revokeUserTokensQuery,
  setPasswordQuery,
  userByEmail,
  userById,
} from "#src/queries/accounts";
import { auditEntry } from "#src/queries/audit";
import { claimInvite, closeOpenInvitesQuery, prepareInvite } from "#src/auth/invites";
import { resetMail } from "#src/auth/mail-texts";
import { hashPassword, verifyPassword } from "#src/auth/passwords";
import { invalidateUserSessions } from "#src/auth/sessions";
import { AccountError, checkPassword, link, send, type FlowContext } from "./context";
import { openInvite } from "./invites";

/**
 * Mails a reset link when the address has an account that may log in; the caller answers the same
 * either way, throttles per address and IP, and runs this after its response (same time for both).
 */
export async function requestPasswordReset(ctx: FlowContext, email: string): Promise<void> {
  const found = await userByEmail(ctx.db, email);
  if (
    !found ||
    found.user.disabledAt ||
    (found.user.role !== "admin" && found.schoolStatus !== "active")
  )
    return;
  const { row, token } = await prepareInvite(
    { kind: "reset", email: found.user.email, userId: found.user.id },
    ctx.now,
  );
  await ctx.db.batch([
    closeOpenInvitesQuery(ctx.db, { userId: found.user.id, kind: "reset" }, ctx.now),
    insertInviteQuery(ctx.db, row),
  ]);
  await send(
    ctx,
    found.user.email,
    resetMail({ link: link(ctx, `/wachtwoord-vergeten/${token}`) }),
  );
}

/** Sets a new password from a reset link; every session and API token of the user ends. */
export async function resetPassword(
  ctx: FlowContext,
  token: string,
  password: string,
): Promise<{ userId: string; role: Role }> {
  const invite = await openInvite(ctx, token, ["reset"]);
  checkPassword(password);
  const user = invite.userId ? await userById(ctx.db, invite.userId) : undefined;
  if (!user || user.disabledAt) throw new AccountError(410, "Deze link is niet meer geldig.");
  const passwordHash = await hashPassword(password);
  if (!(await claimInvite(ctx.db, invite.id, ctx.now)))
    throw new AccountError(410, "Deze link is al gebruikt. Een link werkt maar één keer.");
  await replacePassword(ctx, user, passwordHash, "reset_password");
  return { userId: user.id, role: user.role };
}

/** Changes the password; every other session and every API token of the user ends, the current session stays. */
export async function changePassword(
  ctx: FlowContext,
  input: { userId: string; current: string; next: string; keepSessionId?: string },
): Promise<void> {
  const user = await userById(ctx.db, input.userId);
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.current))) {
    throw new AccountError(422, "Uw huidige wachtwoord klopt niet.", "current_password");
  }
  checkPassword(input.next, "new_password");
  if (input.next === input.current)
    throw new AccountError(422, "Kies een ander wachtwoord dan uw huidige.", "new_password");
  const passwordHash = await hashPassword(input.next);
  await replacePassword(ctx, user, passwordHash, "change_password", input.keepSessionId);
}

/**
 * The new password in place: the user's API tokens revoked (whoever knew the old password may
 * have made them), open reset links closed, audited, and every session ended but `keepSessionId`.
 */
async function replacePassword(
  ctx: FlowContext,
  user: { id: string; schoolId: string | null },
  passwordHash: string,
  action: "reset_password" | "change_password",
  keepSessionId?: string,
) {
  await ctx.db.batch([
    setPasswordQuery(ctx.db, user.id, passwordHash, ctx.now),
    revokeUserTokensQuery(ctx.db, user.id, ctx.now),
    closeOpenInvitesQuery(ctx.db, { userId: user.id, kind: "reset" }, ctx.now),
    auditEntry(ctx.db, {
      actorUserId: user.id,
      schoolId: user.schoolId,
      action,
      entity: "user",
      entityId: user.id,
      changes: {},
      requestId: ctx.requestId,
    }),
  ]);
  await invalidateUserSessions(ctx.db, user.id, keepSessionId);
}
