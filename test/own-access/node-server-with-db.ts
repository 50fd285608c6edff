// The real Node entry (src/server.ts) in a child process on a loopback port, with its own
// database file that the test can also open (WAL: both processes read and write it).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type DB } from "#src/db";
import { runMigrations } from "#src/migrate";
import { loadReferenceData } from "#src/reference-data";
import { startNodeServer } from "../helpers/node-server";

export type NodeServerWithDb = {
  url: string;
  db: DB;
  output: () => string;
  stop: () => Promise<void>;
};

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
  const cleanUp = () => {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await runMigrations(db);
    await loadReferenceData(db);
    await prepare(db);
    const server = await startNodeServer({ DATABASE_URL: dbUrl, ...env });
    const stop = async () => {
      await server.stop();
      cleanUp();
    };
    return { url: server.url, db, output: server.output, stop };
  } catch (err) {
    cleanUp();
    throw err;
  }
}
