// Invites: a school admin invites a colleague (or cancels it); the invitee opens the link and
// sets a name and password. The admin setup link creates the very first register admin.
import type { Role } from "#src/env";
import { newId } from "#src/lib/ids";
import {
  cancelOpenInvite,
  closeSchoolInvitesForQuery,
  insertInviteQuery,
} from "#src/queries/account-writes";
import {
  hasAdmin,
  insertUserQuery,
  normaliseEmail,
  reactivateUserQuery,
  schoolById,
  userByEmail,
} from "#src/queries/accounts";
import { auditEntry } from "#src/queries/audit";
import {
  claimInvite,
  closeOpenInvitesQuery,
  findInvite,
  prepareInvite,
  type Invite,
} from "#src/auth/invites";
import { inviteMail } from "#src/auth/mail-texts";
import { hashPassword } from "#src/auth/passwords";
import { AccountError, audit, checkPassword, link, send, type FlowContext } from "./context";

export async function inviteUser(
  ctx: FlowContext,
  input: { email: string; role: "school_admin" | "staff"; schoolId: string },
): Promise<{ inviteId: string }> {
  const email = normaliseEmail(input.email);
  const existing = await userByEmail(ctx.db, email);
  if (existing && !existing.user.disabledAt) {
    throw new AccountError(
      409,
      existing.user.schoolId === input.schoolId
        ? "Deze collega heeft al een account bij uw school."
        : "Dit e-mailadres heeft al een account in het register.",
      "email",
    );
  }
  const school = await schoolById(ctx.db, input.schoolId);
  if (!school) throw new AccountError(404, "Deze school bestaat niet.");
  const { row, token } = await prepareInvite(
    {
      kind: "invite",
      email,
      role: input.role,
      schoolId: input.schoolId,
      invitedBy: ctx.actor?.userId ?? null,
    },
    ctx.now,
  );
  await ctx.db.batch([
    // A new invite replaces an earlier open one for the same address and school.
    closeSchoolInvitesForQuery(ctx.db, email, input.schoolId, ctx.now),
    insertInviteQuery(ctx.db, row),
    audit(ctx, {
      action: "invite",
      entity: "user",
      entityId: null,
      schoolId: input.schoolId,
      changes: { email, role: input.role },
    }),
  ]);
  await send(
    ctx,
    email,
    inviteMail({
      link: link(ctx, `/uitnodiging/${token}`),
      schoolName: school.name,
      invitedByName: ctx.actor?.name,
      kind: "invite",
    }),
  );
  return { inviteId: row.id! };
}

export async function cancelInvite(
  ctx: FlowContext,
  schoolId: string,
  inviteId: string,
): Promise<void> {
  const cancelled = await cancelOpenInvite(ctx.db, schoolId, inviteId, ctx.now);
  if (cancelled.length === 0) throw new AccountError(404, "Deze uitnodiging bestaat niet (meer).");
  await audit(ctx, {
    action: "cancel_invite",
    entity: "user",
    entityId: null,
    schoolId,
    changes: { email: cancelled[0].email },
  });
}

/** What the invite page needs to know about a link, or an AccountError (404 unknown, 410 used/expired). */
export async function openInvite(
  ctx: FlowContext,
  token: string,
  kinds: ("invite" | "admin_setup" | "reset")[],
): Promise<Invite> {
  const found = await findInvite(ctx.db, token, kinds, ctx.now);
  if (found.state === "unknown")
    throw new AccountError(404, "Deze link is niet (meer) geldig. Vraag zo nodig een nieuwe aan.");
  if (found.state === "used")
    throw new AccountError(410, "Deze link is al gebruikt. Een link werkt maar één keer.");
  if (found.state === "expired")
    throw new AccountError(410, "Deze link is verlopen. Vraag een nieuwe aan.");
  // The setup link only creates the very first admin; once there is one, it is spent.
  if (found.invite.kind === "admin_setup" && (await hasAdmin(ctx.db))) {
    throw new AccountError(410, "Er is al een beheerder. Deze eenmalige link werkt niet meer.");
  }
  return found.invite;
}

/** Sets name and password for an invite (or the admin setup link) and returns the new user. */
export async function acceptInvite(
  ctx: FlowContext,
  token: string,
  input: { name: string; password: string; email?: string },
): Promise<{ userId: string; role: Role }> {
  const invite = await openInvite(ctx, token, ["invite", "admin_setup"]);
  checkPassword(input.password);
  const email = invite.kind === "admin_setup" ? normaliseEmail(input.email ?? "") : invite.email;
  if (invite.kind === "admin_setup" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    throw new AccountError(422, "Vul een geldig e-mailadres in.", "email");
  const role: Role = invite.kind === "admin_setup" ? "admin" : (invite.role ?? "staff");
  const schoolId = role === "admin" ? null : invite.schoolId;
  if (role !== "admin") {
    const school = schoolId ? await schoolById(ctx.db, schoolId) : undefined;
    if (school?.status !== "active")
      throw new AccountError(
        410,
        "De school van deze uitnodiging is niet actief. Neem contact op met het register.",
      );
  }
  const existing = await userByEmail(ctx.db, email);
  if (existing && !existing.user.disabledAt) {
    throw new AccountError(
      409,
      "Met dit e-mailadres bestaat al een account. Log in of vraag een nieuw wachtwoord aan.",
      invite.kind === "admin_setup" ? "email" : undefined,
    );
  }
  const passwordHash = await hashPassword(input.password);
  if (!(await claimInvite(ctx.db, invite.id, ctx.now)))
    throw new AccountError(410, "Deze link is al gebruikt. Een link werkt maar één keer.");
  const userId = existing?.user.id ?? newId();
  const details = { name: input.name, role, schoolId, passwordHash };
  await ctx.db.batch([
    existing
      ? reactivateUserQuery(ctx.db, userId, details, ctx.now)
      : insertUserQuery(ctx.db, { id: userId, email, ...details }, ctx.now),
    auditEntry(ctx.db, {
      actorUserId: userId,
      schoolId,
      action: "accept_invite",
      entity: "user",
      entityId: userId,
      changes: { email, role, name: input.name },
      requestId: ctx.requestId,
    }),
  ]);
  if (invite.kind === "admin_setup")
    await closeOpenInvitesQuery(ctx.db, { kind: "admin_setup" }, ctx.now);
  return { userId, role };
}
