// Account requests: a school asks (the admins are mailed), an admin approves (school + invite for
// its first admin) or refuses (the reason is mailed). Only one admin can decide a request.
import { newId } from "#src/lib/ids";
import {
  claimPendingRequest,
  insertInviteQuery,
  insertSchoolQuery,
  linkRequestToSchoolQuery,
  type RequestDecision,
} from "#src/queries/account-writes";
import {
  accountRequestById,
  adminEmails,
  insertAccountRequest,
  normaliseEmail,
  userByEmail,
  type AccountRequestInput,
} from "#src/queries/accounts";
import { prepareInvite } from "#src/auth/invites";
import {
  inviteMail,
  refusalMail,
  requestForAdminMail,
  requestReceivedMail,
} from "#src/auth/mail-texts";
import { AccountError, audit, link, send, type FlowContext } from "./context";

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
async function claimRequest(ctx: FlowContext, requestId: string, set: RequestDecision) {
  const claimed = await claimPendingRequest(ctx.db, requestId, {
    ...set,
    decidedBy: ctx.actor?.userId ?? null,
    decidedAt: ctx.now.toISOString(),
  });
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
    insertSchoolQuery(ctx.db, {
      id: schoolId,
      name: request.schoolName,
      brin: request.brin,
      placeCode: request.placeCode,
    }),
    linkRequestToSchoolQuery(ctx.db, requestId, schoolId),
    insertInviteQuery(ctx.db, row),
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
