// /beheer/mail (outbox list, filters, resend for failed), /beheer/taken (job runs), and the banner
// on every /beheer page when production has no mail transport.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { outbox } from "#db/schema";
import { createApp } from "#src/app";
import { queueMail } from "#src/mail";
import { runJob } from "#src/jobs/registry";
import { createTestApp, TEST_NOW, type TestApp } from "../helpers/app";
import {
  createSchoolWithUser,
  createUser,
  sessionCookie,
  TEST_PASSWORD,
} from "../helpers/factories";
import { get, login, postForm } from "./auth-helpers";

let t: TestApp;
let adminCookie: string;

beforeEach(async () => {
  t = await createTestApp();
  const admin = await createUser(t.db, { role: "admin", name: "Bureau Register" });
  adminCookie = await login(t.app, admin.email, TEST_PASSWORD);
});
afterEach(() => t.close());

async function mailWithStatus(to: string, status: "queued" | "sent" | "failed", kind = "reset") {
  await queueMail(t.db, { to, subject: `Onderwerp voor ${to}`, body: "tekst", kind });
  const [row] = await t.db.select().from(outbox).where(eq(outbox.toAddress, to));
  await t.db
    .update(outbox)
    .set({
      status,
      attempts: status === "failed" ? 6 : status === "sent" ? 1 : 0,
      lastError: status === "failed" ? "554 Mailbox unavailable" : null,
      sentAt: status === "sent" ? TEST_NOW.toISOString() : null,
    })
    .where(eq(outbox.id, row.id));
  return row.id;
}

describe("/beheer/mail", () => {
  test("only for the register's admins", async () => {
    expect((await get(t.app, "/beheer/mail")).status).toBe(303);
    const { user } = await createSchoolWithUser(t.db);
    const school = await sessionCookie(t.db, user.id);
    expect((await get(t.app, "/beheer/mail", school)).status).toBe(403);
    expect((await get(t.app, "/beheer/taken", school)).status).toBe(403);
    const id = await mailWithStatus("x@school.test", "failed");
    const post = await postForm(t.app, `/beheer/mail/${id}/opnieuw`, {}, { cookie: school });
    expect(post.status).toBe(403);
    const [row] = await t.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row.status).toBe("failed");
  });

  test("lists status, tries and the last error per mail, with filters", async () => {
    await mailWithStatus("wacht@school.test", "queued");
    await mailWithStatus("klaar@school.test", "sent", "invite");
    const failed = await mailWithStatus("mis@school.test", "failed");
    const all = await (await get(t.app, "/beheer/mail", adminCookie)).text();
    for (const address of ["wacht@school.test", "klaar@school.test", "mis@school.test"])
      expect(all).toContain(address);
    expect(all).toContain("554 Mailbox unavailable");
    expect(all).toContain(`/beheer/mail/${failed}/opnieuw`);
    expect(all.match(/Opnieuw versturen/g)).toHaveLength(1); // only the failed one

    const onlyFailed = await (await get(t.app, "/beheer/mail?status=failed", adminCookie)).text();
    expect(onlyFailed).toContain("mis@school.test");
    expect(onlyFailed).not.toContain("wacht@school.test");
    const invites = await (await get(t.app, "/beheer/mail?kind=invite", adminCookie)).text();
    expect(invites).toContain("klaar@school.test");
    expect(invites).not.toContain("mis@school.test");
    const byAddress = await (await get(t.app, "/beheer/mail?to=WACHT", adminCookie)).text();
    expect(byAddress).toContain("wacht@school.test");
    expect(byAddress).not.toContain("klaar@school.test");
    // Nonsense filters are ignored, never a 500.
    expect((await get(t.app, "/beheer/mail?status=%00&page=-4", adminCookie)).status).toBe(200);
  });

  test("resend puts a failed mail back in the queue with fresh tries and tells the sender", async () => {
    const id = await mailWithStatus("mis@school.test", "failed");
    const told = t.mails.length;
    const res = await postForm(t.app, `/beheer/mail/${id}/opnieuw`, {}, { cookie: adminCookie });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/beheer/mail?opnieuw");
    const [row] = await t.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ status: "queued", attempts: 0, lastError: null });
    expect(t.mails.length).toBe(told + 1);
    const page = await (await get(t.app, "/beheer/mail?opnieuw", adminCookie)).text();
    expect(page).toContain("De e-mail staat weer in de wachtrij");

    // Not failed (any more) → 409; unknown → 404; from another origin → 403.
    const again = await postForm(t.app, `/beheer/mail/${id}/opnieuw`, {}, { cookie: adminCookie });
    expect(again.status).toBe(409);
    const unknown = await postForm(
      t.app,
      "/beheer/mail/bestaat-niet/opnieuw",
      {},
      { cookie: adminCookie },
    );
    expect(unknown.status).toBe(404);
    const other = await mailWithStatus("ander@school.test", "failed");
    const forged = await postForm(
      t.app,
      `/beheer/mail/${other}/opnieuw`,
      {},
      { cookie: adminCookie, origin: "https://evil.example" },
    );
    expect(forged.status).toBe(403);
  });
});

describe("/beheer/taken", () => {
  test("lists every job, its last run and the recent runs with their counts", async () => {
    const empty = await (await get(t.app, "/beheer/taken", adminCookie)).text();
    expect(empty).toContain("Herinneringen (90 en 30 dagen)");
    expect(empty).toContain("nog niet");
    await runJob(
      { db: t.db, config: t.config, transport: null, now: () => TEST_NOW, runner: "test" },
      "purge",
    );
    const page = await (await get(t.app, "/beheer/taken", adminCookie)).text();
    expect(page).toContain("Gelukt");
    expect(page).toContain("idempotency-sleutels");
    expect(page).toContain("15 juni 2026");
  });
});

describe("banner when production has no mail transport", () => {
  async function adminPage(
    env: "production" | "development",
    transport: string | null,
    path: string,
  ) {
    const app = createApp({
      db: t.db,
      config: { ...t.config, env },
      now: () => TEST_NOW,
      mail: { transport },
    });
    return (await get(app, path, adminCookie)).text();
  }

  test("on every /beheer page in production without a transport, nowhere else", async () => {
    for (const path of [
      "/beheer",
      "/beheer/mail",
      "/beheer/taken",
      "/beheer/audit",
      "/beheer/crebos",
    ]) {
      const html = await adminPage("production", null, path);
      expect(html, path).toContain('id="mail-banner"');
      expect(html.indexOf('id="mail-banner"')).toBeGreaterThan(html.indexOf('<main id="inhoud"'));
    }
    expect(await adminPage("production", "smtp", "/beheer")).not.toContain("mail-banner");
    expect(await adminPage("development", null, "/beheer")).not.toContain("mail-banner");
    const publicPage = await adminPage("production", null, "/");
    expect(publicPage).not.toContain("mail-banner");
  });
});
