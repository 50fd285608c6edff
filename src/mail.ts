// Email goes to the outbox table; a pluggable sender (the console in development) also gets it.
import { outbox } from "../db/schema";
import type { DB } from "./db";
import type { Mailer } from "./env";
import { newId } from "./lib/ids";
import { headerSafe } from "./rules/plain-text";

export const consoleMailer: Mailer = (mail) => {
  console.log(`\n--- e-mail aan ${mail.to}: ${mail.subject}\n${mail.body}\n---\n`);
};

/** Queues a mail. With a dedupeKey the same mail is queued only once (returns false then). */
export async function queueMail(
  db: DB,
  mail: { to: string; subject: string; body: string; kind?: string; dedupeKey?: string },
  mailer?: Mailer,
): Promise<boolean> {
  // Names reach the subject; a CR/LF there would add headers (Bcc:) when the mail is sent. Input
  // with line breaks is refused at the edge; this also covers data stored before that check.
  mail = { ...mail, to: headerSafe(mail.to).trim(), subject: headerSafe(mail.subject) };
  const inserted = await db
    .insert(outbox)
    .values({
      id: newId(),
      toAddress: mail.to,
      subject: mail.subject,
      body: mail.body,
      kind: mail.kind ?? "general",
      dedupeKey: mail.dedupeKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: outbox.id });
  if (inserted.length === 0) return false;
  await mailer?.(mail);
  return true;
}
