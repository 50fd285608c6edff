// Item 13 (issue 12): /healthz of the real Node server (src/server.ts, a child process) notices a
// lost database file. An open connection keeps answering from a deleted or overwritten file (and
// writes then vanish at the next start), so the check compares the file with the one opened and
// reads it from disk: deleted, overwritten in place or replaced → 503; ordinary growth → 200.
import { execFile, spawn, type ChildProcess } from "node:child_process";
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
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childEnv, tsxBin } from "./child";
import { SERVER_ARGS } from "../helpers/server-entry";

const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

type Running = { child: ChildProcess; url: string; file: string; env: NodeJS.ProcessEnv };

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
    const port = await freePort();
    const env = childEnv({
      DATABASE_URL: `file:${file}`,
      PORT: String(port),
      HOST: "127.0.0.1",
      BASE_URL: `http://127.0.0.1:${port}`,
      SEED_DEMO: "0",
    });
    const child = spawn(process.execPath, SERVER_ARGS, {
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    started.push(child);
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server stopped at start:\n${output}`);
      if ((await health(url).catch(() => 0)) === 200) return { child, url, file, env };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not become healthy:\n${output}`);
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
