// Jobs run by themselves (DESIGN §8): a lease row per job so that two runners (two processes on
// one database file) never run the same job at once, every run recorded, the Workers cron mapping.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobRuns, throttleEvents } from "#db/schema";
import { parseConfig } from "#src/config";
import type { EmbeddedDatabase } from "#src/db";
import { runJob, type JobContext } from "#src/jobs/registry";
import { jobsForCron } from "#src/jobs/scheduled";
import { queueMail } from "#src/mail";
import type { MailTransport } from "#src/mail/transport";
import { acquireJobLease, releaseJobLease } from "#src/queries/jobs";
import { twoConnections } from "../helpers/app";

const config = parseConfig({ NODE_ENV: "test", SEED_DEMO: "0" });

describe("job leases across two connections to one database file", () => {
  let a: EmbeddedDatabase;
  let b: EmbeddedDatabase;
  let close: () => void;
  beforeEach(async () => {
    ({ a, b, close } = await twoConnections());
  });
  afterEach(() => close());

  it("20 parallel attempts to take one lease: exactly one wins", async () => {
    const now = new Date();
    const until = new Date(now.getTime() + 60_000);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        acquireJobLease(i % 2 ? a.db : b.db, "reminders", `runner-${i}`, now, until),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    // Released, the next runner can take it; a lease that ran out is taken over too.
    const winner = `runner-${results.indexOf(true)}`;
    await releaseJobLease(a.db, "reminders", winner, new Date(now.getTime() + 1));
    expect(
      await acquireJobLease(b.db, "reminders", "late", new Date(now.getTime() + 2), until),
    ).toBe(true);
    const later = new Date(until.getTime() + 1);
    expect(
      await acquireJobLease(a.db, "reminders", "after", later, new Date(later.getTime() + 1000)),
    ).toBe(true);
  });

  it("two runners start the same job at once: one runs it, the other skips; both recorded", async () => {
    for (let i = 0; i < 5; i++)
      await queueMail(a.db, { to: `m${i}@school.test`, subject: `Mail ${i}`, body: "x" });
    const sent: string[] = [];
    const slow: MailTransport = {
      name: "test",
      async send(mail) {
        await new Promise((r) => setTimeout(r, 60));
        sent.push(mail.id);
      },
    };
    const ctx = (db: typeof a.db, runner: string): JobContext => ({
      db,
      config,
      transport: slow,
      now: () => new Date(),
      runner,
    });
    const [one, two] = await Promise.all([
      runJob(ctx(a.db, "process-A"), "outbox"),
      runJob(ctx(b.db, "process-B"), "outbox"),
    ]);
    expect([one.result, two.result].sort()).toEqual(["ok", "skipped"]);
    expect(sent).toHaveLength(5);
    expect(new Set(sent).size).toBe(5);
    // The run that did something is recorded with its counts (idle outbox polls are not).
    const runs = await a.db.select().from(jobRuns);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ job: "outbox", result: "ok" });
    expect(JSON.parse(runs[0].counts)).toEqual({ sent: 5, retried: 0, failed: 0 });
    expect(runs[0].finishedAt! >= runs[0].startedAt).toBe(true);

    const [p, q] = await Promise.all([
      runJob(ctx(a.db, "process-A"), "purge"),
      runJob(ctx(b.db, "process-B"), "purge"),
    ]);
    const results = [p.result, q.result].sort();
    // Purge is quick: the second may find the lease free again and run too, never both at once.
    expect(results[0]).toBe("ok");
    const purgeRuns = (await a.db.select().from(jobRuns)).filter((r) => r.job === "purge");
    expect(purgeRuns).toHaveLength(2);
    expect(purgeRuns.every((r) => r.finishedAt !== null)).toBe(true);
  });

  it("a failing job is recorded with its error and gives the lease back", async () => {
    // A broken database: the purge's first statement fails.
    await a.client.execute("DROP TABLE idempotency_keys");
    const ctx: JobContext = {
      db: a.db,
      config,
      transport: null,
      now: () => new Date(),
      runner: "r",
    };
    const outcome = await runJob(ctx, "purge");
    expect(outcome.result).toBe("error");
    const [run] = await a.db.select().from(jobRuns);
    expect(run.result).toBe("error");
    expect(run.error).toMatch(/idempotency_keys/);
    expect(
      await acquireJobLease(b.db, "purge", "other", new Date(), new Date(Date.now() + 1000)),
    ).toBe(true);
  });

  it("purge drops throttle rows older than the longest window and keeps recent ones", async () => {
    const now = new Date();
    const s = Math.floor(now.getTime() / 1000);
    await a.db.insert(throttleEvents).values([
      { key: "login:account:oud@school.test", at: s - 2 * 86400 },
      { key: "login:account:nieuw@school.test", at: s - 60 },
    ]);
    const outcome = await runJob(
      { db: a.db, config, transport: null, now: () => now, runner: "r" },
      "purge",
    );
    expect(outcome).toMatchObject({ result: "ok", counts: { throttleEvents: 1 } });
    const left = await a.db.select().from(throttleEvents);
    expect(left.map((r) => r.key)).toEqual(["login:account:nieuw@school.test"]);
  });
});

describe("Workers cron triggers", () => {
  it("run the outbox every minute and the reminders only at 07:00 in Amsterdam", () => {
    expect(jobsForCron("* * * * *", new Date())).toEqual(["outbox"]);
    // Summer (CEST, UTC+2): 05:00 UTC is 07:00 in Amsterdam; 06:00 UTC is 08:00.
    expect(jobsForCron("0 5 * * *", new Date("2026-06-15T05:00:00Z"))).toContain("reminders");
    expect(jobsForCron("0 6 * * *", new Date("2026-06-15T06:00:00Z"))).not.toContain("reminders");
    // Winter (CET, UTC+1): 06:00 UTC is 07:00.
    expect(jobsForCron("0 5 * * *", new Date("2026-01-15T05:00:00Z"))).not.toContain("reminders");
    expect(jobsForCron("0 6 * * *", new Date("2026-01-15T06:00:00Z"))).toContain("reminders");
    expect(jobsForCron("0 6 * * *", new Date("2026-01-15T06:00:00Z"))).toEqual(
      expect.arrayContaining(["retention", "purge"]),
    );
  });
});
