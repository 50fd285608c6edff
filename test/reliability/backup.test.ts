// SECURITY 19: a backup made with VACUUM INTO restores to the same data and the same public search.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { backupDatabase, BackupError } from "#src/cli/ops-commands";
import { openDatabase, type DB } from "#src/db";
import { runMigrations } from "#src/migrate";
import { loadReferenceData } from "#src/reference-data";
import { createTestApp, TEST_TODAY } from "../helpers/app";
import { childEnv, tsxBin } from "./child";

const run = promisify(execFile);

async function tableCounts(db: DB): Promise<Record<string, number>> {
  const tables = await db.all<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [{ n }] = await db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM "${name}"`));
    counts[name] = n;
  }
  return counts;
}

async function schemaSql(db: DB): Promise<string[]> {
  const rows = await db.all<{ sql: string | null }>(
    sql`SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name`,
  );
  return rows.map((r) => r.sql ?? "");
}

async function publicSearch(db: DB, query: string) {
  const t = await createTestApp({ db });
  const res = await t.app.request(`/api/v1/assessors${query}`);
  expect(res.status).toBe(200);
  return res.json();
}

describe("backup and restore", () => {
  let dir: string;
  let source: Awaited<ReturnType<typeof openDatabase>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "register-backup-"));
    source = await openDatabase(`file:${join(dir, "source.db")}`);
    await runMigrations(source.db);
    await loadReferenceData(source.db);
    await seedDemo(source.db, { on: TEST_TODAY, count: 80 });
  });

  afterAll(() => {
    source.client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("restores every table with the same row counts, schema and public search result", async () => {
    const out = join(dir, "backup.db");
    const result = await backupDatabase(source.db, out);
    expect(result.path).toBe(out);
    expect(result.bytes).toBeGreaterThan(0);

    const restored = await openDatabase(`file:${out}`);
    try {
      const [check] = await restored.db.all<{ integrity_check: string }>(
        sql`PRAGMA integrity_check`,
      );
      expect(check.integrity_check).toBe("ok");

      const before = await tableCounts(source.db);
      const after = await tableCounts(restored.db);
      expect(before.assessors).toBe(80);
      expect(before.examinations).toBeGreaterThan(0);
      expect(before.places).toBeGreaterThan(1000);
      expect(after).toEqual(before);
      expect(await schemaSql(restored.db)).toEqual(await schemaSql(source.db));

      // The restored file is a working database: migrations are a no-op and search answers the same.
      await runMigrations(restored.db);
      for (const query of [
        "",
        "?q=van%20der%20meer",
        "?province=UT&per_page=50",
        "?q=jan&sort=relevance",
      ]) {
        const expected = await publicSearch(source.db, query);
        expect(await publicSearch(restored.db, query)).toEqual(expected);
      }
      const all = (await publicSearch(restored.db, "?per_page=100")) as { total: number };
      expect(all.total).toBeGreaterThan(10);
    } finally {
      restored.client.close();
    }
  });

  it("refuses to overwrite an existing file, with a Dutch message", async () => {
    const out = join(dir, "existing.db");
    await backupDatabase(source.db, out);
    const size = statSync(out).size;
    const mtime = statSync(out).mtimeMs;
    await expect(backupDatabase(source.db, out)).rejects.toThrow(BackupError);
    await expect(backupDatabase(source.db, out)).rejects.toThrow(/bestaat al/);
    expect(statSync(out).size).toBe(size);
    expect(statSync(out).mtimeMs).toBe(mtime);
  });

  it("refuses a folder that does not exist", async () => {
    await expect(backupDatabase(source.db, join(dir, "nope", "b.db"))).rejects.toThrow(
      /bestaat niet/,
    );
  });

  it("runs as `npm run cli -- backup --out FILE`", async () => {
    const out = join(dir, "cli.db");
    const env = childEnv({ DATABASE_URL: `file:${join(dir, "source.db")}` });
    const first = await run(tsxBin, ["src/cli.ts", "backup", "--out", out], { env });
    expect(first.stdout).toMatch(/Back-up geschreven naar/);
    expect(statSync(out).size).toBeGreaterThan(0);

    const second = await run(tsxBin, ["src/cli.ts", "backup", "--out", out], { env }).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(second?.code).toBe(1);
    expect(second?.stderr).toMatch(/bestaat al/);
  });
});
