// Prepares a database for use on Node: migrations, reference data and (optionally) demo data.
import { sql } from "drizzle-orm";
import type { Config } from "./config";
import type { DB } from "./db";
import { runMigrations } from "./migrate";
import { loadReferenceData } from "./reference-data";
import { seedDemo, type DemoResult } from "#db/seed/demo";
import { amsterdamDate } from "./rules";

export type SetupResult = { seeded: DemoResult | null; fresh: boolean };

export async function prepareDatabase(
  db: DB,
  config: Config,
  now = new Date(),
): Promise<SetupResult> {
  await runMigrations(db);
  const [{ n }] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM users`);
  const fresh = n === 0;
  await loadReferenceData(db);
  let seeded: DemoResult | null = null;
  if (fresh && config.seedDemo && config.env !== "production") {
    seeded = await seedDemo(db, { on: amsterdamDate(now) });
  }
  return { seeded, fresh };
}
