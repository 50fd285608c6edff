// The health check's database round trip: one trivial statement, so /healthz proves the connection.
import { sql } from "drizzle-orm";
import type { DB } from "#src/db";

export async function pingDatabase(db: DB): Promise<void> {
  await db.all(sql`SELECT 1`);
}
