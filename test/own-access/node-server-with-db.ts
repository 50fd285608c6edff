// The real Node entry (src/server.ts) in a child process on a loopback port, with its own
// database file that the test can also open (WAL: both processes read and write it).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type DB } from "#src/db";
import { runMigrations } from "#src/migrate";
import { loadReferenceData } from "#src/reference-data";
import { childEnv } from "../reliability/child";
import { SERVER_ARGS } from "../helpers/server-entry";

export type NodeServerWithDb = {
  url: string;
  db: DB;
  output: () => string;
  stop: () => Promise<void>;
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Prepares a migrated database file (so the test can add schools and users first), then starts
 * `npm start`'s bundle of src/server.ts (dist/server.mjs) against it and waits for /healthz.
 */
export async function startNodeServerWithDb(
  prepare: (db: DB) => Promise<void> = async () => {},
  env: Record<string, string> = {},
): Promise<NodeServerWithDb> {
  const dir = mkdtempSync(join(tmpdir(), "register-node-"));
  const dbUrl = `file:${join(dir, "register.db")}`;
  const { db, client } = await openDatabase(dbUrl);
  await runMigrations(db);
  await loadReferenceData(db);
  await prepare(db);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, SERVER_ARGS, {
    env: childEnv({
      DATABASE_URL: dbUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      BASE_URL: url,
      SEED_DEMO: "0",
      ...env,
    }),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    }
    client.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`server stopped at start:\n${output}`);
    }
    const healthy = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (healthy) return { url, db, output: () => output, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`server did not become healthy:\n${output}`);
}
