// createTestApp(): a real libSQL database in memory with the real migrations and reference data.
import { createApp } from "#src/app";
import { parseConfig, type Config } from "#src/config";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type DB, type EmbeddedDatabase } from "#src/db";
import { runMigrations } from "#src/migrate";
import { loadReferenceData } from "#src/reference-data";
import type { Mailer } from "#src/env";

export const TEST_TODAY = "2026-06-15";
/** Noon in Amsterdam on TEST_TODAY. */
export const TEST_NOW = new Date("2026-06-15T10:00:00Z");

export type TestApp = {
  app: ReturnType<typeof createApp>;
  db: DB;
  config: Config;
  mails: { to: string; subject: string; body: string }[];
  /** Awaits the work the app runs after its responses (reset mails). */
  settle: () => Promise<void>;
  close: () => void;
};

export async function createTestDb(): Promise<{ db: DB; close: () => void }> {
  const { db, client } = await openDatabase(":memory:");
  await runMigrations(db);
  await loadReferenceData(db);
  return { db, close: () => client.close() };
}

/**
 * Two connections to one migrated database file, as two processes (two servers, a server and the
 * CLI) would have: for check-then-act races that only a shared file shows.
 */
export async function twoConnections(): Promise<{
  a: EmbeddedDatabase;
  b: EmbeddedDatabase;
  close: () => void;
}> {
  const dir = mkdtempSync(join(tmpdir(), "register-two-"));
  const url = `file:${join(dir, "x.db")}`;
  const a = await openDatabase(url);
  await runMigrations(a.db);
  const b = await openDatabase(url);
  const close = () => {
    a.client.close();
    b.client.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { a, b, close };
}

export async function createTestApp(
  opts: {
    now?: () => Date;
    config?: Record<string, string>;
    db?: DB;
    /** false: app.request returns as soon as the response is there (timing tests). */
    settleEachRequest?: boolean;
  } = {},
): Promise<TestApp> {
  const owned = opts.db ? null : await createTestDb();
  const db = opts.db ?? owned!.db;
  const config = parseConfig({ NODE_ENV: "test", SEED_DEMO: "0", ...opts.config });
  const mails: TestApp["mails"] = [];
  const mailer: Mailer = (m) => {
    mails.push(m);
  };
  const pending: Promise<unknown>[] = [];
  const settle = async () => {
    while (pending.length) await Promise.all(pending.splice(0));
  };
  const app = createApp({
    db,
    config,
    now: opts.now ?? (() => TEST_NOW),
    mailer,
    background: (task) => void pending.push(task),
  });
  if (opts.settleEachRequest !== false) {
    // Tests read the outbox right after a request: let the after-response work finish first.
    const request = app.request.bind(app);
    app.request = (async (...args: Parameters<typeof request>) => {
      const res = await request(...args);
      await settle();
      return res;
    }) as typeof app.request;
  }
  return { app, db, config, mails, settle, close: () => owned?.close() };
}
