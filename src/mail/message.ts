// Turns an outbox row into the message every transport sends: UTF-8 text and a simple HTML part,
// a stable Message-ID, Date, Auto-Submitted for automatic mail, List-Unsubscribe on reminders.
// Nothing that reaches a header may carry a line break (it would start a header of its own).
import type { OutboxRow } from "#src/queries/outbox";
import { oneLine } from "./index";

export type OutgoingMail = {
  /** The outbox id (for logs). */
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** With angle brackets: `<id@domain>`. */
  messageId: string;
  date: Date;
  /** Extra headers (Auto-Submitted, List-Unsubscribe); values are single lines. */
  headers: Record<string, string>;
};

export type MessageSettings = { from: string; baseUrl: string };

/** The address part of `Naam <adres>` or `adres`. */
export function addressOf(mailbox: string): string {
  const named = /<([^<>]+)>\s*$/.exec(mailbox);
  return (named ? named[1] : mailbox).trim();
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Links in the text become anchors; everything else is escaped. */
function linkify(line: string): string {
  const parts = line.split(/(https?:\/\/[^\s<>"]+)/g);
  return parts
    .map((part, i) =>
      i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part),
    )
    .join("");
}

/** A plain HTML version of the text body: paragraphs on blank lines, line breaks kept. */
export function htmlFromText(text: string, subject: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split("\n").map(linkify).join("<br>\n")}</p>`)
    .join("\n");
  return (
    `<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n` +
    `<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em">\n` +
    `${paragraphs}\n</body></html>\n`
  );
}

export function buildMessage(row: OutboxRow, settings: MessageSettings, now: Date): OutgoingMail {
  const fromAddress = addressOf(settings.from);
  const domain = fromAddress.split("@")[1] || "localhost";
  const subject = oneLine(row.subject);
  const headers: Record<string, string> = {};
  if (row.automatic) headers["Auto-Submitted"] = "auto-generated";
  if (row.kind === "reminder") {
    // Reminders go to every admin of a linked school; who no longer wants them writes to the
    // register office (a mailto the mail client offers as "unsubscribe").
    headers["List-Unsubscribe"] =
      `<mailto:${fromAddress}?subject=${encodeURIComponent("Geen herinneringen meer")}>`;
  }
  return {
    id: row.id,
    from: oneLine(settings.from),
    to: oneLine(row.toAddress),
    subject,
    text: row.body,
    html: htmlFromText(row.body, subject),
    messageId: `<${row.id}@${domain}>`,
    date: now,
    headers,
  };
}
