// Members of the register: suspending or reactivating a school, and removing a colleague. Both
// end the sessions concerned at once.
import {
  disableUserQuery,
  revokeUserTokensQuery,
  schoolById,
  schoolUsers,
  setSchoolStatusQuery,
  userById,
} from "#src/queries/accounts";
import { closeOpenInvitesQuery } from "#src/auth/invites";
import { invalidateUserSessions } from "#src/auth/sessions";
import { AccountError, audit, type FlowContext } from "./context";

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
