// scripts/gen-admin-sql.mjs: the SQL for the first admin of a D1 production database. Applied to
// a fresh database it gives a working one-time setup link; the file never holds the token.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../helpers/app";

const dir = mkdtempSync(join(tmpdir(), "register-admin-sql-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("gen-admin-sql", () => {
  it("writes an admin setup invite whose printed link opens the setup page", async () => {
    const out = join(dir, "admin-setup.sql");
    const run = spawnSync(
      process.execPath,
      ["scripts/gen-admin-sql.mjs", "--base-url", "https://register.example.nl", "--out", out],
      { encoding: "utf8", timeout: 60_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const link = /https:\/\/register\.example\.nl\/uitnodiging\/(\S+)/.exec(run.stdout);
    expect(link, run.stdout).not.toBeNull();
    const token = link![1];
    const text = readFileSync(out, "utf8");
    expect(text).not.toContain(token);

    const t = await createTestApp({ config: { BASE_URL: "https://register.example.nl" } });
    try {
      for (const statement of text.split(/;\s*\n/).filter((s) => /^\s*(INSERT|UPDATE)/m.test(s)))
        await t.db.run(sql.raw(statement));
      const page = await t.app.request(`/uitnodiging/${token}`);
      expect(page.status).toBe(200);
      const wrong = await t.app.request(`/uitnodiging/${token.slice(0, -2)}xx`);
      expect(wrong.status).not.toBe(200);
    } finally {
      t.close();
    }
  }, 90_000);
});
