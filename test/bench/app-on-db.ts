// For the byte-identity scripts (csv-identical.ts, search-identical.ts): the app on an existing
// database file at a fixed moment, from `--db FILE --out PATH [--now ISO]`. Read only.
import { parseArgs } from "node:util";
import { createApp } from "#src/app";
import { parseConfig } from "#src/config";
import { openDatabase } from "#src/db";

export async function appOnDatabase(usage: string) {
  const { values } = parseArgs({
    options: { db: { type: "string" }, out: { type: "string" }, now: { type: "string" } },
  });
  if (!values.db || !values.out) throw new Error(usage);
  const { db, client } = await openDatabase(`file:${values.db}`);
  const now = new Date(values.now ?? "2026-11-30T10:00:00Z");
  const app = createApp({
    db,
    config: parseConfig({ NODE_ENV: "test", SEED_DEMO: "0" }),
    now: () => now,
  });
  return { app, client, out: values.out };
}
