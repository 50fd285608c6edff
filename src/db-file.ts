// The Node health check of the database: the embedded file must still be the one that was opened
// and be readable from disk, else /healthz says 503 (DESIGN §4). An open connection keeps working
// on a deleted or replaced file, and its page cache hides an overwritten one, so asking that
// connection alone ("SELECT 1") would say all is well while writes go nowhere.
import { openSync, readSync, statSync } from "node:fs";
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

/** How long a read through a fresh connection is trusted; the file itself is checked every probe. */
export const DEEP_READ_MS = 1000;

/**
 * Returns the health check for an open database. For an embedded file it records the file's
 * identity (device, inode) and size when opened; each check then compares the file on disk with
 * them, reads its header, and reads a table through a connection of its own (a fresh page cache,
 * so the read really comes from the file). The register never shrinks its file (no VACUUM, no
 * auto_vacuum), so a smaller file, or one larger than the database's own page count, was written
 * by someone else.
 *
 * The file checks run on every probe: one stat while the file is unchanged. Opening a second connection
 * costs about a millisecond (SQLite parses the whole schema), so under a load balancer's probes
 * that read is repeated at most once per DEEP_READ_MS: a file deleted, replaced or overwritten is
 * still seen by the very next probe through the checks that do run every time.
 */
export async function databaseHealthCheck(
  client: Client,
  url: string,
  now: () => number = performance.now.bind(performance),
): Promise<() => Promise<void>> {
  const path = embeddedFilePath(url);
  if (!path) {
    return async () => {
      await client.execute("SELECT count(*) FROM meta");
    };
  }
  const opened = statSync(path);
  // Kept open: reading the header through it sees any overwrite of this inode, while the stat of
  // the path sees a deletion or replacement.
  const fd = openSync(path, "r");
  const pageSize = Number((await client.execute("PRAGMA page_size")).rows[0][0]);
  let failing = false;
  let deepReadAt = Number.NEGATIVE_INFINITY;
  /**
   * The file's size and change times at the last good check. Any write to the file changes its
   * ctime (which no tool can set back), so while they stay the same the header and the page count
   * checked then still hold, and a probe costs one stat.
   */
  let checked = "";

  return async () => {
    try {
      const onDisk = statSync(path, { throwIfNoEntry: false });
      if (!onDisk) throw new Error("the file is gone");
      if (onDisk.dev !== opened.dev || onDisk.ino !== opened.ino)
        throw new Error("the file was replaced by another file");
      const state = `${onDisk.size}:${onDisk.mtimeMs}:${onDisk.ctimeMs}`;
      if (state !== checked) {
        checked = "";
        checkHeader(fd, pageSize);
        // The size was taken before the page count, so growth in between is never taken for damage.
        const pages = Number((await client.execute("PRAGMA page_count")).rows[0][0]);
        const size = onDisk.size;
        if (size < opened.size || size > pages * pageSize || size % pageSize !== 0)
          throw new Error(
            `the file was overwritten (${size} bytes, ${pages} pages of ${pageSize})`,
          );
      }
      if (now() - deepReadAt >= DEEP_READ_MS) {
        await readThroughFreshConnection(path);
        deepReadAt = now();
      }
      checked = state;
      failing = false;
    } catch (err) {
      deepReadAt = Number.NEGATIVE_INFINITY;
      checked = "";
      // Once per change of state, not once per probe.
      if (!failing) console.error(`Database niet in orde (${path}): ${(err as Error).message}`);
      failing = true;
      throw err;
    }
  };
}

/** The first 100 bytes are an SQLite header with this database's page size. */
function checkHeader(fd: number, pageSize: number) {
  const header = Buffer.alloc(100);
  readSync(fd, header, 0, 100, 0);
  const headerPageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  if (header.toString("latin1", 0, 16) !== SQLITE_MAGIC || headerPageSize !== pageSize)
    throw new Error("the file was overwritten (no SQLite header of this database)");
}

/** A real read of a table, from the file rather than from the open connection's cache. */
async function readThroughFreshConnection(path: string) {
  const fresh = createClient({ url: `file:${path}` });
  try {
    await fresh.execute("SELECT count(*) FROM meta");
  } finally {
    fresh.close();
  }
}
