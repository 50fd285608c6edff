// What every account flow shares: its context (database, config, mailer, clock, actor), the
// AccountError it throws, and the small steps (mail, audit, links, the password check).
import type { Context } from "hono";
import type { Config } from "#src/config";
import type { DB } from "#src/db";
import type { AppEnv, Mailer, Role } from "#src/env";
import { queueMail } from "#src/mail";
import { auditEntry } from "#src/queries/audit";
import type { MailText } from "#src/auth/mail-texts";
import { passwordProblem } from "#src/auth/passwords";

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

export async function send(ctx: FlowContext, to: string, text: MailText) {
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

export function audit(
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

export function link(ctx: FlowContext, path: string) {
  return `${ctx.config.baseUrl}${path}`;
}

export function checkPassword(password: string, field = "password") {
  const problem = passwordProblem(password);
  if (problem) throw new AccountError(422, problem, field);
}
