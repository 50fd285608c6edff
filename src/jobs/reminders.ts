// Daily reminder mails to schools 90 and 30 days before an assessor's deadline. Safe to run
// every day (and twice): each mail has a dedupe key per assessor, deadline, threshold and user.
import { sql } from "drizzle-orm";
import type { Config } from "#src/config";
import type { DB } from "#src/db";
import type { Mailer } from "#src/env";
import { queueMail } from "#src/mail";
import { fullName } from "#src/queries/assessor-derived";
import { addDays, daysBetween, formatDutchDate } from "#src/rules";
import { missingParts } from "#src/rules/missing-parts";

export const REMINDER_DAYS = [90, 30] as const;

type Candidate = {
  id: string;
  first_name: string;
  infix: string;
  last_name: string;
  initial_training_date: string;
  last_examination_date: string | null;
  last_refresher_date: string | null;
  exam_valid_until: string;
  refresher_valid_until: string;
  valid_until: string;
  school_name: string;
  user_id: string;
  email: string;
};

/** The reminder threshold an assessor is in on `today`: 30 within 30 days, else 90 within 90. */
export function reminderThreshold(validUntil: string, today: string): 30 | 90 | null {
  const days = daysBetween(today, validUntil);
  if (days < 0) return null;
  if (days <= 30) return 30;
  if (days <= 90) return 90;
  return null;
}

export function reminderKey(
  threshold: number,
  assessorId: string,
  validUntil: string,
  userId: string,
): string {
  return `reminder:${threshold}:${assessorId}:${validUntil}:${userId}`;
}

function keyExpr(today: string) {
  const threshold = sql`CASE WHEN a.valid_until <= ${addDays(today, 30)} THEN 30 ELSE 90 END`;
  return sql`'reminder:' || ${threshold} || ':' || a.id || ':' || a.valid_until || ':' || u.id`;
}

/**
 * Queues the reminders due on `today` for the school admins of every linked, active school.
 * Returns the number of mails queued (0 when run again on the same day).
 */
export async function sendReminders(
  deps: { db: DB; config: Config; mailer?: Mailer },
  today: string,
): Promise<number> {
  const { db, config } = deps;
  const candidates =
    await db.all<Candidate>(sql`SELECT a.id, a.first_name, a.infix, a.last_name, a.initial_training_date,
      a.last_examination_date, a.last_refresher_date, a.exam_valid_until, a.refresher_valid_until, a.valid_until,
      sc.name AS school_name, u.id AS user_id, u.email
    FROM assessors a
    JOIN assessor_schools s ON s.assessor_id = a.id
    JOIN schools sc ON sc.id = s.school_id AND sc.status = 'active'
    JOIN users u ON u.school_id = s.school_id AND u.role = 'school_admin' AND u.disabled_at IS NULL
    LEFT JOIN outbox o ON o.dedupe_key = ${keyExpr(today)}
    WHERE a.valid_until >= ${today} AND a.valid_until <= ${addDays(today, 90)}
      AND a.deregistered_on IS NULL AND a.erased_at IS NULL AND o.id IS NULL
    ORDER BY a.valid_until, a.sort_key`);
  let queued = 0;
  for (const c of candidates) {
    const threshold = reminderThreshold(c.valid_until, today);
    if (!threshold) continue;
    const name = fullName({ firstName: c.first_name, infix: c.infix, lastName: c.last_name });
    const missing = missingParts(
      {
        initialTrainingDate: c.initial_training_date,
        lastExaminationDate: c.last_examination_date,
        lastRefresherDate: c.last_refresher_date,
        examValidUntil: c.exam_valid_until,
        refresherValidUntil: c.refresher_valid_until,
      },
      today,
      threshold,
    );
    const body = [
      "Beste collega,",
      "",
      `De registratie van praktijkbeoordelaar ${name} (${c.school_name}) verloopt op ${formatDutchDate(c.valid_until)}, over ${daysBetween(today, c.valid_until)} dagen.`,
      ...(missing.length ? ["", "Wat nog nodig is:", ...missing.map((m) => `- ${m}`)] : []),
      "",
      "Registreert u een examen of bijscholing zodra die heeft plaatsgevonden? Dan blijft de beoordelaar gekwalificeerd.",
      `${config.baseUrl}/school/beoordelaars/${c.id}`,
      "",
      "Met vriendelijke groet,",
      "Register Gekwalificeerd Praktijkbeoordelaar",
    ].join("\n");
    const sent = await queueMail(
      db,
      {
        to: c.email,
        subject: `Herinnering: registratie van ${name} verloopt op ${formatDutchDate(c.valid_until)}`,
        body,
        kind: "reminder",
        dedupeKey: reminderKey(threshold, c.id, c.valid_until, c.user_id),
      },
      deps.mailer,
    );
    if (sent) queued++;
  }
  return queued;
}
