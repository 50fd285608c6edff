// The Node health check of the database: the embedded file must still be the one that was opened
// and be readable from disk, else /healthz says 503 (DESIGN §4). An open connection keeps working
// on a deleted or replaced file, and its page cache hides an overwritten one, so asking that
// connection alone ("SELECT 1") would say all is well while writes go nowhere.
import { open, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { createClient, type Client } from "@libsql/client";

/** The file behind an embedded libSQL URL (`file:x.db`, `file:///abs/x.db`), or null. */
export function embeddedFilePath(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  let path = url.slice("file:".length).split("?")[0];
  if (path.startsWith("//")) path = path.slice(2);
  if (path === "" || path === ":memory:") return null;
  return resolve(path);
}

const SQLITE_MAGIC = "SQLite format 3\0";

type Opened = { dev: number; ino: number; size: number };

/**
 * Returns the health check for an open database. For an embedded file it records the file's
 * identity (device, inode) and size when opened; each check then compares the file on disk with
 * them and reads a table through a connection of its own (a fresh page cache, so the read really
 * comes from the file). The register never shrinks its file (no VACUUM, no auto_vacuum), so a
 * smaller file, or one larger than the database's own page count, was written by someone else.
 */
export async function databaseHealthCheck(
  client: Client,
  url: string,
): Promise<() => Promise<void>> {
  const path = embeddedFilePath(url);
  if (!path) {
    return async () => {
      await client.execute("SELECT count(*) FROM meta");
    };
  }
  const opened = await stat(path);
  const pageSize = Number((await client.execute("PRAGMA page_size")).rows[0][0]);
  let failing = false;

  return async () => {
    try {
      await checkFile(client, path, opened, pageSize);
      failing = false;
    } catch (err) {
      // Once per change of state, not once per probe.
      if (!failing) console.error(`Database niet in orde (${path}): ${(err as Error).message}`);
      failing = true;
      throw err;
    }
  };
}

async function checkFile(client: Client, path: string, opened: Opened, pageSize: number) {
  const now = await stat(path).catch(() => null);
  if (!now) throw new Error("the file is gone");
  if (now.dev !== opened.dev || now.ino !== opened.ino)
    throw new Error("the file was replaced by another file");
  const pages = Number((await client.execute("PRAGMA page_count")).rows[0][0]);
  if (now.size < opened.size || now.size > pages * pageSize || now.size % pageSize !== 0)
    throw new Error(`the file was overwritten (${now.size} bytes, ${pages} pages of ${pageSize})`);

  const header = Buffer.alloc(100);
  const handle = await open(path, "r");
  try {
    await handle.read(header, 0, 100, 0);
  } finally {
    await handle.close();
  }
  const headerPageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  if (header.toString("latin1", 0, 16) !== SQLITE_MAGIC || headerPageSize !== pageSize)
    throw new Error("the file was overwritten (no SQLite header of this database)");

  // A real read of a table, from the file rather than from the open connection's cache.
  const fresh = createClient({ url: `file:${path}` });
  try {
    await fresh.execute("SELECT count(*) FROM meta");
  } finally {
    fresh.close();
  }
}
