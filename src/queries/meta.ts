// The data version: a counter every write bumps; public ETags are built from it.
import { eq, sql } from "drizzle-orm";
import { meta } from "../../db/schema";
import type { DB } from "../db";

export function bumpDataVersion(db: DB) {
  return db
    .insert(meta)
    .values({ key: "data_version", value: "1" })
    .onConflictDoUpdate({
      target: meta.key,
      set: { value: sql`CAST(${meta.value} AS INTEGER) + 1` },
    });
}

export async function getDataVersion(db: DB): Promise<string> {
  const [row] = await db
    .select({ value: meta.value })
    .from(meta)
    .where(eq(meta.key, "data_version"));
  return row?.value ?? "0";
}
