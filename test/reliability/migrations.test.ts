// SECURITY 14: migrating a populated database keeps every row; no cascades on personal data;
// the CI check (scripts/check-migrations.mjs) stops a migration that drops personal data.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountRequests,
  auditLog,
  idempotencyKeys,
  invites,
  outbox,
  throttleEvents,
} from "#db/schema";
import { seedDemo } from "#db/seed/demo";
import { openDatabase, type DB, type EmbeddedDatabase } from "#src/db";
import { newId } from "#src/lib/ids";
import { migrationsFolder, runMigrations } from "#src/migrate";
import { loadReferenceData } from "#src/reference-data";
import { parseSearchParams } from "#src/search/params";
import { searchAssessors } from "#src/search/search";
import { TEST_TODAY } from "../helpers/app";
import { bearer, createSchoolWithUser, sessionCookie } from "../helpers/factories";

const run = promisify(execFile);

type JournalEntry = { idx: number; tag: string; when: number };
const journal = JSON.parse(
  readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8"),
) as {
  entries: JournalEntry[];
};

/** Ordinary tables of the main schema (no FTS shadow tables, no drizzle bookkeeping). */
async function tables(db: DB, schema = "main"): Promise<{ name: string; type: string }[]> {
  const rows = await db.all<{ name: string; type: string; schema: string }>(sql`PRAGMA table_list`);
  return rows
    .filter((r) => r.schema === schema && (r.type === "table" || r.type === "virtual"))
    .filter((r) => !r.name.startsWith("sqlite_") && r.name !== "__drizzle_migrations")
    .map(({ name, type }) => ({ name, type }));
}

async function columns(db: DB, schema: string, table: string): Promise<string[]> {
  const rows = await db.all<{ name: string }>(sql.raw(`PRAGMA "${schema}".table_info("${table}")`));
  return rows.map((r) => r.name);
}

async function rowCounts(db: DB): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { name } of await tables(db)) {
    const [{ n }] = await db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM "${name}"`));
    counts[name] = n;
  }
  return counts;
}

/** A copy of the migrations folder whose journal lists only the first `count` migrations. */
function partialMigrations(dir: string, count: number): string {
  const folder = join(dir, `migrations-${count}`);
  cpSync(migrationsFolder, folder, { recursive: true });
  writeFileSync(
    join(folder, "meta", "_journal.json"),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }, null, 2),
  );
  return folder;
}

/** A database on the current schema with rows in every table that holds personal data. */
async function populatedSource(path: string): Promise<EmbeddedDatabase> {
  const source = await openDatabase(`file:${path}`);
  await runMigrations(source.db);
  await loadReferenceData(source.db);
  await seedDemo(source.db, { on: TEST_TODAY, count: 60 });
  const { school, user } = await createSchoolWithUser(source.db, "Migratiecollege");
  await sessionCookie(source.db, user.id);
  await bearer(source.db, user.id, school.id);
  await source.db.insert(invites).values({
    id: newId(),
    kind: "invite",
    tokenHash: newId(32),
    email: "nieuw@school.test",
    role: "staff",
    schoolId: school.id,
    invitedBy: user.id,
    expiresAt: "2026-06-22T10:00:00.000Z",
  });
  await source.db.insert(accountRequests).values({
    id: newId(),
    schoolName: "Aanvraagcollege",
    contactName: "Anna de Aanvrager",
    email: "anna@aanvraag.test",
  });
  await source.db.insert(auditLog).values({
    actorUserId: user.id,
    schoolId: school.id,
    action: "create",
    entity: "assessor",
    entityId: newId(),
    changes: JSON.stringify({ first_name: [null, "Piet"] }),
  });
  await source.db.insert(outbox).values({
    id: newId(),
    toAddress: "piet@voorbeeld.nl",
    subject: "Herinnering",
    body: "Uw registratie verloopt binnenkort.",
  });
  await source.db.insert(throttleEvents).values({ key: "login:ip:127.0.0.1", at: 1781517600 });
  await source.db.insert(idempotencyKeys).values({
    schoolId: school.id,
    key: "abc",
    requestHash: "h",
    status: 201,
    body: "{}",
  });
  return source;
}

/**
 * Copies the source's rows into a database on an older schema: per table, the columns both have.
 * Triggers of the older schema (e.g. the FTS index) fire as they would have in production.
 */
async function copyInto(target: DB, sourcePath: string): Promise<void> {
  await target.run(sql`PRAGMA foreign_keys = OFF`);
  await target.run(sql`ATTACH DATABASE ${sourcePath} AS src`);
  try {
    const sourceTables = new Set((await tables(target, "src")).map((t) => t.name));
    for (const { name, type } of await tables(target)) {
      if (type !== "table" || !sourceTables.has(name)) continue;
      // Derived counts: the triggers (migration 0008 on) keep them while the rows are copied, and
      // a later migration backfills its own facets; copying them too would count twice.
      if (name === "public_counts") continue;
      const own = await columns(target, "main", name);
      const theirs = new Set(await columns(target, "src", name));
      const shared = own.filter((c) => theirs.has(c)).map((c) => `"${c}"`);
      if (shared.length === 0) continue;
      await target.run(
        sql.raw(
          `INSERT INTO main."${name}" (${shared.join(", ")}) SELECT ${shared.join(", ")} FROM src."${name}"`,
        ),
      );
    }
  } finally {
    await target.run(sql`DETACH DATABASE src`);
    await target.run(sql`PRAGMA foreign_keys = ON`);
  }
}

const SEARCHES = [
  "q=van der meer",
  "q=jan&sort=relevance",
  "province=UT",
  "crebo=25332",
  "q=techniek&per_page=50",
];

async function searchSnapshot(db: DB) {
  const out = [];
  for (const query of SEARCHES) {
    const parsed = parseSearchParams(Object.fromEntries(new URLSearchParams(query)));
    if (!parsed.ok) throw new Error(query);
    out.push(await searchAssessors(db, parsed.params, TEST_TODAY));
  }
  return out;
}

describe("migrating a populated database", () => {
  let dir: string;
  let source: EmbeddedDatabase;
  const sourcePath = () => join(dir, "source.db");

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "register-migrations-"));
    source = await populatedSource(sourcePath());
  });

  afterAll(() => {
    source.client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the source fixture has rows in every personal-data table", async () => {
    const counts = await rowCounts(source.db);
    for (const table of [
      "assessors",
      "assessor_schools",
      "assessor_crebos",
      "assessor_places",
      "examinations",
      "refresher_trainings",
      "consent_events",
      "users",
      "sessions",
      "api_tokens",
      "invites",
      "account_requests",
      "audit_log",
      "outbox",
    ])
      expect(counts[table], table).toBeGreaterThan(0);
  });

  // N-1 is the previous release's schema; older starting points are cheap to check as well.
  const starts = journal.entries.slice(0, -1).map((_, i) => i + 1);
  it.each(starts)(
    "from the schema after %i migration(s) to the latest keeps every row",
    async (applied) => {
      const target = await openDatabase(`file:${join(dir, `target-${applied}.db`)}`);
      try {
        await migrate(target.db, { migrationsFolder: partialMigrations(dir, applied) });
        await copyInto(target.db, sourcePath());
        const before = await rowCounts(target.db);
        expect(before.assessors).toBe(60);
        const hadSearchIndex = "assessor_fts" in before;

        await runMigrations(target.db);
        const [{ n: applied2 }] = await target.db.all<{ n: number }>(
          sql`SELECT count(*) AS n FROM __drizzle_migrations`,
        );
        expect(applied2).toBe(journal.entries.length);

        const after = await rowCounts(target.db);
        for (const [table, n] of Object.entries(before)) {
          // Derived counts gain the facets a later migration adds (0010: per school); that they
          // are right is checked by the search snapshot below and test/search/public-counts.
          if (table === "public_counts") expect(after[table]).toBeGreaterThanOrEqual(n);
          else expect({ table, rows: after[table] }).toEqual({ table, rows: n });
        }

        expect(await target.db.all(sql`PRAGMA foreign_key_check`)).toEqual([]);
        const [check] = await target.db.all<{ integrity_check: string }>(
          sql`PRAGMA integrity_check`,
        );
        expect(check.integrity_check).toBe("ok");
        // The public search answers as on a database created at the latest schema.
        if (hadSearchIndex)
          expect(await searchSnapshot(target.db)).toEqual(await searchSnapshot(source.db));
      } finally {
        target.client.close();
      }
    },
  );
});

describe("no ON DELETE CASCADE on personal data", () => {
  it("holds for every foreign key of the migrated schema", async () => {
    const { db, client } = await openDatabase(":memory:");
    try {
      await runMigrations(db);
      const cascades: string[] = [];
      for (const { name } of await tables(db)) {
        const keys = await db.all<{ table: string; on_delete: string }>(
          sql.raw(`PRAGMA foreign_key_list("${name}")`),
        );
        for (const k of keys)
          if (k.on_delete.toUpperCase() !== "NO ACTION" && k.on_delete.toUpperCase() !== "RESTRICT")
            cascades.push(`${name} → ${k.table}: ON DELETE ${k.on_delete}`);
      }
      expect(cascades).toEqual([]);
    } finally {
      client.close();
    }
  });
});

describe("scripts/check-migrations.mjs", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "register-check-migrations-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function check(folder?: string): Promise<{ code: number; out: string }> {
    return run("node", ["scripts/check-migrations.mjs", ...(folder ? [folder] : [])]).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({
        code: err.code,
        out: err.stdout + err.stderr,
      }),
    );
  }

  function fixture(name: string, sqlText: string): string {
    const folder = join(dir, name);
    mkdirSync(join(folder, "meta"), { recursive: true });
    writeFileSync(join(folder, "0000_fixture.sql"), sqlText);
    writeFileSync(
      join(folder, "meta", "_journal.json"),
      JSON.stringify({
        version: "7",
        dialect: "sqlite",
        entries: [{ idx: 0, tag: "0000_fixture", when: 1 }],
      }),
    );
    return folder;
  }

  it("passes the real migrations", async () => {
    const result = await check();
    expect(result.out).toMatch(/OK/);
    expect(result.code).toBe(0);
  });

  it.each([
    ["drop without copy", "DROP TABLE `examinations`;", /DROP TABLE examinations/],
    ["drop if exists without copy", 'DROP TABLE IF EXISTS "assessor_places";', /assessor_places/],
    [
      "copy of another table only",
      "INSERT INTO `__new_users`(`id`) SELECT `id` FROM `sessions`;--> statement-breakpoint\nDROP TABLE `users`;",
      /DROP TABLE users/,
    ],
    [
      "copy after the drop",
      "DROP TABLE `outbox`;--> statement-breakpoint\nINSERT INTO `x`(`id`) SELECT `id` FROM `outbox`;",
      /DROP TABLE outbox/,
    ],
    [
      "cascade from personal data",
      "CREATE TABLE `notes` (\n`id` text PRIMARY KEY NOT NULL,\n`assessor_id` text NOT NULL,\nFOREIGN KEY (`assessor_id`) REFERENCES `assessors`(`id`) ON UPDATE no action ON DELETE cascade\n);",
      /ON DELETE CASCADE from notes to assessors/,
    ],
    [
      "cascade on a personal table",
      "ALTER TABLE `consent_events` ADD `extra_id` text REFERENCES schools(id) ON DELETE CASCADE;",
      /consent_events to schools/,
    ],
    [
      "drop column of personal data",
      "ALTER TABLE `assessors` DROP COLUMN `phone`;",
      /DROP COLUMN phone/,
    ],
  ])("fails on a bad migration: %s", async (name, sqlText, message) => {
    const result = await check(fixture(name.replace(/\W+/g, "-"), sqlText));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(message);
  });

  it.each([
    [
      "drizzle-kit table rebuild",
      'CREATE TABLE `__new_assessors` (`id` text PRIMARY KEY NOT NULL);--> statement-breakpoint\nINSERT INTO `__new_assessors`("id") SELECT "id" FROM `assessors`;--> statement-breakpoint\nDROP TABLE `assessors`;--> statement-breakpoint\nALTER TABLE `__new_assessors` RENAME TO `assessors`;',
    ],
    ["drop of a non-personal table", "DROP TABLE `throttle_events`;"],
    [
      "cascade between non-personal tables",
      "CREATE TABLE `a` (`id` text, FOREIGN KEY (`id`) REFERENCES `crebos`(`code`) ON DELETE cascade);",
    ],
    [
      "a reviewed column drop",
      "-- data-loss-reviewed: phone is no longer collected\nALTER TABLE `assessors` DROP COLUMN `phone`;",
    ],
    ["a comment mentioning DROP TABLE users", "-- we never DROP TABLE users here\nSELECT 1;"],
  ])("passes a safe migration: %s", async (name, sqlText) => {
    const result = await check(fixture(name.replace(/\W+/g, "-"), sqlText));
    expect(result.out).toMatch(/OK/);
    expect(result.code).toBe(0);
  });
});
