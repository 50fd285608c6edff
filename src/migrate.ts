// Applies the drizzle-kit migrations in db/migrations (Node path; Workers use wrangler/D1).
import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/libsql/migrator";
import type { DB } from "./db";

export const migrationsFolder = fileURLToPath(new URL("../db/migrations", import.meta.url));

export async function runMigrations(db: DB): Promise<void> {
  await migrate(db, { migrationsFolder });
}
