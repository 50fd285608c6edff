// Opens the database for each runtime. Routes and queries only ever see the drizzle `DB`.
import { createClient, type Client } from "@libsql/client";
import { createClient as createWebClient } from "@libsql/client/web";
import { drizzle as drizzleD1 } from "drizzle-orm/d1";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "#db/schema";

export type DB = LibSQLDatabase<typeof schema>;
export { schema };

export type EmbeddedDatabase = { db: DB; client: Client };

/** An embedded libSQL file (Node) rather than D1 or Turso: a statement costs no round trip. */
export function isEmbeddedDb(db: DB): boolean {
  return (db as { $client?: { protocol?: string } }).$client?.protocol === "file";
}

/**
 * libSQL: an embedded file (`file:…`, `:memory:`) or a remote libSQL/Turso URL.
 * The embedded path gets WAL, synchronous=FULL, foreign keys and a busy timeout.
 */
export async function openDatabase(url: string, authToken?: string): Promise<EmbeddedDatabase> {
  const embedded = url.startsWith("file:") || url === ":memory:";
  // One connection for an embedded file: @libsql/client 0.18 otherwise pools up to 20, and the
  // PRAGMAs below (busy timeout, foreign keys, synchronous) are per connection, so a pooled
  // second connection would fail at once with SQLITE_BUSY when another process (a second server,
  // the CLI running a job) writes. Statements run synchronously anyway: a pool adds no speed.
  const client = createClient(embedded ? { url, authToken, concurrency: 1 } : { url, authToken });
  if (embedded) {
    if (url !== ":memory:" && url !== "file::memory:") {
      await client.execute("PRAGMA journal_mode = WAL");
    }
    await client.execute("PRAGMA synchronous = FULL");
    await client.execute("PRAGMA foreign_keys = ON");
    await client.execute("PRAGMA busy_timeout = 5000");
    // The default 2 MiB page cache makes every search re-read pages (see ADR 0004).
    await client.execute("PRAGMA cache_size = -65536");
    await client.execute("PRAGMA temp_store = MEMORY");
    // Erased personal data must not linger in freed pages of the file (AVG erasure).
    await client.execute("PRAGMA secure_delete = ON");
  }
  return { db: drizzle(client, { schema }), client };
}

// ---------------------------------------------------------------------------------------------
// Workers (src/worker.ts): a D1 binding `DB`, else Turso/libSQL over HTTP from DATABASE_URL.
// Routes and queries get the same `DB` type either way.

/** The parts of Cloudflare's D1 API that this module touches (workers-types is not a dependency). */
export type D1Result = {
  results: Record<string, unknown>[];
  success: boolean;
  meta: { changes?: number; last_row_id?: number; duration?: number; [key: string]: unknown };
};
export interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  first(column?: string): Promise<unknown>;
  run(): Promise<D1Result>;
  all(): Promise<D1Result>;
  raw(options?: { columnNames?: boolean }): Promise<unknown[][]>;
}
export interface D1Database {
  prepare(query: string): D1PreparedStatement;
  batch(statements: D1PreparedStatement[]): Promise<D1Result[]>;
  exec(query: string): Promise<unknown>;
}

export type WorkerBindings = {
  DB?: D1Database;
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
};

export type WorkerDatabase = { db: DB; driver: "d1" | "libsql-web"; ping: () => Promise<void> };

/** libSQL reports `rowsAffected`/`lastInsertRowid` from a write; D1 reports `meta.changes`/`meta.last_row_id`. */
function withLibsqlFields(result: D1Result): D1Result {
  return Object.assign(result, {
    rowsAffected: result.meta?.changes ?? 0,
    lastInsertRowid:
      result.meta?.last_row_id === undefined ? undefined : BigInt(result.meta.last_row_id),
  });
}

class D1Statement implements D1PreparedStatement {
  constructor(readonly inner: D1PreparedStatement) {}
  bind(...values: unknown[]) {
    return new D1Statement(this.inner.bind(...values));
  }
  first(column?: string) {
    return this.inner.first(column);
  }
  async run() {
    return withLibsqlFields(await this.inner.run());
  }
  all() {
    return this.inner.all();
  }
  raw(options?: { columnNames?: boolean }) {
    return this.inner.raw(options);
  }
}

/** Wraps a D1 binding so write results look like libSQL's (rowsAffected) for code typed against LibSQLDatabase. */
function d1Adapter(d1: D1Database): D1Database {
  return {
    prepare: (query) => new D1Statement(d1.prepare(query)),
    batch: async (statements) =>
      (await d1.batch(statements.map((s) => (s instanceof D1Statement ? s.inner : s)))).map(
        withLibsqlFields,
      ),
    exec: (query) => d1.exec(query),
  };
}

type BatchableQuery = {
  _prepare(): {
    getQuery(): { sql: string; params: unknown[]; method?: string };
    mapResult(result: unknown, isFromBatch: boolean): unknown;
    executeMethod?: string;
    /** The selected fields of a query-builder select (drizzle internal). */
    fields?: unknown[];
  };
};

/**
 * drizzle-orm 0.45's D1 batch has three faults, all hit by the app, so the batch is rebuilt here
 * from each item's SQL and parameters:
 * - a raw `db.all(sql…)` item with parameters crashes (it reads `.stmt` of a SQLiteRaw;
 *   drizzle-orm#2277);
 * - a `.get()` item that finds no row crashes (drizzle-orm#2721);
 * - D1 returns batch rows as objects, so a select with two columns of the same name (a join:
 *   `examinations.notes, schools.name, crebos.name`) loses one and every later field shifts.
 *   Such an item is read again on its own with `raw()`, which keeps the columns by position.
 */
function fixD1Batch(db: unknown, d1: D1Database) {
  const session = (db as { session: { batch: (queries: BatchableQuery[]) => Promise<unknown[]> } })
    .session;
  session.batch = async (queries) => {
    const prepared = queries.map((q) => q._prepare());
    const built = prepared.map((p) => p.getQuery());
    const results = await d1.batch(built.map((q) => d1.prepare(q.sql).bind(...q.params)));
    return Promise.all(
      results.map(async (result, i) => {
        const item = prepared[i];
        const method = item.executeMethod ?? built[i].method;
        if (method === "get" && result.results.length === 0) return undefined;
        const first = result.results[0];
        if (item.fields && first && Object.keys(first).length < item.fields.length) {
          const rows = await d1
            .prepare(built[i].sql)
            .bind(...built[i].params)
            .raw();
          return item.mapResult({ ...result, results: rows }, true);
        }
        return item.mapResult(result, true);
      }),
    );
  };
}

/** The database for a Worker request, from its bindings. Nothing else needs to know which. */
export function openWorkerDatabase(env: WorkerBindings): WorkerDatabase {
  if (env.DB) {
    const d1 = d1Adapter(env.DB);
    const db = drizzleD1(d1 as never, { schema });
    fixD1Batch(db, d1);
    return {
      db: db as unknown as DB,
      driver: "d1",
      ping: async () => {
        await d1.prepare("SELECT 1").all();
      },
    };
  }
  const url = env.DATABASE_URL;
  if (!url || url.startsWith("file:") || url === ":memory:") {
    throw new Error(
      "Geen database: koppel een D1-database als binding DB of zet de secrets DATABASE_URL (libsql:// of https://) en DATABASE_AUTH_TOKEN.",
    );
  }
  const client = createWebClient({ url, authToken: env.DATABASE_AUTH_TOKEN });
  return {
    db: drizzle(client, { schema }),
    driver: "libsql-web",
    ping: async () => {
      await client.execute("SELECT 1");
    },
  };
}
