// Item 13 (issue 12): /healthz of the real Node server (src/server.ts, a child process) notices a
// lost database file. An open connection keeps answering from a deleted or overwritten file (and
// writes then vanish at the next start), so the check compares the file with the one opened and
// reads it from disk: deleted, overwritten in place or replaced → 503; ordinary growth → 200.
import { execFile, type ChildProcess } from "node:child_process";
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childEnv, tsxBin } from "./child";
import { startNodeServer } from "../helpers/node-server";

const run = promisify(execFile);

type Running = { child: ChildProcess; url: string; file: string };

describe("item 13: /healthz notices a lost database file", () => {
  let dir: string;
  let template: string;
  const started: ChildProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "register-healthz-"));
    // One migrated database with reference data; every case starts on its own copy.
    template = join(dir, "template.db");
    await run(tsxBin, ["src/cli.ts", "migrate"], {
      env: childEnv({ DATABASE_URL: `file:${template}`, SEED_DEMO: "0" }),
    });
  }, 60_000);

  afterAll(async () => {
    for (const child of started)
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid!, "SIGKILL");
        await new Promise((r) => child.once("exit", r));
      }
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(name: string): Promise<Running> {
    const file = join(dir, `${name}.db`);
    copyFileSync(template, file);
    const server = await startNodeServer({ DATABASE_URL: `file:${file}` });
    started.push(server.child);
    return { child: server.child, url: server.url, file };
  }

  async function health(url: string): Promise<number> {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
    const body = await res.json();
    expect(body).toEqual(res.status === 200 ? { status: "ok" } : { status: "unavailable" });
    return res.status;
  }

  async function stop(s: Running) {
    process.kill(-s.child.pid!, "SIGKILL");
    if (s.child.exitCode === null) await new Promise((r) => s.child.once("exit", r));
  }

  it("stays 200 while the file grows through ordinary writes, also from another process", async () => {
    const s = await start("growing");
    const before = statSync(s.file).size;
    // Another process (this one) writes a few MB into the same file and checkpoints it there.
    const db = createClient({ url: `file:${s.file}` });
    await db.execute("PRAGMA busy_timeout = 5000");
    for (let i = 0; i < 40; i++)
      await db.execute({
        sql: "INSERT INTO meta (key, value) VALUES (?, ?)",
        args: [`healthz-test-${i}`, "x".repeat(100_000)],
      });
    await db.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    db.close();
    expect(statSync(s.file).size).toBeGreaterThan(before);
    expect(await health(s.url)).toBe(200);
    await stop(s);
  }, 60_000);

  it("deleted → 503", async () => {
    const s = await start("deleted");
    expect(await health(s.url)).toBe(200);
    unlinkSync(s.file);
    expect(await health(s.url)).toBe(503);
    await stop(s);
  }, 60_000);

  it("overwritten in place with other bytes of the same size → 503", async () => {
    const s = await start("garbage");
    expect(await health(s.url)).toBe(200);
    writeFileSync(s.file, Buffer.alloc(statSync(s.file).size, 0x41));
    expect(await health(s.url)).toBe(503);
    await stop(s);
  }, 60_000);

  it("overwritten in place with another, smaller database → 503", async () => {
    const s = await start("other");
    expect(await health(s.url)).toBe(200);
    const other = join(dir, "small.db");
    const client = createClient({ url: `file:${other}` });
    await client.execute("CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL)");
    client.close();
    writeFileSync(s.file, readFileSync(other));
    expect(await health(s.url)).toBe(503);
    await stop(s);
  }, 60_000);

  it("replaced by another file (a copy moved over it) → 503", async () => {
    const s = await start("replaced");
    expect(await health(s.url)).toBe(200);
    const copy = join(dir, "copy.db");
    copyFileSync(template, copy);
    renameSync(copy, s.file);
    expect(await health(s.url)).toBe(503);
    await stop(s);
  }, 60_000);
});
