// A real SMTP server for the tests (smtp-server on a free loopback port); every accepted message
// is parsed with mailparser. It can refuse (5xx) on demand, and requires the login from SMTP_URL.
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  parsed: ParsedMail;
  raw: string;
  envelopeTo: string[];
  envelopeFrom: string;
};

export type TestSmtpServer = {
  port: number;
  /** smtp://user:pass@127.0.0.1:port */
  url: string;
  received: ReceivedMail[];
  /** When set, every message is refused with this 5xx reply. */
  refuse: string | null;
  /** Resolves with the first received mail that matches (polls until the deadline). */
  waitFor(match: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
};

export const SMTP_USER = "register";
export const SMTP_PASS = "smtp-geheim";

export async function startSmtpServer(port = 0): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const state: { refuse: string | null } = { refuse: null };
  const server = new SMTPServer({
    // Plain SMTP on loopback; the login is still required (AUTH PLAIN/LOGIN without TLS).
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS)
        return callback(null, { user: auth.username });
      return callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        if (state.refuse) {
          const err = new Error(state.refuse) as Error & { responseCode: number };
          err.responseCode = 554;
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          raw,
          parsed: await simpleParser(raw),
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server as unknown as { server: { address(): AddressInfo } }).server.address()
    .port;
  const api: TestSmtpServer = {
    port: actual,
    url: `smtp://${SMTP_USER}:${SMTP_PASS}@127.0.0.1:${actual}`,
    received,
    get refuse() {
      return state.refuse;
    },
    set refuse(value) {
      state.refuse = value;
    },
    async waitFor(match, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = received.find(match);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(
        `no matching mail within ${timeoutMs} ms; received: ${received.map((m) => m.parsed.subject).join(" | ")}`,
      );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return api;
}
