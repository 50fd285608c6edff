// The account lifecycle: request → approval → invite → password; resets, password changes,
// colleagues, suspension. Each step writes with db.batch (no interactive transactions), appends
// to the audit log and sends its mail through the outbox.
import { and, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { accountRequests, invites, schools } from "../../db/schema";
import type { Config } from "../config";
import type { DB } from "../db";
import type { AppEnv, Mailer, Role } from "../env";
import { newId } from "../lib/ids";
import { queueMail } from "../mail";
import {
  accountRequestById,
  adminEmails,
  disableUserQuery,
  hasAdmin,
  insertAccountRequest,
  insertUserQuery,
  normaliseEmail,
  reactivateUserQuery,
  revokeUserTokensQuery,
  schoolById,
  schoolUsers,
  setPasswordQuery,
  setSchoolStatusQuery,
  userByEmail,
  userById,
  type AccountRequestInput,
} from "../queries/accounts";
import { auditEntry } from "../queries/audit";
import {
  claimInvite,
  closeOpenInvitesQuery,
  findInvite,
  prepareInvite,
  type Invite,
} from "./invites";
import {
  inviteMail,
  refusalMail,
  requestForAdminMail,
  requestReceivedMail,
  resetMail,
  type MailText,
} from "./mail-texts";
import { hashPassword, passwordProblem, verifyPassword } from "./passwords";
import { invalidateUserSessions } from "./sessions";

export type FlowContext = {
  db: DB;
  config: Config;
  mailer?: Mailer;
  now: Date;
  requestId: string | null;
  actor: { userId: string; schoolId: string | null; name: string } | null;
};

export function flowContext(c: Context<AppEnv>): FlowContext {
  const auth = c.get("auth");
  return {
    db: c.get("db"),
    config: c.get("config"),
    mailer: c.get("deps").mailer,
    now: c.get("now"),
    requestId: c.get("requestId"),
    actor: auth
      ? { userId: auth.user.id, schoolId: auth.school?.id ?? null, name: auth.user.name }
      : null,
  };
}

/** A step that cannot go ahead, with a Dutch message (and the form field it is about). */
export class AccountError extends Error {
  constructor(
    readonly status: 403 | 404 | 409 | 410 | 422,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AccountError";
  }
}

export const roleLabels: Record<Role, string> = {
  admin: "Beheerder register",
  school_admin: "Beheerder (school)",
  staff: "Medewerker",
};

async function send(ctx: FlowContext, to: string, text: MailText) {
  await queueMail(
    ctx.db,
    {
      to,
      subject: text.subject,
      body: text.body,
      kind: text.kind,
      oneTimeLinks: text.oneTimeLinks,
      automatic: text.automatic,
    },
    ctx.mailer,
    ctx.now,
  );
}

function audit(
  ctx: FlowContext,
  entry: {
    action: string;
    entity: string;
    entityId: string | null;
    schoolId: string | null;
    changes?: Record<string, unknown>;
  },
) {
  return auditEntry(ctx.db, {
    ...entry,
    actorUserId: ctx.actor?.userId ?? null,
    requestId: ctx.requestId,
  });
}

function link(ctx: FlowContext, path: string) {
  return `${ctx.config.baseUrl}${path}`;
}

function checkPassword(password: string, field = "password") {
  const problem = passwordProblem(password);
  if (problem) throw new AccountError(422, problem, field);
}

// ---------------------------------------------------------------- account requests

export async function requestAccount(
  ctx: FlowContext,
  input: AccountRequestInput,
): Promise<string> {
  const id = newId();
  await ctx.db.batch([
    insertAccountRequest(ctx.db, id, input),
    audit(ctx, {
      action: "create",
      entity: "account_request",
      entityId: id,
      schoolId: null,
      changes: { schoolName: input.schoolName, email: normaliseEmail(input.email) },
    }),
  ]);
  for (const admin of await adminEmails(ctx.db)) {
    await send(
      ctx,
      admin,
      requestForAdminMail({
        schoolName: input.schoolName,
        contactName: input.contactName,
        email: input.email,
        link: link(ctx, "/beheer"),
      }),
    );
  }
  await send(ctx, input.email, requestReceivedMail(input));
  return id;
}

/** Claims a pending request for a decision; only one admin can decide it. */
async function claimRequest(
  ctx: FlowContext,
  requestId: string,
  set: Partial<typeof accountRequests.$inferInsert>,
) {
  const claimed = await ctx.db
    .update(accountRequests)
    .set({ ...set, decidedBy: ctx.actor?.userId ?? null, decidedAt: ctx.now.toISOString() })
    .where(and(eq(accountRequests.id, requestId), eq(accountRequests.status, "pending")))
    .returning();
  if (claimed.length === 0) {
    const exists = await accountRequestById(ctx.db, requestId);
    if (!exists) throw new AccountError(404, "Deze aanvraag bestaat niet.");
    throw new AccountError(409, "Deze aanvraag is al behandeld.");
  }
  return claimed[0];
}

/** Creates the school and mails its contact an invite to become the school's first admin. */
export async function approveAccountRequest(
  ctx: FlowContext,
  requestId: string,
): Promise<{ schoolId: string }> {
  const request = await accountRequestById(ctx.db, requestId);
  if (!request) throw new AccountError(404, "Deze aanvraag bestaat niet.");
  if (request.status !== "pending") throw new AccountError(409, "Deze aanvraag is al behandeld.");
  const existing = await userByEmail(ctx.db, request.email);
  if (existing && !existing.user.disabledAt) {
    throw new AccountError(
      409,
      `Er bestaat al een account met het e-mailadres ${request.email}. Weiger de aanvraag of neem contact op met de aanvrager.`,
    );
  }
  const schoolId = newId();
  // Claim first (only one admin decides), then create the school and link it to the request.
  await claimRequest(ctx, requestId, { status: "approved" });
  const { row, token } = await prepareInvite(
    {
      kind: "invite",
      email: request.email,
      role: "school_admin",
      schoolId,
      invitedBy: ctx.actor?.userId ?? null,
    },
    ctx.now,
  );
  await ctx.db.batch([
    ctx.db.insert(schools).values({
      id: schoolId,
      name: request.schoolName,
      brin: request.brin,
      placeCode: request.placeCode,
    }),
    ctx.db.update(accountRequests).set({ schoolId }).where(eq(accountRequests.id, requestId)),
    ctx.db.insert(invites).values(row),
    audit(ctx, {
      action: "approve",
      entity: "account_request",
      entityId: requestId,
      schoolId,
      changes: { schoolName: request.schoolName, email: request.email },
    }),
    audit(ctx, {
      action: "invite",
      entity: "user",
      entityId: null,
      schoolId,
      changes: { email: request.email, role: "school_admin" },
    }),
  ]);
  await send(
    ctx,
    request.email,
    inviteMail({
      link: link(ctx, `/uitnodiging/${token}`),
      schoolName: request.schoolName,
      kind: "invite",
    }),
  );
  return { schoolId };
}

export async function refuseAccountRequest(
  ctx: FlowContext,
  requestId: string,
  reason: string,
): Promise<void> {
  const request = await claimRequest(ctx, requestId, { status: "refused", refusalReason: reason });
  await audit(ctx, {
    action: "refuse",
    entity: "account_request",
    entityId: requestId,
    schoolId: null,
    changes: { reason },
  });
  await send(
    ctx,
    request.email,
    refusalMail({ schoolName: request.schoolName, contactName: request.contactName, reason }),
  );
}

// ---------------------------------------------------------------- schools

/** Suspending stops every session and token of the school at once (the middleware checks the status). */
export async function setSchoolStatus(
  ctx: FlowContext,
  schoolId: string,
  status: "active" | "suspended",
): Promise<void> {
  const school = await schoolById(ctx.db, schoolId);
  if (!school) throw new AccountError(404, "Deze school bestaat niet.");
  if (school.status === status) return;
  await ctx.db.batch([
    setSchoolStatusQuery(ctx.db, schoolId, status, ctx.now),
    audit(ctx, {
      action: status === "suspended" ? "suspend" : "reactivate",
      entity: "school",
      entityId: schoolId,
      schoolId,
      changes: { status: { from: school.status, to: status } },
    }),
  ]);
  if (status === "suspended") {
    for (const user of await schoolUsers(ctx.db, schoolId))
      await invalidateUserSessions(ctx.db, user.id);
  }
}

// ---------------------------------------------------------------- invites

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
    ctx.db
      .update(invites)
      .set({ usedAt: ctx.now.toISOString() })
      .where(
        and(
          eq(invites.kind, "invite"),
          eq(invites.email, email),
          eq(invites.schoolId, input.schoolId),
          isNull(invites.usedAt),
        ),
      ),
    ctx.db.insert(invites).values(row),
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
  const cancelled = await ctx.db
    .update(invites)
    .set({ usedAt: ctx.now.toISOString() })
    .where(
      and(
        eq(invites.id, inviteId),
        eq(invites.schoolId, schoolId),
        eq(invites.kind, "invite"),
        isNull(invites.usedAt),
      ),
    )
    .returning({ email: invites.email });
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
    if (!school || school.status !== "active")
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

// ---------------------------------------------------------------- passwords

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
    ctx.db.insert(invites).values(row),
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
  await ctx.db.batch([
    setPasswordQuery(ctx.db, user.id, passwordHash, ctx.now),
    // Whoever knew the old password may have made tokens with it.
    revokeUserTokensQuery(ctx.db, user.id, ctx.now),
    closeOpenInvitesQuery(ctx.db, { userId: user.id, kind: "reset" }, ctx.now),
    auditEntry(ctx.db, {
      actorUserId: user.id,
      schoolId: user.schoolId,
      action: "reset_password",
      entity: "user",
      entityId: user.id,
      changes: {},
      requestId: ctx.requestId,
    }),
  ]);
  await invalidateUserSessions(ctx.db, user.id);
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
  await ctx.db.batch([
    setPasswordQuery(ctx.db, user.id, await hashPassword(input.next), ctx.now),
    revokeUserTokensQuery(ctx.db, user.id, ctx.now),
    closeOpenInvitesQuery(ctx.db, { userId: user.id, kind: "reset" }, ctx.now),
    auditEntry(ctx.db, {
      actorUserId: user.id,
      schoolId: user.schoolId,
      action: "change_password",
      entity: "user",
      entityId: user.id,
      changes: {},
      requestId: ctx.requestId,
    }),
  ]);
  await invalidateUserSessions(ctx.db, user.id, input.keepSessionId);
}

// ---------------------------------------------------------------- colleagues

/** Removes a colleague: the account is disabled, its tokens revoked and its sessions ended at once. */
export async function removeUser(
  ctx: FlowContext,
  schoolId: string,
  userId: string,
): Promise<void> {
  const user = await userById(ctx.db, userId);
  if (!user || user.schoolId !== schoolId || user.disabledAt)
    throw new AccountError(404, "Deze collega bestaat niet (meer).");
  if (userId === ctx.actor?.userId)
    throw new AccountError(
      422,
      "U kunt uzelf niet verwijderen. Vraag een andere beheerder van uw school.",
    );
  await ctx.db.batch([
    disableUserQuery(ctx.db, userId, ctx.now),
    revokeUserTokensQuery(ctx.db, userId, ctx.now),
    closeOpenInvitesQuery(ctx.db, { userId, kind: "reset" }, ctx.now),
    audit(ctx, {
      action: "remove",
      entity: "user",
      entityId: userId,
      schoolId,
      changes: { email: user.email, role: user.role },
    }),
  ]);
  await invalidateUserSessions(ctx.db, userId);
}

// ---------------------------------------------------------------- CLI

export async function createAdminAccount(
  ctx: FlowContext,
  input: { email: string; password: string; name?: string },
): Promise<string> {
  checkPassword(input.password);
  if (await userByEmail(ctx.db, input.email))
    throw new AccountError(
      409,
      `Er bestaat al een account met ${normaliseEmail(input.email)}.`,
      "email",
    );
  const id = newId();
  await ctx.db.batch([
    insertUserQuery(
      ctx.db,
      {
        id,
        email: input.email,
        name: input.name ?? "Beheerder",
        role: "admin",
        schoolId: null,
        passwordHash: await hashPassword(input.password),
      },
      ctx.now,
    ),
    audit(ctx, {
      action: "create",
      entity: "user",
      entityId: id,
      schoolId: null,
      changes: { email: normaliseEmail(input.email), role: "admin" },
    }),
  ]);
  return id;
}

/** An active school with its first user, a school admin (CLI `school create`). */
export async function createSchoolAccount(
  ctx: FlowContext,
  input: {
    name: string;
    email: string;
    password: string;
    brin?: string | null;
    contactName?: string;
  },
): Promise<{ schoolId: string; userId: string }> {
  checkPassword(input.password);
  if (await userByEmail(ctx.db, input.email))
    throw new AccountError(
      409,
      `Er bestaat al een account met ${normaliseEmail(input.email)}.`,
      "email",
    );
  const schoolId = newId();
  const userId = newId();
  await ctx.db.batch([
    ctx.db.insert(schools).values({ id: schoolId, name: input.name, brin: input.brin ?? null }),
    insertUserQuery(
      ctx.db,
      {
        id: userId,
        email: input.email,
        name: input.contactName ?? "",
        role: "school_admin",
        schoolId,
        passwordHash: await hashPassword(input.password),
      },
      ctx.now,
    ),
    audit(ctx, {
      action: "create",
      entity: "school",
      entityId: schoolId,
      schoolId,
      changes: { name: input.name, brin: input.brin ?? null },
    }),
    audit(ctx, {
      action: "create",
      entity: "user",
      entityId: userId,
      schoolId,
      changes: { email: normaliseEmail(input.email), role: "school_admin" },
    }),
  ]);
  return { schoolId, userId };
}
