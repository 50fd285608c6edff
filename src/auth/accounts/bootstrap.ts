// Accounts made from the command line: a register admin, and an active school with its first admin.
import { newId } from "#src/lib/ids";
import { insertSchoolQuery } from "#src/queries/account-writes";
import { insertUserQuery, normaliseEmail, userByEmail } from "#src/queries/accounts";
import { hashPassword } from "#src/auth/passwords";
import { AccountError, audit, checkPassword, type FlowContext } from "./context";

/** A usable password, and no account with this address yet (409 on the e-mail field). */
async function checkNewAccount(ctx: FlowContext, input: { email: string; password: string }) {
  checkPassword(input.password);
  if (await userByEmail(ctx.db, input.email))
    throw new AccountError(
      409,
      `Er bestaat al een account met ${normaliseEmail(input.email)}.`,
      "email",
    );
}

export async function createAdminAccount(
  ctx: FlowContext,
  input: { email: string; password: string; name?: string },
): Promise<string> {
  await checkNewAccount(ctx, input);
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
  await checkNewAccount(ctx, input);
  const schoolId = newId();
  const userId = newId();
  await ctx.db.batch([
    insertSchoolQuery(ctx.db, { id: schoolId, name: input.name, brin: input.brin ?? null }),
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
