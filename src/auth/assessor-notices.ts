// Mails to the assessor (DESIGN §3, AVG art. 14): a notice when a school registers or links them
// or changes their e-mail, each with a fresh personal link to /mijn-gegevens; a new link on
// request; and a report to the registering school's admins. Everything goes through the outbox.
import type { Context } from "hono";
import type { DB } from "#src/db";
import type { AppEnv, Mailer } from "#src/env";
import { queueMail } from "#src/mail";
import { formatDutchDate } from "#src/rules";
import { getAssessorRecord } from "#src/queries/assessor-record";
import { getAssessor, findIdByEmail, schoolName, type AssessorRow } from "#src/queries/assessors";
import { assessorMailKey, createAccessToken, revokeAccessTokens } from "#src/queries/own-access";
import { createReport } from "#src/queries/reports";
import { schoolAdminEmails } from "#src/queries/school-profile";
import {
  emailChangedNotice,
  emailChangedOldNotice,
  linkedNotice,
  newLinkMail,
  registeredNotice,
  reportForSchoolMail,
  type AssessorMailText,
  type StoredSummary,
} from "./assessor-mail-texts";

export type NoticeContext = {
  baseUrl: string;
  now: Date;
  today: string;
  expiringDays: number;
  retentionDays: number;
  mailer?: Mailer;
};

export function noticeContext(c: Context<AppEnv>): NoticeContext {
  const config = c.get("config");
  return {
    baseUrl: config.baseUrl,
    now: c.get("now"),
    today: c.get("today"),
    expiringDays: config.expiringDays,
    retentionDays: config.retentionDays,
    mailer: c.get("deps").mailer,
  };
}

function retentionText(days: number): string {
  if (days % 365 === 0) return days === 365 ? "1 jaar" : `${days / 365} jaar`;
  return `${days} dagen`;
}

async function summary(db: DB, ctx: NoticeContext, a: AssessorRow): Promise<StoredSummary> {
  const r = await getAssessorRecord(db, a, {
    linked: true,
    on: ctx.today,
    expiringDays: ctx.expiringDays,
  });
  return {
    name: r.name,
    email: r.email ?? "",
    phone: r.phone,
    organisation: r.organisation,
    places: r.places.map((p) => p.name),
    crebos: r.crebos.map((c) => `${c.code} ${c.name}`),
    initialTraining: `${formatDutchDate(r.initial_training.date)}, ${r.initial_training.provider}`,
    publicConsent: r.public_consent,
    registeringSchool: r.registering_school.name,
    schools: r.schools.map((s) => s.name),
  };
}

async function send(
  db: DB,
  ctx: NoticeContext,
  assessorId: string,
  to: string,
  mail: AssessorMailText,
): Promise<void> {
  await queueMail(
    db,
    { to, ...mail, dedupeKey: assessorMailKey(assessorId, mail.kind) },
    ctx.mailer,
  );
}

async function personalLink(db: DB, ctx: NoticeContext, assessorId: string): Promise<string> {
  const token = await createAccessToken(db, assessorId, ctx.now);
  return `${ctx.baseUrl}/mijn-gegevens/${token}`;
}

async function notice(
  db: DB,
  ctx: NoticeContext,
  assessorId: string,
  schoolId: string,
  text: typeof registeredNotice,
): Promise<void> {
  const a = await getAssessor(db, assessorId);
  if (!a || a.erasedAt || !a.email) return;
  await send(
    db,
    ctx,
    a.id,
    a.email,
    text({
      summary: await summary(db, ctx, a),
      link: await personalLink(db, ctx, a.id),
      requestUrl: `${ctx.baseUrl}/mijn-gegevens`,
      retentionYears: retentionText(ctx.retentionDays),
      schoolName: await schoolName(db, schoolId),
    }),
  );
}

/** A school registered the assessor. */
export function notifyRegistered(db: DB, ctx: NoticeContext, assessorId: string, schoolId: string) {
  return notice(db, ctx, assessorId, schoolId, registeredNotice);
}

/** Another school linked the assessor. */
export function notifyLinked(db: DB, ctx: NoticeContext, assessorId: string, schoolId: string) {
  return notice(db, ctx, assessorId, schoolId, linkedNotice);
}

/**
 * The e-mail changed: the old links stop working, the new address gets the full notice with a
 * new link, the old address a short message without either.
 */
export async function notifyEmailChanged(
  db: DB,
  ctx: NoticeContext,
  assessorId: string,
  schoolId: string,
  oldEmail: string | null,
): Promise<void> {
  await revokeAccessTokens(db, assessorId, ctx.now);
  await notice(db, ctx, assessorId, schoolId, emailChangedNotice);
  const a = await getAssessor(db, assessorId);
  if (a && oldEmail && oldEmail.toLowerCase() !== a.email?.toLowerCase())
    await send(
      db,
      ctx,
      a.id,
      oldEmail,
      emailChangedOldNotice({
        name: [a.firstName, a.infix, a.lastName].filter(Boolean).join(" "),
        schoolName: await schoolName(db, schoolId),
      }),
    );
}

/** A new link asked for at /mijn-gegevens; nothing happens for an unknown or erased address. */
export async function sendNewLink(db: DB, ctx: NoticeContext, email: string): Promise<boolean> {
  const id = await findIdByEmail(db, email);
  const a = id ? await getAssessor(db, id) : undefined;
  if (!a || a.erasedAt || !a.email) return false;
  await send(
    db,
    ctx,
    a.id,
    a.email,
    newLinkMail({
      name: [a.firstName, a.infix, a.lastName].filter(Boolean).join(" "),
      link: await personalLink(db, ctx, a.id),
      requestUrl: `${ctx.baseUrl}/mijn-gegevens`,
    }),
  );
  return true;
}

/**
 * A report about an assessor's data ("Meld een fout"): stored for the school that registered the
 * assessor (its Meldingen), and mailed to that school's admins.
 */
export async function fileReport(
  db: DB,
  ctx: NoticeContext,
  p: {
    assessor: AssessorRow;
    source: "public" | "assessor";
    message: string;
    replyTo: string | null;
  },
): Promise<void> {
  await createReport(db, {
    assessorId: p.assessor.id,
    schoolId: p.assessor.registeringSchoolId,
    source: p.source,
    message: p.message,
    replyTo: p.replyTo,
  });
  const mail = reportForSchoolMail({
    assessorName: [p.assessor.firstName, p.assessor.infix, p.assessor.lastName]
      .filter(Boolean)
      .join(" "),
    fromAssessor: p.source === "assessor",
    message: p.message,
    replyTo: p.replyTo,
    link: `${ctx.baseUrl}/school/meldingen`,
  });
  for (const to of await schoolAdminEmails(db, p.assessor.registeringSchoolId))
    await send(db, ctx, p.assessor.id, to, mail);
}

/** After an import: one notice per registered assessor. */
export async function notifyRegisteredMany(
  db: DB,
  ctx: NoticeContext,
  assessorIds: Iterable<string>,
  schoolId: string,
): Promise<void> {
  for (const id of assessorIds) await notifyRegistered(db, ctx, id, schoolId);
}
