// Node: delivery over SMTP with nodemailer, from SMTP_URL (smtp://user:pass@host:port, smtps:// for
// TLS from the first byte; smtp:// upgrades with STARTTLS when the server offers it).
import nodemailer from "nodemailer";
import { addressOf, type OutgoingMail } from "./message";
import type { MailTransport } from "./transport";

export type SmtpOptions = {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
};

/** SMTP_URL → connection options (config.ts has checked the URL already). */
export function smtpOptions(smtpUrl: string): SmtpOptions {
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  const user = decodeURIComponent(url.username);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: user ? { user, pass: decodeURIComponent(url.password) } : undefined,
  };
}

/** The host and port only, for logs (never the password). */
export function smtpLabel(smtpUrl: string): string {
  const o = smtpOptions(smtpUrl);
  return `${o.secure ? "smtps" : "smtp"}://${o.host}:${o.port}`;
}

export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport({
    ...smtpOptions(smtpUrl),
    // Short timeouts: a hanging server must fail the try well within the sender's lease.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    name: "smtp",
    async send(mail: OutgoingMail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        // The envelope names exactly one recipient, whatever a header might say.
        envelope: { from: addressOf(mail.from), to: [mail.to] },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        date: mail.date,
        headers: mail.headers,
        textEncoding: "quoted-printable",
      });
    },
    close() {
      transporter.close();
    },
  };
}
