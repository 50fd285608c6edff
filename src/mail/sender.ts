// Drains the outbox: claims due mails with a lease, hands each to the transport, and records the
// outcome (sent with its one-time links redacted, or a retry after the backoff, or failed).
import type { Config } from "#src/config";
import type { DB } from "#src/db";
import { claimDueMails, markAttemptFailed, markSent } from "#src/queries/outbox";
import { httpApiTransport } from "./http-api";
import { INVALID_ADDRESS, isPlainAddress } from "./index";
import { buildMessage } from "./message";
import { consoleTransport, type MailTransport } from "./transport";

export type DeliveryCounts = { sent: number; retried: number; failed: number };

export type DeliveryDeps = {
  db: DB;
  /** null: no transport configured, mail waits in the outbox. */
  transport: MailTransport | null;
  config: Config;
  now: () => Date;
  /** Who claims the rows (process and runner id). */
  holder: string;
  /** How long a claim holds; longer than any transport timeout. */
  leaseSeconds?: number;
  batchSize?: number;
  /** Upper bound of mails per run, so one run always ends. */
  maxPerRun?: number;
};

function reason(err: unknown): string {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  if (e?.response) return e.response;
  if (e?.code && e.message) return `${e.code}: ${e.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** Sends every mail that is due now; returns what happened. */
export async function deliverDueMail(deps: DeliveryDeps): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { sent: 0, retried: 0, failed: 0 };
  if (!deps.transport) return counts;
  const leaseMs = (deps.leaseSeconds ?? 120) * 1000;
  const maxPerRun = deps.maxPerRun ?? 500;
  let handled = 0;
  while (handled < maxPerRun) {
    const now = deps.now();
    const claimed = await claimDueMails(
      deps.db,
      deps.holder,
      now,
      new Date(now.getTime() + leaseMs),
      Math.min(deps.batchSize ?? 10, maxPerRun - handled),
    );
    if (claimed.length === 0) break;
    for (const row of claimed) {
      handled++;
      if (!isPlainAddress(row.toAddress)) {
        // Never hand a broken address to a transport (it might read a second recipient in it).
        await markAttemptFailed(deps.db, row, deps.holder, deps.now(), INVALID_ADDRESS, []);
        counts.failed++;
        continue;
      }
      try {
        await deps.transport.send(
          buildMessage(
            row,
            { from: deps.config.mail.from, baseUrl: deps.config.baseUrl },
            deps.now(),
          ),
        );
      } catch (err) {
        const status = await markAttemptFailed(
          deps.db,
          row,
          deps.holder,
          deps.now(),
          reason(err),
          deps.config.mail.backoffSeconds,
        );
        counts[status === "failed" ? "failed" : "retried"]++;
        continue;
      }
      await markSent(deps.db, row, deps.holder, deps.now());
      counts.sent++;
    }
  }
  return counts;
}

/**
 * The transport for this runtime: SMTP when SMTP_URL is set (Node passes the factory; the Worker
 * bundle never loads nodemailer), else the HTTP mail API when MAIL_API_KEY is set, else the
 * console outside production, else none (production: mail waits, /beheer shows a banner).
 */
export function selectTransport(
  config: Config,
  smtp?: (url: string) => MailTransport,
): MailTransport | null {
  if (config.mail.smtpUrl && smtp) return smtp(config.mail.smtpUrl);
  if (config.mail.apiKey)
    return httpApiTransport({ apiUrl: config.mail.apiUrl, apiKey: config.mail.apiKey });
  if (config.env !== "production") return consoleTransport();
  return null;
}
