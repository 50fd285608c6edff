// Every mail is queued in the outbox first (DESIGN §8); the sender (src/mail/sender.ts) delivers it.
// This is the one function the rest of the app calls to send mail.
import type { DB } from "#src/db";
import type { Mailer } from "#src/env";
import { insertOutboxMail } from "#src/queries/outbox";
import { headerSafe } from "#src/rules/plain-text";

export type QueuedMail = {
  to: string;
  subject: string;
  body: string;
  kind?: string;
  /** Set for mails that must go out once only (reminders). */
  dedupeKey?: string;
  /**
   * One-time links in the body (invite, reset): they are replaced in the stored body once the
   * mail is delivered, so the outbox never keeps a usable link.
   */
  oneTimeLinks?: string[];
  /** False when a person wrote the content (no Auto-Submitted header); default true. */
  automatic?: boolean;
};

/** Prints a mail (development and tests that want to see it). */
export const consoleMailer: Mailer = (mail) => {
  console.log(`\n--- e-mail aan ${mail.to}: ${mail.subject}\n${mail.body}\n---\n`);
};

/**
 * A line break in a subject would start a new header (Bcc:): line breaks become one space and
 * other control characters go. Input with line breaks is refused at the edge; this also covers
 * data stored before that check.
 */
export function oneLine(value: string): string {
  return headerSafe(value).trim();
}

const PLAIN_ADDRESS = /^[^\s@<>",;:()\\[\]]+@[^\s@<>",;:()\\[\]]+$/;

/** Exactly one plain address (`a@b`): nothing a mail program could read as a second one. */
export function isPlainAddress(address: string): boolean {
  return PLAIN_ADDRESS.test(address);
}

export const INVALID_ADDRESS = "Ongeldig e-mailadres: deze e-mail wordt niet verstuurd.";

export class MailAddressError extends Error {}

/**
 * Queues a mail. With a dedupeKey the same mail is queued only once (returns false then).
 * `mailer` is told after the mail is queued: on Node it wakes the sender, tests collect mails.
 * An address with anything but one plain `a@b` (a line break, a second address) is refused.
 */
export async function queueMail(
  db: DB,
  mail: QueuedMail,
  mailer?: Mailer,
  now: Date = new Date(),
): Promise<boolean> {
  const to = mail.to.trim();
  if (!isPlainAddress(to)) throw new MailAddressError(INVALID_ADDRESS);
  const subject = oneLine(mail.subject);
  const queued = await insertOutboxMail(
    db,
    {
      to,
      subject,
      body: mail.body,
      kind: mail.kind ?? "general",
      dedupeKey: mail.dedupeKey ?? null,
      automatic: mail.automatic ?? true,
      oneTimeLinks: mail.oneTimeLinks ?? [],
    },
    now,
  );
  if (!queued) return false;
  await mailer?.({ to, subject, body: mail.body });
  return true;
}
