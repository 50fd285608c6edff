// Opens the database for each runtime. Routes and queries only ever see the drizzle `DB`.
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "../db/schema";

export type DB = LibSQLDatabase<typeof schema>;
export { schema };

export type EmbeddedDatabase = { db: DB; client: Client };

/**
 * libSQL: an embedded file (`file:…`, `:memory:`) or a remote libSQL/Turso URL.
 * The embedded path gets WAL, synchronous=FULL, foreign keys and a busy timeout.
 */
export async function openDatabase(url: string, authToken?: string): Promise<EmbeddedDatabase> {
  const client = createClient({ url, authToken });
  if (url.startsWith("file:") || url === ":memory:") {
    if (url !== ":memory:" && url !== "file::memory:") {
      await client.execute("PRAGMA journal_mode = WAL");
    }
    await client.execute("PRAGMA synchronous = FULL");
    await client.execute("PRAGMA foreign_keys = ON");
    await client.execute("PRAGMA busy_timeout = 5000");
  }
  return { db: drizzle(client, { schema }), client };
}
