// The small interface every way of delivering mail implements (SMTP on Node, an HTTP mail API on
// Workers, the console in development), and the console transport itself.
import type { OutgoingMail } from "./message";

export interface MailTransport {
  /** Shown in /beheer and the start log ("smtp", "http-api", "console"). */
  readonly name: string;
  /** Resolves once the receiving server accepted the mail; throws with a readable reason if not. */
  send(mail: OutgoingMail): Promise<void>;
  close?(): void;
}

/** Development without SMTP_URL: the mail is printed, and counts as delivered. */
export function consoleTransport(log?: (line: string) => void): MailTransport {
  return {
    name: "console",
    async send(mail) {
      // console.log looked up per mail, not at start: log capture set up later still sees it.
      (log ?? console.log)(`\n--- e-mail aan ${mail.to}: ${mail.subject}\n${mail.text}\n---\n`);
    },
  };
}
