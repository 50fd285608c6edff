// The embedded database's settings hold for every statement, also when queries run concurrently
// (Promise.all in a route): @libsql/client would otherwise open pooled connections without them —
// no busy timeout (an immediate SQLITE_BUSY while a second process writes), no foreign keys.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "#src/db";

const dir = mkdtempSync(join(tmpdir(), "register-pragmas-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("busy timeout, foreign keys and synchronous=FULL apply to concurrent queries too", async () => {
  const { db, client } = await openDatabase(`file:${join(dir, "x.db")}`);
  try {
    const read = (pragma: string) => db.all<Record<string, number>>(sql.raw(`PRAGMA ${pragma}`));
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        Promise.all([read("busy_timeout"), read("foreign_keys"), read("synchronous")]),
      ),
    );
    for (const [busy, fk, sync] of results) {
      expect(Object.values(busy[0])[0]).toBe(5000);
      expect(Object.values(fk[0])[0]).toBe(1);
      expect(Object.values(sync[0])[0]).toBe(2); // FULL
    }
  } finally {
    client.close();
  }
});
