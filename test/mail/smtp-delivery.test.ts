// Mail through a real SMTP server (smtp-server on a loopback port, parsed with mailparser), the
// whole path through the real Node server (src/server.ts) in a child process: password reset,
// invite, a reminder once and not twice, a refusing server → retries → failed → resend from
// /beheer/mail, CR/LF in a name never reaching a header, two server processes never sending a
// mail twice, SMTP down → mail stays queued and the app serves, bad SMTP_URL, no transport.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountRequests, outbox } from "#db/schema";
import { openDatabase, type DB } from "#src/db";
import { queueMail } from "#src/mail";
import { runMigrations } from "#src/migrate";
import { REDACTED_LINK } from "#src/queries/outbox";
import { loadReferenceData } from "#src/reference-data";
import { addDays, amsterdamDate } from "#src/rules";
import { createTestAssessor } from "../helpers/assessors";
import { createSchoolWithUser, createUser, TEST_PASSWORD } from "../helpers/factories";
import { startNodeServer, freePort, type NodeServer } from "../helpers/node-server";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../helpers/smtp";
import { childEnv, tsxBin } from "../reliability/child";

const run = promisify(execFile);
const NEW_PASSWORD = "een-nieuw-lang-wachtwoord";
const MAIL_FROM = "Register Gekwalificeerd Praktijkbeoordelaar <noreply@register.test>";

async function postForm(
  server: NodeServer,
  path: string,
  fields: Record<string, string>,
  cookie?: string,
) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: server.url,
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });
}

async function login(server: NodeServer, email: string, password: string): Promise<string> {
  const res = await postForm(server, "/inloggen", { email, password });
  expect(res.status).toBe(303);
  const cookie = res.headers
    .getSetCookie()
    .map((h) => h.split(";")[0])
    .find((p) => /^(__Host-)?session=./.test(p));
  expect(cookie).toBeTruthy();
  return cookie!;
}

function linkIn(mail: ReceivedMail, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path}/[A-Za-z0-9_-]+`).exec(mail.parsed.text ?? "");
  expect(match, mail.parsed.text).not.toBeNull();
  return match![0];
}

const to = (address: string) => (m: ReceivedMail) => m.envelopeTo.includes(address);

async function waitForRow(
  db: DB,
  where: (r: typeof outbox.$inferSelect) => boolean,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await db.select().from(outbox)).find(where);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("no matching outbox row in time");
}

async function freshDatabase(dir: string, name: string) {
  const url = `file:${join(dir, name)}`;
  const opened = await openDatabase(url);
  await runMigrations(opened.db);
  await loadReferenceData(opened.db);
  return { url, ...opened };
}

describe("mail through a real SMTP server and the real Node server", () => {
  let dir: string;
  let smtp: TestSmtpServer;
  let server: NodeServer;
  let db: DB;
  let closeDb: () => void;
  let dbUrl: string;
  let admin: { email: string };
  let schoolAdmin: { email: string };
  let colleague: { email: string };
  const serverEnv = () => ({
    DATABASE_URL: dbUrl,
    SMTP_URL: smtp.url,
    MAIL_FROM,
    MAIL_BACKOFF_SECONDS: "1,1",
    OUTBOX_POLL_SECONDS: "0.2",
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "register-mail-"));
    const opened = await freshDatabase(dir, "register.db");
    ({ db, url: dbUrl } = opened);
    closeDb = () => opened.client.close();
    admin = await createUser(db, { role: "admin", name: "Bureau Register" });
    const { school, user } = await createSchoolWithUser(db, "ROC Mailstad");
    schoolAdmin = user;
    colleague = await createUser(db, { schoolId: school.id, role: "staff" });
    // Qualified until about 60 days from today: one reminder (90-day threshold) is due.
    const today = amsterdamDate(new Date());
    const trained = addDays(`${Number(today.slice(0, 4)) - 3}${today.slice(4)}`, 60);
    await createTestAssessor(
      db,
      { school, user },
      {
        firstName: "Henk",
        initialTraining: {
          date: trained,
          provider: "Kenniscentrum Techniek",
          components: ["exam_process", "assessing", "final_interview"],
        },
      },
    );
    smtp = await startSmtpServer();
    server = await startNodeServer(serverEnv());
  });
  afterAll(async () => {
    if (process.env.SHOW_SERVER_OUTPUT) console.log(server?.output());
    await server?.stop();
    await smtp?.close();
    closeDb?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it("password reset: the mail arrives as proper MIME, its link sets a new password, login works", async () => {
    const res = await postForm(server, "/wachtwoord-vergeten", { email: schoolAdmin.email });
    expect(res.status).toBe(303);
    const mail = await smtp.waitFor(to(schoolAdmin.email));
    expect(mail.envelopeTo).toEqual([schoolAdmin.email]);
    expect(mail.envelopeFrom).toBe("noreply@register.test");
    const p = mail.parsed;
    expect(p.subject).toBe("Nieuw wachtwoord instellen");
    expect(p.from?.text).toContain("noreply@register.test");
    expect(p.messageId).toMatch(/^<[^@\s]+@register\.test>$/);
    expect(p.date).toBeInstanceOf(Date);
    expect(Math.abs(p.date!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(p.headers.get("auto-submitted")).toBe("auto-generated");
    expect(p.headers.get("list-unsubscribe")).toBeUndefined();
    expect(mail.raw).toMatch(/^Content-Type: multipart\/alternative/im);
    expect(mail.raw).toMatch(/charset=utf-8/i);
    expect(p.text).toContain("De link is 1 uur geldig en werkt één keer.");
    const link = linkIn(mail, "/wachtwoord-vergeten");
    expect(p.html).toContain(`<a href="${link}">`);

    expect((await fetch(link)).status).toBe(200);
    const set = await postForm(server, new URL(link).pathname, {
      password: NEW_PASSWORD,
      password_confirm: NEW_PASSWORD,
    });
    expect(set.status).toBe(303);
    await login(server, schoolAdmin.email, NEW_PASSWORD);

    // Issue 12 item 6: the stored body no longer holds the usable link.
    const row = await waitForRow(
      db,
      (r) => r.toAddress === schoolAdmin.email && r.kind === "reset",
    );
    expect(row.status).toBe("sent");
    expect(row.body).not.toContain(new URL(link).pathname);
    expect(row.body).toContain(REDACTED_LINK);
  });

  it("an invite from /school/team arrives and its link creates a working account", async () => {
    const cookie = await login(server, schoolAdmin.email, NEW_PASSWORD);
    const invitee = "nieuwe.collega@mailstad.test";
    const res = await postForm(server, "/school/team", { email: invitee, role: "staff" }, cookie);
    expect(res.status).toBe(303);
    const mail = await smtp.waitFor(to(invitee));
    expect(mail.parsed.subject).toBe(
      "Uw account voor het Register Gekwalificeerd Praktijkbeoordelaar",
    );
    const link = linkIn(mail, "/uitnodiging");
    expect((await fetch(link)).status).toBe(200);
    const accept = await postForm(server, new URL(link).pathname, {
      name: "Nieuwe Collega",
      password: NEW_PASSWORD,
      password_confirm: NEW_PASSWORD,
    });
    expect(accept.status).toBe(303);
    await login(server, invitee, NEW_PASSWORD);
    const row = await waitForRow(db, (r) => r.toAddress === invitee && r.status === "sent");
    expect(row.body).not.toContain(new URL(link).pathname);
  });

  it("an account request approved in /beheer: the invite arrives within seconds", async () => {
    const res = await postForm(server, "/aanvragen", {
      school_name: "Vakcollege Mailstad",
      brin: "",
      place_code: "3295",
      contact_name: "Ilse Jansen",
      email: "i.jansen@vakcollege.test",
      motivation: "Examens Monteur werktuigkundige installaties.",
    });
    expect(res.status).toBe(303);
    const [request] = await db
      .select()
      .from(accountRequests)
      .where(eq(accountRequests.email, "i.jansen@vakcollege.test"));
    const cookie = await login(server, admin.email, TEST_PASSWORD);
    const started = Date.now();
    const approve = await postForm(
      server,
      `/beheer/aanvragen/${request.id}/goedkeuren`,
      {},
      cookie,
    );
    expect(approve.status).toBe(303);
    const mail = await smtp.waitFor(
      (m) => to("i.jansen@vakcollege.test")(m) && /\/uitnodiging\//.test(m.parsed.text ?? ""),
      5_000,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(mail.parsed.text).toContain("Vakcollege Mailstad");
  });

  it("a reminder goes out once and not twice (jobs run reminders, twice), with List-Unsubscribe", async () => {
    const env = childEnv({
      DATABASE_URL: dbUrl,
      SMTP_URL: smtp.url,
      MAIL_FROM,
      BASE_URL: server.url,
    });
    const first = await run(tsxBin, ["src/cli.ts", "jobs", "run", "reminders"], { env });
    expect(first.stdout).toContain('Taak reminders klaar: {"queued":1}');
    const second = await run(tsxBin, ["src/cli.ts", "jobs", "run", "reminders"], { env });
    expect(second.stdout).toContain('Taak reminders klaar: {"queued":0}');
    const mail = await smtp.waitFor((m) => m.parsed.subject?.startsWith("Herinnering:") ?? false);
    expect(mail.envelopeTo).toEqual([schoolAdmin.email]);
    expect(mail.parsed.subject).toContain("Henk");
    expect(mail.parsed.text).toContain(`${server.url}/school/beoordelaars/`);
    expect(mail.parsed.headers.get("auto-submitted")).toBe("auto-generated");
    const unfolded = mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
    expect(unfolded).toMatch(/^List-Unsubscribe: +<mailto:noreply@register\.test\?subject=/im);
    await new Promise((r) => setTimeout(r, 1000)); // the server polls every 0.2 s
    const reminders = smtp.received.filter((m) => m.parsed.subject?.startsWith("Herinnering:"));
    expect(
      reminders,
      reminders.map((m) => `${m.envelopeTo} ${m.parsed.messageId} ${m.parsed.subject}`).join("\n"),
    ).toHaveLength(1);

    // Both runs are listed in /beheer/taken.
    const cookie = await login(server, admin.email, TEST_PASSWORD);
    const page = await (await fetch(`${server.url}/beheer/taken`, { headers: { cookie } })).text();
    expect(page).toContain("Herinneringen (90 en 30 dagen)");
    expect(page).toContain("1 in de wachtrij gezet");
    expect(page).toContain("0 in de wachtrij gezet");
  });

  it("a refusing server (5xx): retries, then failed; resend from /beheer/mail delivers it", async () => {
    smtp.refuse = "Mailbox unavailable";
    const before = smtp.received.length;
    const res = await postForm(server, "/wachtwoord-vergeten", { email: colleague.email });
    expect(res.status).toBe(303);
    const failed = await waitForRow(
      db,
      (r) => r.toAddress === colleague.email && r.status === "failed",
      20_000,
    );
    expect(failed.attempts).toBe(3); // the first try and one per backoff step (1 s, 1 s)
    expect(failed.lastError).toMatch(/554|Mailbox unavailable/);
    expect(smtp.received.length).toBe(before);

    const cookie = await login(server, admin.email, TEST_PASSWORD);
    const list = await fetch(`${server.url}/beheer/mail?status=failed`, { headers: { cookie } });
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain(colleague.email);
    expect(html).toContain("Mislukt");
    expect(html).toContain("Mailbox unavailable");
    expect(html).toContain(`/beheer/mail/${failed.id}/opnieuw`);

    smtp.refuse = null;
    const resend = await postForm(server, `/beheer/mail/${failed.id}/opnieuw`, {}, cookie);
    expect(resend.status).toBe(303);
    expect(resend.headers.get("location")).toBe("/beheer/mail?opnieuw");
    const mail = await smtp.waitFor(to(colleague.email));
    expect(mail.parsed.subject).toBe("Nieuw wachtwoord instellen");
    const row = await waitForRow(db, (r) => r.id === failed.id && r.status === "sent");
    expect(row.lastError).toBeNull();
    // A mail that is not failed cannot be resent again.
    const again = await postForm(server, `/beheer/mail/${failed.id}/opnieuw`, {}, cookie);
    expect(again.status).toBe(409);
  });

  it("CR/LF in a name never reaches a header", async () => {
    const evil = "Evil\r\nBcc: x@example.org";
    const res = await postForm(server, "/aanvragen", {
      school_name: evil,
      brin: "",
      place_code: "3295",
      contact_name: "Eve\r\nBcc: y@example.org",
      email: "eve@aanvraag.test",
      motivation: "Wij willen beoordelaars registreren.\r\nBcc: z@example.org",
    });
    // Refusing the name (422) or stripping the line break are both fine; a header never is.
    expect([303, 422]).toContain(res.status);
    if (res.status === 303) {
      const notice = await smtp.waitFor(
        (m) => to(admin.email)(m) && (m.parsed.subject ?? "").includes("Evil"),
      );
      expect(notice.parsed.subject).toBe("Nieuwe accountaanvraag: Evil Bcc: x@example.org");
      await smtp.waitFor(to("eve@aanvraag.test"));
    }
    await new Promise((r) => setTimeout(r, 500));
    for (const mail of smtp.received) {
      const headerBlock = mail.raw.split(/\r?\n\r?\n/)[0];
      expect(headerBlock).not.toMatch(/^bcc:/im);
      expect(mail.parsed.headers.has("bcc")).toBe(false);
      for (const r of mail.envelopeTo) expect(r).not.toMatch(/example\.org/);
    }
    const rows = await db.select().from(outbox);
    for (const r of rows) expect(r.subject).not.toMatch(/[\r\n]/);
  });

  it("two server processes on one database never send a mail twice", async () => {
    const second = await startNodeServer(serverEnv());
    try {
      const before = smtp.received.length;
      for (let i = 0; i < 12; i++)
        await queueMail(db, {
          to: `twee${i}@processen.test`,
          subject: `Twee processen ${i}`,
          body: "x",
        });
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && smtp.received.length < before + 12)
        await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 800));
      const got = smtp.received.slice(before).map((m) => m.envelopeTo[0]);
      expect(got).toHaveLength(12);
      expect(new Set(got).size).toBe(12);
    } finally {
      await second.stop();
    }
  });
});

describe("the Node server when mail cannot leave", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "register-mail-down-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("SMTP down: mail stays queued with the error, the app keeps serving", async () => {
    const { url, db, client } = await freshDatabase(dir, "down.db");
    const user = await createUser(db, { role: "admin" });
    const closedPort = await freePort();
    const server = await startNodeServer({
      DATABASE_URL: url,
      SMTP_URL: `smtp://u:p@127.0.0.1:${closedPort}`,
      OUTBOX_POLL_SECONDS: "0.2",
    });
    try {
      const res = await postForm(server, "/wachtwoord-vergeten", { email: user.email });
      expect(res.status).toBe(303);
      const row = await waitForRow(db, (r) => r.toAddress === user.email && r.lastError !== null);
      expect(row.status).toBe("queued");
      expect(row.attempts).toBe(1);
      expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(Date.parse(row.nextAttemptAt) - Date.now()).toBeGreaterThan(30_000); // 1 minute later
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${server.url}/`)).status).toBe(200);
      expect(server.output()).toContain("E-mail: via smtp://127.0.0.1:");
      expect(server.output()).not.toContain(":p@");
    } finally {
      await server.stop();
      client.close();
    }
  });

  it("an SMTP_URL that does not parse stops the start with one clear line", async () => {
    const server = await startNodeServer(
      { DATABASE_URL: `file:${join(dir, "bad.db")}`, SMTP_URL: "mail.example.org:25" },
      { expectFailure: true },
    );
    expect(server.child.exitCode).toBe(1);
    const lines = server.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Ongeldige configuratie: SMTP_URL: /);
  });

  it("production without a transport: a loud warning at start and a banner on every /beheer page", async () => {
    const { url, db, client } = await freshDatabase(dir, "prod.db");
    const admin = await createUser(db, { role: "admin" });
    const server = await startNodeServer({ DATABASE_URL: url, NODE_ENV: "production" });
    try {
      expect(server.output()).toContain("LET OP: er is geen e-mailverzending ingesteld");
      const cookie = await login(server, admin.email, TEST_PASSWORD);
      for (const path of ["/beheer", "/beheer/mail", "/beheer/audit", "/beheer/crebos"]) {
        const page = await (await fetch(`${server.url}${path}`, { headers: { cookie } })).text();
        expect(page, path).toContain('id="mail-banner"');
        expect(page).toContain("Er wordt geen e-mail verstuurd.");
      }
      // Mail waits in the outbox.
      await postForm(server, "/wachtwoord-vergeten", { email: admin.email });
      const row = await waitForRow(db, (r) => r.toAddress === admin.email);
      await new Promise((r) => setTimeout(r, 500));
      const [still] = await db.select().from(outbox).where(eq(outbox.id, row.id));
      expect(still.status).toBe("queued");
      expect(still.attempts).toBe(0);
    } finally {
      await server.stop();
      client.close();
    }
  });
});
