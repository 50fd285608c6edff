// AVG: inzage (everything stored about one assessor) and erasure (personal fields removed, the
// row, its logs and their counts kept), plus the retention job's selection.
import { and, asc, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import {
  auditLog,
  assessorPlaces,
  assessors,
  consentEvents,
  examinations,
  refresherTrainings,
  schools,
  users,
} from "#db/schema";
import type { DB } from "#src/db";
import type { Actor } from "#src/rules/access";
import { changeAssessor } from "./assessor-changes";
import { assessorHistory, redactPersonalChanges } from "./assessor-history";
import { getAssessorRecord, type AssessorRecord } from "./assessor-record";
import { getAssessor, type AssessorRow } from "./assessors";
import { ownAccessErasure } from "./own-access";

export const ERASED_NAME = "Verwijderd";

export const ERASED_FIELDS = [
  "first_name",
  "infix",
  "last_name",
  "email",
  "phone",
  "organisation",
  "places",
  "public_consent",
  "deregistration_reason",
  "examinations.notes",
  "refresher_trainings.description",
] as const;

/** Replaces the personal fields; keeps the row, dates, examinations and refresher trainings. */
export async function eraseAssessor(
  db: DB,
  actor: Actor,
  id: string,
  erasedAt: string,
  reason: "request" | "retention" = "request",
): Promise<AssessorRow> {
  const before = await getAssessor(db, id);
  // Links, reports, mails and throttle rows of the assessor's own access (src/queries/own-access.ts).
  const ownAccess = before && !before.erasedAt ? await ownAccessErasure(db, before) : [];
  const erased = await changeAssessor(db, actor, id, (current) =>
    current.erasedAt
      ? null
      : {
          set: {
            firstName: "",
            infix: "",
            lastName: ERASED_NAME,
            email: null,
            emailNorm: null,
            phone: "",
            organisation: "",
            // The reason is free text a school typed about this person.
            deregistrationReason: null,
            publicConsent: false,
            publicEligible: false,
            erasedAt,
          },
          // The audit row names the erased fields, never their old values.
          changes: { erased: { from: null, to: [...ERASED_FIELDS] }, reason },
          action: "erase",
          extra: (db) => [
            db.delete(assessorPlaces).where(eq(assessorPlaces.assessorId, id)),
            db.update(examinations).set({ notes: "" }).where(eq(examinations.assessorId, id)),
            db
              .update(refresherTrainings)
              .set({ description: "" })
              .where(eq(refresherTrainings.assessorId, id)),
            ...ownAccess,
          ],
        },
  );
  await scrubAssessorAudit(db, id);
  if (before && !before.erasedAt) await scrubCopies(db, before);
  return erased;
}

/**
 * Copies of the personal values outside the assessor's own rows: stored API responses that an
 * Idempotency-Key would replay, mails in the outbox that name the assessor, throttle rows keyed by
 * the address. (The audit log: scrubAssessorAudit.)
 */
async function scrubCopies(db: DB, a: AssessorRow): Promise<void> {
  const fullName = [a.firstName, a.infix, a.lastName].filter(Boolean).join(" ");
  const needles = [
    `"${a.id}"`,
    a.id,
    a.email,
    a.email?.toLowerCase(),
    a.phone,
    fullName,
    `${a.firstName} ${a.lastName}`,
  ].filter((n): n is string => typeof n === "string" && n.trim().length >= 5);
  const unique = [...new Set(needles)];
  const mentions = (column: string) =>
    sql.join(
      unique.map((n) => sql`instr(${sql.raw(column)}, ${n}) > 0`),
      sql` OR `,
    );
  const email = a.email?.trim().toLowerCase() ?? "";
  // The first response cannot be replayed any more; the same key must not create anew either.
  const replay = JSON.stringify({
    error: {
      code: "erased",
      message:
        "Het eerdere antwoord op dit verzoek bevatte persoonsgegevens die inmiddels zijn gewist (AVG). Het wordt niet herhaald.",
    },
  });
  await db.batch([
    db.run(
      sql`UPDATE idempotency_keys SET status = 409, body = ${replay} WHERE status <> 0 AND (${mentions("body")})`,
    ),
    db.run(
      sql`DELETE FROM outbox WHERE lower(to_address) = ${email} OR ${mentions("subject")} OR ${mentions("body")}`,
    ),
    // Throttle keys end in the typed address ("login:account:<address>", "reset:address:<address>").
    db.run(
      sql`DELETE FROM throttle_events WHERE ${email} <> '' AND substr(key, length(key) - ${email.length}) = ${`:${email}`}`,
    ),
  ]);
}

/**
 * Rewrites the assessor's audit rows so that no personal value survives the erasure; what was
 * changed, when and by whom stays. The only update the audit log's trigger allows (migration 0004).
 */
export async function scrubAssessorAudit(db: DB, assessorId: string): Promise<void> {
  const rows = await db
    .select({ id: auditLog.id, changes: auditLog.changes })
    .from(auditLog)
    .where(and(eq(auditLog.entity, "assessor"), eq(auditLog.entityId, assessorId)));
  const updates = [];
  for (const row of rows) {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(row.changes) as Record<string, unknown>;
    } catch {
      continue;
    }
    const redacted = JSON.stringify(redactPersonalChanges(parsed));
    if (redacted !== row.changes && redacted.includes('"[gewist]"'))
      updates.push(db.update(auditLog).set({ changes: redacted }).where(eq(auditLog.id, row.id)));
  }
  for (let i = 0; i < updates.length; i += 50) {
    const chunk = updates.slice(i, i + 50);
    await db.batch(chunk as [(typeof chunk)[0], ...typeof chunk]);
  }
}

export type AssessorExport = {
  exported_at: string;
  assessor: AssessorRecord;
  consent_events: {
    given: boolean;
    source: "school" | "assessor";
    text_version: string;
    at: string;
    school: string | null;
    user: string | null;
  }[];
  audit_log: {
    at: string;
    action: string;
    school: string | null;
    user: string | null;
    changes: Record<string, unknown>;
  }[];
};

/** Inzage: every stored fact about this assessor, in one JSON document. */
export async function exportAssessor(
  db: DB,
  a: AssessorRow,
  opts: { linked: boolean; on: string; expiringDays: number; now: Date },
): Promise<AssessorExport> {
  const [record, consents, history] = await Promise.all([
    getAssessorRecord(db, a, opts),
    db
      .select({
        given: consentEvents.given,
        source: consentEvents.source,
        textVersion: consentEvents.textVersion,
        at: consentEvents.at,
        school: schools.name,
        user: users.name,
      })
      .from(consentEvents)
      .leftJoin(schools, eq(schools.id, consentEvents.schoolId))
      .leftJoin(users, eq(users.id, consentEvents.userId))
      .where(eq(consentEvents.assessorId, a.id))
      .orderBy(asc(consentEvents.at)),
    assessorHistory(db, a.id, { erased: a.erasedAt !== null }),
  ]);
  return {
    exported_at: opts.now.toISOString(),
    assessor: record,
    consent_events: consents.map((c) => ({
      given: c.given,
      source: c.source,
      text_version: c.textVersion,
      at: c.at,
      school: c.school,
      user: c.user,
    })),
    audit_log: history.map((h) => ({
      at: h.at,
      action: h.action,
      school: h.schoolName,
      user: h.actorName,
      changes: h.changes,
    })),
  };
}

/** Deregistered, not yet erased assessors whose afmelding is before `cutoff`. */
export async function expiredDeregistrations(
  db: DB,
  cutoff: string,
): Promise<{ id: string; registeringSchoolId: string }[]> {
  return db
    .select({ id: assessors.id, registeringSchoolId: assessors.registeringSchoolId })
    .from(assessors)
    .where(
      and(
        isNotNull(assessors.deregisteredOn),
        lt(assessors.deregisteredOn, cutoff),
        isNull(assessors.erasedAt),
      ),
    );
}
