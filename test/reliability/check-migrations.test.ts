// Item 14 (issue 12): scripts/check-migrations.mjs reads the statements themselves, so a migration
// cannot drop or empty personal data by writing the table name another way (main.assessors,
// "main"."assessors", [users]), by renaming it first, or with DELETE FROM.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("item 14: check-migrations parses statements", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "register-check-statements-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A migrations folder with a journal, one file per SQL text, in order. */
  function folder(name: string, migrations: string[]): string {
    const path = join(dir, name.replace(/\W+/g, "-"));
    mkdirSync(join(path, "meta"), { recursive: true });
    const entries = migrations.map((sqlText, idx) => {
      const tag = `000${idx}_fixture`;
      writeFileSync(join(path, `${tag}.sql`), sqlText);
      return { idx, version: "6", tag, when: idx + 1, breakpoints: true };
    });
    writeFileSync(
      join(path, "meta", "_journal.json"),
      JSON.stringify({ version: "7", dialect: "sqlite", entries }),
    );
    return path;
  }

  async function check(path: string): Promise<{ code: number; out: string }> {
    return run("node", ["scripts/check-migrations.mjs", path]).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({
        code: err.code,
        out: err.stdout + err.stderr,
      }),
    );
  }

  const BREAK = "--> statement-breakpoint\n";

  it.each([
    ["schema-qualified drop", ["DROP TABLE main.assessors;"], /DROP TABLE assessors/],
    ["quoted schema and table", ['DROP TABLE "main"."assessors";'], /DROP TABLE assessors/],
    ["backquoted, qualified", ["DROP TABLE IF EXISTS `main`.`users`;"], /DROP TABLE users/],
    ["bracketed name", ["DROP TABLE [outbox];"], /DROP TABLE outbox/],
    ["upper case", ["drop table ASSESSORS;"], /DROP TABLE assessors/],
    [
      "rename, then drop",
      [`ALTER TABLE assessors RENAME TO assessors_old;${BREAK}DROP TABLE assessors_old;`],
      /DROP TABLE assessors_old \(personal data from assessors\)/,
    ],
    [
      "rename in one migration, drop in the next",
      ["ALTER TABLE `main`.`examinations` RENAME TO `exams_archive`;", "DROP TABLE exams_archive;"],
      /0001_fixture.sql: DROP TABLE exams_archive \(personal data from examinations\)/,
    ],
    [
      "rename twice, then drop",
      [`ALTER TABLE users RENAME TO u1;${BREAK}ALTER TABLE u1 RENAME TO u2;${BREAK}DROP TABLE u2;`],
      /DROP TABLE u2 \(personal data from users\)/,
    ],
    [
      "copy to a scratch table that is dropped too",
      [
        `CREATE TABLE tmp AS SELECT * FROM consent_events;${BREAK}DROP TABLE consent_events;${BREAK}DROP TABLE tmp;`,
      ],
      /DROP TABLE tmp \(personal data from consent_events\)/,
    ],
    ["DELETE FROM empties the table", ["DELETE FROM assessors;"], /DELETE FROM assessors empties/],
    [
      "DELETE FROM, qualified and quoted",
      ['DELETE FROM "main".outbox;'],
      /DELETE FROM outbox empties/,
    ],
    [
      "DELETE of some rows without review",
      ["DELETE FROM invites WHERE used_at IS NOT NULL;"],
      /DELETE FROM invites … WHERE deletes personal data/,
    ],
    [
      "a drop after a statement with a string holding a semicolon",
      ["INSERT INTO meta (key, value) VALUES ('note', 'a; b');DROP TABLE users;"],
      /DROP TABLE users/,
    ],
  ])("fails: %s", async (name, migrations, message) => {
    const result = await check(folder(`bad ${name}`, migrations));
    expect(result.out).toMatch(message);
    expect(result.code).toBe(1);
  });

  it.each([
    [
      "drizzle-kit rebuild with qualified names",
      [
        `CREATE TABLE \`__new_assessors\` (\`id\` text PRIMARY KEY NOT NULL);${BREAK}INSERT INTO "main"."__new_assessors"("id") SELECT "id" FROM main.assessors;${BREAK}DROP TABLE main.assessors;${BREAK}ALTER TABLE \`__new_assessors\` RENAME TO \`assessors\`;`,
      ],
    ],
    [
      "rename, new table, copy back, drop the old one",
      [
        `ALTER TABLE users RENAME TO users_old;${BREAK}CREATE TABLE users (id text PRIMARY KEY);${BREAK}INSERT INTO users (id) SELECT id FROM users_old;${BREAK}DROP TABLE users_old;`,
      ],
    ],
    [
      "copy with a join, then empty the source",
      [
        `INSERT INTO archive SELECT e.* FROM schools s JOIN examinations e ON e.school_id = s.id;${BREAK}DELETE FROM examinations;`,
      ],
    ],
    [
      "a reviewed delete of some rows",
      ["-- data-loss-reviewed: expired invites only\nDELETE FROM invites WHERE expires_at < 0;"],
    ],
    ["a string that mentions a drop", ["INSERT INTO meta VALUES ('x', 'DROP TABLE assessors');"]],
    ["a block comment that mentions a drop", ["/* DROP TABLE main.users; */ SELECT 1;"]],
    [
      "a trigger body that deletes derived rows",
      [
        "CREATE TRIGGER t AFTER DELETE ON assessors BEGIN\n  DELETE FROM assessor_fts WHERE rowid = old.fts_rowid;\nEND;",
      ],
    ],
    ["DELETE FROM a non-personal table", ["DELETE FROM throttle_events;"]],
    [
      "rename of a non-personal table, then drop",
      [`ALTER TABLE crebos RENAME TO c;${BREAK}DROP TABLE c;`],
    ],
  ])("passes: %s", async (name, migrations) => {
    const result = await check(folder(`good ${name}`, migrations));
    expect(result.out).toMatch(/OK/);
    expect(result.code).toBe(0);
  });
});
