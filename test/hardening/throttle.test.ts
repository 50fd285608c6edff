// Issue 12, items 1 and 3: throttles that hold under parallel requests, IPv6 per /64, purged rows,
// and the mail-sending forms (/aanvragen, /wachtwoord-vergeten) throttled per address and per IP.
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { invites, outbox, throttleEvents } from "#db/schema";
import { ipBucket, purgeThrottleEvents } from "#src/auth/throttle";
import { runScheduledJobs } from "#src/jobs/scheduled";
import { createTestApp, TEST_NOW, type TestApp } from "../helpers/app";
import { createSchoolWithUser, createUser } from "../helpers/factories";
import { postForm } from "../routes/auth-helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const from = (ip: string) => ({ headers: { "cf-connecting-ip": ip } });
const statuses = (responses: Response[]) => responses.map((r) => r.status).sort((a, b) => a - b);
const countOf = (list: number[], status: number) => list.filter((s) => s === status).length;

describe("item 1: login throttle races", () => {
  test("30 parallel wrong passwords on one account (from 30 addresses): 5 × 401, the rest 429", async () => {
    const { user } = await createSchoolWithUser(t.db);
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        postForm(
          t.app,
          "/inloggen",
          { email: user.email, password: `fout-wachtwoord-${i}` },
          from(`198.51.100.${i + 1}`),
        ),
      ),
    );
    const list = statuses(responses);
    expect(countOf(list, 401)).toBe(5);
    expect(countOf(list, 429)).toBe(25);
    for (const res of responses.filter((r) => r.status === 429))
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  test("30 parallel wrong passwords from one address: 5 × 401, the rest 429", async () => {
    const { user } = await createSchoolWithUser(t.db);
    const list = statuses(
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          postForm(
            t.app,
            "/inloggen",
            { email: user.email, password: `fout-wachtwoord-${i}` },
            from("203.0.113.50"),
          ),
        ),
      ),
    );
    expect(countOf(list, 401)).toBe(5);
    expect(countOf(list, 429)).toBe(25);
  });

  test("20 accounts tried in parallel from one address: 5 × 401, the other 15 get 429", async () => {
    const { school } = await createSchoolWithUser(t.db);
    const accounts = await Promise.all(
      Array.from({ length: 20 }, () => createUser(t.db, { schoolId: school.id, role: "staff" })),
    );
    const list = statuses(
      await Promise.all(
        accounts.map((a) =>
          postForm(
            t.app,
            "/inloggen",
            { email: a.email, password: "fout-wachtwoord" },
            from("203.0.113.60"),
          ),
        ),
      ),
    );
    expect(countOf(list, 401)).toBe(5);
    expect(countOf(list, 429)).toBe(15);
  });

  test("IPv6 clients are counted per /64: five addresses in one /64 block the sixth, not another /64", async () => {
    expect(ipBucket("2001:db8:1:2::a")).toBe(ipBucket("2001:DB8:1:2:ffff:1:2:3"));
    expect(ipBucket("2001:db8:1:2::a")).not.toBe(ipBucket("2001:db8:1:3::a"));
    expect(ipBucket("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(ipBucket("192.0.2.1")).toBe("192.0.2.1");
    const { user } = await createSchoolWithUser(t.db);
    for (let i = 1; i <= 5; i++) {
      const res = await postForm(
        t.app,
        "/inloggen",
        { email: `onbekend-${i}@school.test`, password: "fout-wachtwoord" },
        from(`2001:db8:1:2::${i}`),
      );
      expect(res.status).toBe(401);
    }
    const sameNet = await postForm(
      t.app,
      "/inloggen",
      { email: `onbekend-6@school.test`, password: "fout-wachtwoord" },
      from("2001:db8:1:2:aaaa:bbbb:cccc:dddd"),
    );
    expect(sameNet.status).toBe(429);
    const otherNet = await postForm(
      t.app,
      "/inloggen",
      { email: user.email, password: "fout-wachtwoord" },
      from("2001:db8:1:3::1"),
    );
    expect(otherNet.status).toBe(401);
  });

  test("rows older than the longest window are purged (they hold typed e-mail addresses)", async () => {
    const { user } = await createSchoolWithUser(t.db);
    await postForm(t.app, "/inloggen", { email: user.email, password: "fout" }, from("10.1.1.1"));
    const nowSeconds = Math.floor(TEST_NOW.getTime() / 1000);
    await t.db.insert(throttleEvents).values([
      { key: "login:account:oud@school.test", at: nowSeconds - 2 * 3600 },
      { key: "reset:address:oud@school.test", at: nowSeconds - 3 * 3600 },
    ]);
    // The daily jobs purge them; the fresh rows stay.
    const [outcome] = await runScheduledJobs(
      { db: t.db, config: t.config, transport: null, now: () => TEST_NOW, runner: "test" },
      ["purge"],
    );
    expect(outcome).toMatchObject({ job: "purge", result: "ok", counts: { throttleEvents: 2 } });
    const keys = (await t.db.select().from(throttleEvents)).map((r) => r.key);
    expect(keys.some((k) => k.includes("oud@school.test"))).toBe(false);
    expect(keys).toContain(`login:account:${user.email}`);
    expect(await purgeThrottleEvents(t.db, TEST_NOW)).toBe(0);
  });
});

describe("item 3: /aanvragen and /wachtwoord-vergeten throttled per address and per IP, reset in constant time", () => {
  const request = (email: string) => ({
    school_name: "Techniek College Utrecht",
    place: "Utrecht",
    contact_name: "Petra de Wit",
    email,
    motivation: "Wij zetten beoordelaars in.",
  });

  test("8 parallel account requests for one address: 5 go through, the rest 429; 5 mails", async () => {
    const target = "slachtoffer@voorbeeld.test";
    const list = statuses(
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          postForm(t.app, "/aanvragen", request(target), from(`198.51.100.${i + 1}`)),
        ),
      ),
    );
    expect(countOf(list, 303)).toBe(5);
    expect(countOf(list, 429)).toBe(3);
    expect(await t.db.select().from(outbox).where(eq(outbox.toAddress, target))).toHaveLength(5);
  });

  test("account requests from one address: 10 per hour, then 429 with a Dutch message", async () => {
    const list = statuses(
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          postForm(
            t.app,
            "/aanvragen",
            request(`aanvrager-${i}@voorbeeld.test`),
            from("203.0.113.9"),
          ),
        ),
      ),
    );
    expect(countOf(list, 303)).toBe(10);
    expect(countOf(list, 429)).toBe(2);
    const res = await postForm(
      t.app,
      "/aanvragen",
      request("nog-een@voorbeeld.test"),
      from("203.0.113.9"),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await res.text()).toContain("te vaak een account aangevraagd");
  });

  test("8 parallel reset requests for one address: 5 accepted, 3 × 429; at most 5 mails", async () => {
    const { user } = await createSchoolWithUser(t.db);
    const list = statuses(
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          postForm(
            t.app,
            "/wachtwoord-vergeten",
            { email: user.email },
            from(`198.51.100.${i + 1}`),
          ),
        ),
      ),
    );
    expect(countOf(list, 303)).toBe(5);
    expect(countOf(list, 429)).toBe(3);
    await t.settle();
    const mails = await t.db.select().from(outbox).where(eq(outbox.toAddress, user.email));
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.length).toBeLessThanOrEqual(5);
  });

  test("reset requests from one IP for many addresses: 10 per hour, then 429", async () => {
    const list = statuses(
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          postForm(
            t.app,
            "/wachtwoord-vergeten",
            { email: `iemand-${i}@voorbeeld.test` },
            from("203.0.113.77"),
          ),
        ),
      ),
    );
    expect(countOf(list, 303)).toBe(10);
    expect(countOf(list, 429)).toBe(2);
  });

  test("/wachtwoord-vergeten answers in the same time whether or not the account exists", async () => {
    const timed = await createTestApp({ db: t.db, settleEachRequest: false });
    const { school } = await createSchoolWithUser(t.db);
    const known = await Promise.all(
      Array.from({ length: 15 }, () => createUser(t.db, { schoolId: school.id })),
    );
    const measure = async (email: string, ip: string) => {
      const start = performance.now();
      const res = await postForm(timed.app, "/wachtwoord-vergeten", { email }, from(ip));
      const ms = performance.now() - start;
      expect(res.status).toBe(303);
      // Nothing that depends on the account existing has happened yet when the answer is there:
      // no reset link stored, no mail written (that is what made a known address slower).
      const [open] = await t.db
        .select({ n: sql<number>`count(*)` })
        .from(invites)
        .where(eq(invites.email, email));
      expect(open.n).toBe(0);
      expect(await t.db.select().from(outbox).where(eq(outbox.toAddress, email))).toHaveLength(0);
      await timed.settle(); // the mail work runs after the response, outside the measurement
      return ms;
    };
    // Warm up both paths once.
    await measure(known[0].email, "10.9.0.1");
    await measure("warm@nergens.test", "10.9.0.2");
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 1; i < known.length; i++) {
      knownMs.push(await measure(known[i].email, `10.9.1.${i}`));
      unknownMs.push(await measure(`niemand-${i}@nergens.test`, `10.9.2.${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const k = median(knownMs);
    const u = median(unknownMs);
    // A loose check on a shared machine; the exact guarantee is the one above.
    expect(Math.abs(k - u), JSON.stringify({ knownMs, unknownMs })).toBeLessThan(
      Math.max(15, 0.5 * Math.min(k, u)),
    );
    // And the mails did go out, to the known addresses only.
    const to = (await t.db.select().from(outbox)).map((r) => r.toAddress);
    expect(to.filter((a) => a.includes("nergens.test"))).toHaveLength(0);
    expect(to.filter((a) => known.some((u) => u.email === a)).length).toBe(known.length);
  });
});
