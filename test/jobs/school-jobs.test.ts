// Daily jobs: reminders 90 and 30 days before the deadline (no duplicates when run again),
// retention erasure of old afmeldingen, and the CLI commands that run them and the import.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { assessors, auditLog, examinations, outbox } from "#db/schema";
import { commands } from "#src/cli-commands";
import { reminderThreshold, sendReminders } from "#src/jobs/reminders";
import { eraseExpiredDeregistrations } from "#src/jobs/retention";
import { createTestApp, type TestApp } from "../helpers/app";
import { createSchoolWithUser, createUser } from "../helpers/factories";
import { CREBO, UTRECHT, createTestAssessor } from "../helpers/assessors";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => {
  vi.restoreAllMocks();
  t.close();
});

const training = (date: string) => ({
  date,
  provider: "X",
  components: ["exam_process" as const, "assessing" as const, "final_interview" as const],
});

describe("reminderThreshold", () => {
  it.each([
    ["2026-09-13", 90],
    ["2026-09-14", null],
    ["2026-07-16", 90],
    ["2026-07-15", 30],
    ["2026-06-15", 30],
    ["2026-06-14", null],
  ])("deadline %s on 2026-06-15 → %s", (deadline, expected) => {
    expect(reminderThreshold(deadline, "2026-06-15")).toBe(expected);
  });
});

describe("sendReminders", () => {
  it("mails the school admins of every linked school at 90 and at 30 days, once each", async () => {
    const { school, user } = await createSchoolWithUser(t.db, "ROC Herinnering");
    const staff = await createUser(t.db, { schoolId: school.id, role: "staff" });
    // training 2023-09-10 → deadline 2026-09-09 (86 days after 2026-06-15)
    const { id } = await createTestAssessor(
      t.db,
      { school, user },
      { firstName: "Henk", initialTraining: training("2023-09-10") },
    );
    await createTestAssessor(t.db, { school, user }, { initialTraining: training("2025-01-01") }); // far away
    await createTestAssessor(t.db, { school, user }, { initialTraining: training("2023-06-01") }); // already lapsed
    await createTestAssessor(
      t.db,
      { school, user },
      { initialTraining: training("2023-09-01"), deregisteredOn: "2026-06-01" },
    );
    const mailed: string[] = [];
    const deps = {
      db: t.db,
      config: t.config,
      mailer: (m: { to: string }) => void mailed.push(m.to),
    };

    expect(await sendReminders(deps, "2026-06-15")).toBe(1);
    expect(mailed).toEqual([user.email]);
    expect(mailed).not.toContain(staff.email);
    const [mail] = await t.db.select().from(outbox);
    expect(mail.subject).toBe(
      "Herinnering: registratie van Henk van der " + mail.subject.split("Henk van der ")[1],
    );
    expect(mail.subject).toContain("verloopt op 9 september 2026");
    expect(mail.body).toContain("Geen examen sinds 10 september 2023");
    expect(mail.body).toContain("Nog geen bijscholing sinds 10 september 2023");
    expect(mail.body).toContain(`/school/beoordelaars/${id}`);
    expect(mail.kind).toBe("reminder");

    // safe to run daily: nothing new until the 30-day threshold
    expect(await sendReminders(deps, "2026-06-15")).toBe(0);
    expect(await sendReminders(deps, "2026-06-16")).toBe(0);
    expect(await sendReminders(deps, "2026-08-10")).toBe(1);
    expect(await sendReminders(deps, "2026-08-11")).toBe(0);
    expect((await t.db.select().from(outbox)).map((m) => m.dedupeKey)).toEqual([
      `reminder:90:${id}:2026-09-09:${user.id}`,
      `reminder:30:${id}:2026-09-09:${user.id}`,
    ]);
  });

  it("a linked second school is reminded too; a new deadline starts new reminders", async () => {
    const first = await createSchoolWithUser(t.db);
    const second = await createSchoolWithUser(t.db);
    const { id } = await createTestAssessor(t.db, first, {
      initialTraining: training("2023-09-10"),
    });
    const { linkAssessor } = await import("#src/queries/assessors");
    await linkAssessor(
      t.db,
      { userId: second.user.id, schoolId: second.school.id, isAdmin: false, requestId: null },
      id,
    );
    expect(await sendReminders({ db: t.db, config: t.config }, "2026-06-15")).toBe(2);
    const { addExamination, addRefresherTraining } = await import("#src/queries/logs");
    const actor = {
      userId: first.user.id,
      schoolId: first.school.id,
      isAdmin: false,
      requestId: null,
    };
    await addExamination(t.db, actor, id, { date: "2026-06-10", crebo: CREBO, notes: "" });
    await addRefresherTraining(t.db, actor, id, {
      date: "2023-12-01",
      kind: "terugkomdag",
      description: "",
      provider: "",
    });
    // deadline is now 2026-11-30 (bijscholing window): no reminder until it is 90 days away
    expect(await sendReminders({ db: t.db, config: t.config }, "2026-06-16")).toBe(0);
    expect(await sendReminders({ db: t.db, config: t.config }, "2026-09-01")).toBe(2);
  });
});

describe("eraseExpiredDeregistrations", () => {
  it("erases assessors deregistered longer ago than retentionDays, keeps the rest", async () => {
    const who = await createSchoolWithUser(t.db);
    const old = await createTestAssessor(t.db, who, {
      initialTraining: training("2020-01-01"),
      examinationDates: ["2021-01-01"],
      deregisteredOn: "2024-06-14",
    });
    const recent = await createTestAssessor(t.db, who, {
      initialTraining: training("2020-01-01"),
      deregisteredOn: "2024-06-16",
    });
    const active = await createTestAssessor(t.db, who);
    expect(t.config.retentionDays).toBe(730);
    expect(await eraseExpiredDeregistrations(t.db, t.config, "2026-06-15")).toBe(1);
    const rows = Object.fromEntries((await t.db.select().from(assessors)).map((a) => [a.id, a]));
    expect(rows[old.id]).toMatchObject({
      lastName: "Verwijderd",
      email: null,
      publicEligible: false,
    });
    expect(rows[old.id].erasedAt).toEqual(expect.any(String));
    expect(
      await t.db.select().from(examinations).where(eq(examinations.assessorId, old.id)),
    ).toHaveLength(1);
    expect(rows[recent.id].erasedAt).toBeNull();
    expect(rows[active.id].erasedAt).toBeNull();
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, "erase"));
    expect(entry).toMatchObject({ entityId: old.id, actorUserId: null, schoolId: null });
    expect(JSON.parse(entry.changes).reason).toBe("retention");
    // running again changes nothing
    expect(await eraseExpiredDeregistrations(t.db, t.config, "2026-06-15")).toBe(0);
  });
});

describe("CLI", () => {
  let output: string[];
  beforeEach(() => {
    output = [];
    vi.spyOn(console, "log").mockImplementation(
      (...args: unknown[]) => void output.push(args.join(" ")),
    );
  });

  async function cli(name: string, args: string[] = []) {
    const command = commands.find((c) => c.name === name);
    if (!command) throw new Error(`no command ${name}`);
    await command.run({ db: t.db, config: t.config, args });
  }

  it("registers reminders, retention and import", () => {
    expect(commands.map((c) => c.name)).toEqual(
      expect.arrayContaining(["reminders", "retention", "import"]),
    );
  });

  it("import --school-email E --file F.csv imports for that school; errors store nothing", async () => {
    const { school, user } = await createSchoolWithUser(t.db, "ROC CLI");
    const dir = mkdtempSync(join(tmpdir(), "rgp-import-"));
    try {
      const file = join(dir, "lijst.csv");
      const header =
        "voornaam;achternaam;e-mail;plaatscodes;crebos;scholing datum;scholing aanbieder;scholing onderdelen;openbaar";
      writeFileSync(
        file,
        `\uFEFF${header}\nCli;Import;cli@voorbeeld.nl;${UTRECHT};${CREBO};2025-01-01;X;ja;ja\nFout;Rij;fout;${UTRECHT};${CREBO};2025-01-01;X;ja;ja\n`,
      );
      await expect(cli("import", ["--school-email", user.email, "--file", file])).rejects.toThrow(
        /niets geïmporteerd/,
      );
      expect(output.join("\n")).toContain("rij 3");
      expect(await t.db.select().from(assessors)).toHaveLength(0);
      await cli("import", ["--school-email", user.email, "--file", file, "--valid-only"]);
      const rows = await t.db.select().from(assessors);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ firstName: "Cli", registeringSchoolId: school.id });
      await expect(
        cli("import", ["--school-email", "niemand@school.test", "--file", file]),
      ).rejects.toThrow(/Geen actieve schoolgebruiker/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("npm run cli -- reminders / retention run against a database file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rgp-cli-"));
    try {
      const url = `file:${join(dir, "register.db")}`;
      const run = promisify(execFile);
      // A clean environment: vitest puts BASE_URL="/" (Vite's) into process.env.
      const env = {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        DATABASE_URL: url,
        NODE_ENV: "test",
        SEED_DEMO: "0",
      };
      await run("node_modules/.bin/tsx", ["src/cli.ts", "migrate"], { env });
      const reminders = await run("node_modules/.bin/tsx", ["src/cli.ts", "reminders"], { env });
      expect(reminders.stdout).toMatch(/0 herinnering\(en\) in de wachtrij gezet/);
      const retention = await run("node_modules/.bin/tsx", ["src/cli.ts", "retention"], { env });
      expect(retention.stdout).toMatch(
        /0 afgemelde beoordelaar\(s\) gewist \(bewaartermijn 730 dagen\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
