// The embedded database: pragmas, migrations, reference data, demo data and start-up seeding.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { parseConfig } from "#src/config";
import { openDatabase } from "#src/db";
import { prepareDatabase } from "#src/setup";
import { loadReferenceData } from "#src/reference-data";
import { seedDemo } from "#db/seed/demo";
import { assessorStatus } from "#src/rules";
import { createTestDb, TEST_TODAY } from "../helpers/app";

const dir = mkdtempSync(join(tmpdir(), "register-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function count(db: Awaited<ReturnType<typeof createTestDb>>["db"], table: string) {
  const [row] = await db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`));
  return row.n;
}

describe("embedded libSQL", () => {
  test("WAL, synchronous=FULL, foreign keys and a busy timeout on a file database", async () => {
    const { db, client } = await openDatabase(`file:${join(dir, "pragmas.db")}`);
    const [journal] = await db.all<{ journal_mode: string }>(sql`PRAGMA journal_mode`);
    const [sync] = await db.all<{ synchronous: number }>(sql`PRAGMA synchronous`);
    const [fk] = await db.all<{ foreign_keys: number }>(sql`PRAGMA foreign_keys`);
    const [busy] = await db.all<{ timeout: number }>(sql`PRAGMA busy_timeout`);
    expect(journal.journal_mode).toBe("wal");
    expect(sync.synchronous).toBe(2);
    expect(fk.foreign_keys).toBe(1);
    expect(busy.timeout).toBeGreaterThan(0);
    client.close();
  });

  test("reference data: 12 provinces, 342 municipalities, 2501 places, 642 crebos; loading twice changes nothing", async () => {
    const { db, close } = await createTestDb();
    expect(await count(db, "provinces")).toBe(12);
    expect(await count(db, "municipalities")).toBe(342);
    expect(await count(db, "places")).toBe(2501);
    expect(await count(db, "crebos")).toBe(642);
    await loadReferenceData(db);
    expect(await count(db, "places")).toBe(2501);
    const [fryslan] = await db.all<{ name: string }>(
      sql`SELECT name FROM provinces WHERE code = 'FR'`,
    );
    expect(fryslan.name).toBe("Fryslân");
    close();
  });

  test("the audit log is append-only", async () => {
    const { db, close } = await createTestDb();
    await db.run(sql`INSERT INTO audit_log (action, entity) VALUES ('test', 'test')`);
    await expect(db.run(sql`UPDATE audit_log SET action = 'x'`)).rejects.toThrow();
    await expect(db.run(sql`DELETE FROM audit_log`)).rejects.toThrow();
    expect(await count(db, "audit_log")).toBe(1);
    close();
  });
});

describe("demo data", () => {
  test("fictional assessors over all provinces and MEI crebos, a mix of statuses and consent, two schools", async () => {
    const { db, close } = await createTestDb();
    const result = await seedDemo(db, { on: TEST_TODAY, count: 240 });
    expect(result.logins.filter((l) => l.school)).toHaveLength(2);
    expect(await count(db, "assessors")).toBe(240);
    const provinces = await db.all<{ province: string }>(
      sql`SELECT DISTINCT province FROM assessor_places`,
    );
    expect(provinces).toHaveLength(12);
    const nonMei = await db.all(
      sql`SELECT 1 FROM assessor_crebos ac JOIN crebos c ON c.code = ac.crebo_code WHERE c.mei = 0`,
    );
    expect(nonMei).toHaveLength(0);
    const rows = await db.all<{
      id: string;
      s: string;
      d: string | null;
      consent: number;
      demo: number;
      email: string;
    }>(
      sql`SELECT id, initial_training_date AS s, deregistered_on AS d, public_consent AS consent, demo, email FROM assessors`,
    );
    const exams = await db.all<{ assessor_id: string; date: string }>(
      sql`SELECT assessor_id, date FROM examinations`,
    );
    const refreshers = await db.all<{ assessor_id: string; date: string }>(
      sql`SELECT assessor_id, date FROM refresher_trainings`,
    );
    const statuses = new Set(
      rows.map(
        (r) =>
          assessorStatus({
            initialTrainingDate: r.s,
            examinationDates: exams.filter((e) => e.assessor_id === r.id).map((e) => e.date),
            refresherDates: refreshers.filter((e) => e.assessor_id === r.id).map((e) => e.date),
            deregisteredOn: r.d,
            on: TEST_TODAY,
          }).status,
      ),
    );
    expect([...statuses].sort()).toEqual(["deregistered", "expiring", "lapsed", "qualified"]);
    expect(new Set(rows.map((r) => r.consent)).size).toBe(2);
    expect(rows.every((r) => r.demo === 1 && r.email.endsWith("@voorbeeld.nl"))).toBe(true);
    const names = await db.all(
      sql`SELECT 1 FROM assessors WHERE first_name = 'Jan' AND infix = 'van der' AND last_name = 'Meer'`,
    );
    expect(names.length).toBeGreaterThanOrEqual(1);
    close();
  });

  test("a new development database is seeded once; production and SEED_DEMO=0 are not", async () => {
    const dev = await openDatabase(`file:${join(dir, "dev.db")}`);
    const first = await prepareDatabase(
      dev.db,
      parseConfig({ SEED_DEMO: "1" }),
      new Date("2026-06-15T10:00:00Z"),
    );
    expect(first.seeded?.logins.length).toBe(3);
    const again = await prepareDatabase(dev.db, parseConfig({ SEED_DEMO: "1" }));
    expect(again.seeded).toBeNull();
    expect(await count(dev.db, "assessors")).toBe(300);
    dev.client.close();

    for (const env of [
      { NODE_ENV: "production", BASE_URL: "https://register.example" },
      { SEED_DEMO: "0" },
    ]) {
      const other = await openDatabase(`file:${join(dir, `${Object.values(env)[0]}.db`)}`);
      const r = await prepareDatabase(other.db, parseConfig(env));
      expect(r.seeded).toBeNull();
      expect(await count(other.db, "assessors")).toBe(0);
      expect(await count(other.db, "places")).toBe(2501);
      other.client.close();
    }
  });
});
