// The outbox as a queue (DESIGN §8): claims with a lease never hand a mail to two senders (two
// connections on one file, in parallel), the backoff 1 min → 5 min → 30 min → 2 h → 12 h → failed,
// one-time links redacted once delivered (issue 12 item 6), and the MIME the transports get.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outbox } from "#db/schema";
import { parseConfig, type Config } from "#src/config";
import type { DB, EmbeddedDatabase } from "#src/db";
import { INVALID_ADDRESS, MailAddressError, queueMail } from "#src/mail";
import { buildMessage, htmlFromText, type OutgoingMail } from "#src/mail/message";
import { deliverDueMail } from "#src/mail/sender";
import type { MailTransport } from "#src/mail/transport";
import { REDACTED_LINK } from "#src/queries/outbox";
import { createTestDb, twoConnections } from "../helpers/app";

const config: Config = parseConfig({
  NODE_ENV: "test",
  SEED_DEMO: "0",
  BASE_URL: "https://register.example.nl",
  MAIL_FROM: "Register Gekwalificeerd Praktijkbeoordelaar <noreply@register.example.nl>",
});

function recordingTransport(opts: { delayMs?: number; fail?: string } = {}) {
  const sent: OutgoingMail[] = [];
  const transport: MailTransport = {
    name: "test",
    async send(mail) {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      if (opts.fail) throw new Error(opts.fail);
      sent.push(mail);
    },
  };
  return { sent, transport };
}

async function rows(db: DB) {
  return db.select().from(outbox);
}

describe("outbox delivery (in process)", () => {
  let db: DB;
  let close: () => void;
  beforeEach(async () => {
    ({ db, close } = await createTestDb());
  });
  afterEach(() => close());

  it("item 6: a one-time link is redacted from outbox.body once the mail is delivered", async () => {
    const link =
      "https://register.example.nl/wachtwoord-vergeten/abcDEF0123456789abcDEF0123456789abcDEF01234";
    await queueMail(db, {
      to: "a@school.test",
      subject: "Nieuw wachtwoord instellen",
      body: `Kies via deze link een nieuw wachtwoord:\n${link}\n\nGroet`,
      kind: "reset",
      oneTimeLinks: [link],
    });
    const [before] = await rows(db);
    expect(before.status).toBe("queued");
    expect(before.body).toContain(link); // still needed to send it
    const { sent, transport } = recordingTransport();
    const counts = await deliverDueMail({
      db,
      transport,
      config,
      now: () => new Date(),
      holder: "t",
    });
    expect(counts).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(sent[0].text).toContain(link); // the recipient got the working link
    const [after] = await rows(db);
    expect(after.status).toBe("sent");
    expect(after.sentAt).not.toBeNull();
    expect(after.body).not.toContain(link);
    expect(after.body).not.toContain("abcDEF0123456789");
    expect(after.body).toContain(REDACTED_LINK);
    expect(after.oneTimeLinks).toBeNull();
  });

  it("item 6: a mail that is not yet delivered (failed) keeps its link for the resend", async () => {
    const link = "https://register.example.nl/uitnodiging/tok";
    await queueMail(db, { to: "a@school.test", subject: "x", body: link, oneTimeLinks: [link] });
    const { transport } = recordingTransport({ fail: "550 nee" });
    await deliverDueMail({ db, transport, config, now: () => new Date(), holder: "t" });
    const [row] = await rows(db);
    expect(row.status).toBe("queued");
    expect(row.body).toBe(link);
  });

  it("retries after 1 min, 5 min, 30 min, 2 h and 12 h, then fails with the last error", async () => {
    let clock = new Date("2026-06-15T10:00:00Z");
    await queueMail(db, { to: "a@school.test", subject: "x", body: "y" }, undefined, clock);
    const { transport } = recordingTransport({ fail: "451 Try again later" });
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      const counts = await deliverDueMail({ db, transport, config, now: () => clock, holder: "t" });
      const [row] = await rows(db);
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toBe("451 Try again later");
      if (attempt < 6) {
        expect(counts.retried).toBe(1);
        expect(row.status).toBe("queued");
        const next = new Date(row.nextAttemptAt);
        waits.push((next.getTime() - clock.getTime()) / 1000);
        // Not due a moment before the next try.
        const early = await deliverDueMail({
          db,
          transport,
          config,
          now: () => new Date(next.getTime() - 1000),
          holder: "t",
        });
        expect(early).toEqual({ sent: 0, retried: 0, failed: 0 });
        clock = next;
      } else {
        expect(counts.failed).toBe(1);
        expect(row.status).toBe("failed");
      }
    }
    expect(waits).toEqual([60, 300, 1800, 7200, 43200]);
    // Failed stays failed: the sender does not pick it up again.
    const later = new Date(clock.getTime() + 86400_000);
    expect(await deliverDueMail({ db, transport, config, now: () => later, holder: "t" })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
  });

  it("without a transport (production, none configured) mail stays queued", async () => {
    await queueMail(db, { to: "a@school.test", subject: "x", body: "y" });
    const counts = await deliverDueMail({
      db,
      transport: null,
      config,
      now: () => new Date(),
      holder: "t",
    });
    expect(counts).toEqual({ sent: 0, retried: 0, failed: 0 });
    const [row] = await rows(db);
    expect(row.status).toBe("queued");
    expect(row.attempts).toBe(0);
  });

  it("a claim whose sender died (lease ran out) is taken over; a live claim is not", async () => {
    await queueMail(db, { to: "a@school.test", subject: "x", body: "y" });
    const start = new Date();
    const [row] = await rows(db);
    // Sender A claims the row and dies before marking it.
    await db
      .update(outbox)
      .set({
        status: "sending",
        claimedBy: "dead",
        claimedUntil: new Date(start.getTime() + 120_000).toISOString(),
        attempts: 1,
      })
      .where(eq(outbox.id, row.id));
    const { sent, transport } = recordingTransport();
    await deliverDueMail({ db, transport, config, now: () => start, holder: "b" });
    expect(sent).toHaveLength(0);
    await deliverDueMail({
      db,
      transport,
      config,
      now: () => new Date(start.getTime() + 121_000),
      holder: "b",
    });
    expect(sent).toHaveLength(1);
    const [after] = await rows(db);
    expect(after.status).toBe("sent");
    expect(after.attempts).toBe(2);
  });

  it("a line break in a subject never starts a header; an address with one is refused", async () => {
    await queueMail(db, {
      to: "a@school.test",
      subject: "Nieuwe accountaanvraag: Evil\r\nBcc: x@example.org",
      body: "tekst",
    });
    const [row] = await rows(db);
    expect(row.subject).toBe("Nieuwe accountaanvraag: Evil Bcc: x@example.org");
    const message = buildMessage(
      row,
      { from: config.mail.from, baseUrl: config.baseUrl },
      new Date(),
    );
    for (const value of [
      message.subject,
      message.to,
      message.from,
      ...Object.values(message.headers),
    ])
      expect(value).not.toMatch(/[\r\n]/);
    // An address that is not one plain a@b is refused whole: no row, nothing to build a header from.
    const told: string[] = [];
    for (const to of [
      "a@school.test\r\nBcc: x@example.org",
      "a@school.test, x@example.org",
      "Evil <a@b.nl>",
    ])
      await expect(
        queueMail(db, { to, subject: "x", body: "y" }, (m) => void told.push(m.to)),
      ).rejects.toThrow(MailAddressError);
    expect(told).toEqual([]);
    expect(await rows(db)).toHaveLength(1);
    // A row that got in anyway (old data) is failed by the sender, never handed to the transport.
    await db.update(outbox).set({ toAddress: "a@school.test\nBcc: x@example.org" });
    const { sent, transport } = recordingTransport();
    const counts = await deliverDueMail({
      db,
      transport,
      config,
      now: () => new Date(),
      holder: "t",
    });
    expect(counts.failed).toBe(1);
    expect(sent).toEqual([]);
    const [failed] = await rows(db);
    expect(failed).toMatchObject({ status: "failed", lastError: INVALID_ADDRESS });
  });

  it("builds Message-ID, Auto-Submitted, List-Unsubscribe on reminders and an escaped HTML part", async () => {
    await queueMail(db, {
      to: "a@school.test",
      subject: "Herinnering: registratie van Çelik verloopt",
      body: "Beste collega,\n\n<b>Çelik</b> & co\nhttps://register.example.nl/school/beoordelaars/1",
      kind: "reminder",
      dedupeKey: "k",
    });
    await queueMail(db, {
      to: "b@school.test",
      subject: "Weigering",
      body: "reden",
      automatic: false,
    });
    const [reminder, refusal] = (await rows(db)).sort((a, b) =>
      a.toAddress.localeCompare(b.toAddress),
    );
    const now = new Date("2026-06-15T10:00:00Z");
    const m = buildMessage(reminder, { from: config.mail.from, baseUrl: config.baseUrl }, now);
    expect(m.messageId).toBe(`<${reminder.id}@register.example.nl>`);
    expect(m.date).toEqual(now);
    expect(m.headers["Auto-Submitted"]).toBe("auto-generated");
    expect(m.headers["List-Unsubscribe"]).toMatch(
      /^<mailto:noreply@register\.example\.nl\?subject=/,
    );
    expect(m.html).toContain("&lt;b&gt;Çelik&lt;/b&gt; &amp; co");
    expect(m.html).toContain('<a href="https://register.example.nl/school/beoordelaars/1">');
    const r = buildMessage(refusal, { from: config.mail.from, baseUrl: config.baseUrl }, now);
    expect(r.headers["Auto-Submitted"]).toBeUndefined();
    expect(r.headers["List-Unsubscribe"]).toBeUndefined();
    expect(htmlFromText("a\n\nb", "s")).toContain("<p>a</p>\n<p>b</p>");
  });
});

describe("two senders on one database file, in parallel", () => {
  let a: EmbeddedDatabase;
  let b: EmbeddedDatabase;
  let close: () => void;
  beforeEach(async () => {
    ({ a, b, close } = await twoConnections());
  });
  afterEach(() => close());

  it("never hand the same mail to both: every mail is sent exactly once", async () => {
    const total = 60;
    for (let i = 0; i < total; i++)
      await queueMail(a.db, { to: `m${i}@school.test`, subject: `Mail ${i}`, body: "x" });
    const one = recordingTransport({ delayMs: 2 });
    const two = recordingTransport({ delayMs: 2 });
    const run = (db: DB, transport: MailTransport, holder: string) =>
      deliverDueMail({ db, transport, config, now: () => new Date(), holder, batchSize: 3 });
    // Several rounds per sender at once, so claims really interleave.
    const results = await Promise.all([
      run(a.db, one.transport, "A"),
      run(b.db, two.transport, "B"),
      run(a.db, one.transport, "A2"),
      run(b.db, two.transport, "B2"),
    ]);
    const ids = [...one.sent, ...two.sent].map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length); // nothing twice
    expect(ids).toHaveLength(total); // nothing lost
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(total);
    expect(one.sent.length).toBeGreaterThan(0);
    expect(two.sent.length).toBeGreaterThan(0);
    const stored = await rows(a.db);
    expect(stored.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });
});
