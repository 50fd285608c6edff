// The health check's read through a fresh connection (src/db-file.ts): repeated at most once per
// DEEP_READ_MS, while the file checks run on every probe. A damaged table page that the open
// connection still has in its cache is found by the next deep read, not hidden until a restart.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseHealthCheck, DEEP_READ_MS } from "#src/db-file";
import { openDatabase } from "#src/db";
import { runMigrations } from "#src/migrate";

describe("/healthz: the read through a fresh connection", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "register-deep-read-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("runs at most once per DEEP_READ_MS and then finds a damaged table page; file checks run every probe", async () => {
    const file = join(dir, "register.db");
    const { db, client } = await openDatabase(`file:${file}`);
    await runMigrations(db);
    await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    const pageSize = Number((await client.execute("PRAGMA page_size")).rows[0][0]);
    // meta's table and its key index (count(*) reads the smaller of the two).
    const roots = (
      await client.execute("SELECT rootpage FROM sqlite_master WHERE tbl_name = 'meta'")
    ).rows.map((r) => Number(r[0]));
    // The open connection reads meta once, so the page is in its cache.
    await client.execute("SELECT count(*) FROM meta");

    let clock = 0;
    const check = await databaseHealthCheck(client, `file:${file}`, () => clock);
    await expect(check()).resolves.toBeUndefined();

    // Damage meta's pages on disk (same size, header intact): only a real read can see it.
    const fd = openSync(file, "r+");
    for (const root of roots)
      writeSync(fd, Buffer.alloc(pageSize, 0xee), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);

    clock += DEEP_READ_MS / 2;
    await expect(check()).resolves.toBeUndefined(); // within the interval: file checks only
    clock += DEEP_READ_MS / 2;
    await expect(check()).rejects.toThrow();
    // Once failing, every probe reads again (no interval), so it stays 503.
    await expect(check()).rejects.toThrow();

    // A header overwrite is seen at once, inside the interval too.
    const fd2 = openSync(file, "r+");
    writeSync(fd2, Buffer.from("not a database!!"), 0, 16, 0);
    closeSync(fd2);
    clock += 1;
    await expect(check()).rejects.toThrow(/overwritten/);
    client.close();
  });
});
