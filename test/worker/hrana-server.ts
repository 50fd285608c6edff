// A small Hrana-over-HTTP server (protocol version 2, JSON: POST /v2/pipeline), the protocol that
// Turso/sqld speak and `@libsql/client/web` uses, backed by a local SQLite file through the
// synchronous `libsql` package. Enough of the protocol for the Worker's libSQL path to run in
// workerd against a real database in tests: execute, batch with conditions, sequence, stored SQL,
// autocommit, close. Each pipeline runs synchronously, so requests never interleave inside a batch.
// Test use only; loopback only.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";

type SqliteStatement = {
  reader: boolean;
  raw(on?: boolean): SqliteStatement;
  safeIntegers(on?: boolean): SqliteStatement;
  all(...params: unknown[]): unknown[][];
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  columns(): { name: string; type: string | null }[];
};
type SqliteDatabase = {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  close(): void;
  readonly inTransaction: boolean;
};

const Database = createRequire(import.meta.url)("libsql") as new (path: string) => SqliteDatabase;

type HValue =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };
type HStmt = {
  sql?: string;
  sql_id?: number;
  args?: HValue[];
  named_args?: { name: string; value: HValue }[];
  want_rows?: boolean;
};
type HCond =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: HCond }
  | { type: "and" | "or"; conds: HCond[] }
  | { type: "is_autocommit" };
type HRequest =
  | { type: "close" | "get_autocommit" }
  | { type: "execute"; stmt: HStmt }
  | { type: "batch"; batch: { steps: { condition?: HCond; stmt: HStmt }[] } }
  | { type: "sequence"; sql?: string; sql_id?: number }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number };

class ProtocolError extends Error {}

function fromValue(v: HValue): unknown {
  switch (v.type) {
    case "null":
      return null;
    case "integer":
      return BigInt(v.value);
    case "float":
      return v.value;
    case "text":
      return v.value;
    case "blob":
      return Buffer.from(v.base64, "base64");
  }
}

function toValue(v: unknown): HValue {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  if (typeof v === "number") return { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (v instanceof Uint8Array) return { type: "blob", base64: Buffer.from(v).toString("base64") };
  throw new ProtocolError(`cannot encode ${typeof v}`);
}

export type HranaServer = {
  url: string;
  token: string;
  requests: () => number;
  close: () => Promise<void>;
};

/** Serves the SQLite file at `path` on http://127.0.0.1:<free port>; requires `Bearer <token>`. */
export async function startHranaServer(path: string): Promise<HranaServer> {
  const db = new Database(path);
  db.exec("PRAGMA foreign_keys = ON");
  const token = randomBytes(16).toString("hex");
  const streams = new Map<string, Map<number, string>>();
  let count = 0;

  const sqlOf = (s: { sql?: string; sql_id?: number }, sqls: Map<number, string>) => {
    if (s.sql !== undefined) return s.sql;
    const stored = s.sql_id === undefined ? undefined : sqls.get(s.sql_id);
    if (stored === undefined) throw new ProtocolError("unknown sql_id");
    return stored;
  };

  const execute = (stmt: HStmt, sqls: Map<number, string>) => {
    const prepared = db.prepare(sqlOf(stmt, sqls));
    let params: unknown = (stmt.args ?? []).map(fromValue);
    if (stmt.named_args?.length)
      params = Object.fromEntries(
        stmt.named_args.map((a) => [a.name.replace(/^[:@$]/, ""), fromValue(a.value)]),
      );
    const before = Number((db.prepare("SELECT total_changes()").raw().all()[0] as unknown[])[0]);
    let rows: unknown[][] = [];
    let cols: { name: string; decltype: string | null }[] = [];
    let lastInsertRowid: string | null = null;
    if (prepared.reader) {
      cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type ?? null }));
      rows = prepared.raw(true).safeIntegers(true).all(params) as unknown[][];
    } else {
      const info = prepared.run(params);
      lastInsertRowid = String(info.lastInsertRowid);
    }
    const after = Number((db.prepare("SELECT total_changes()").raw().all()[0] as unknown[])[0]);
    return {
      cols,
      rows: stmt.want_rows === false ? [] : rows.map((r) => r.map(toValue)),
      affected_row_count: after - before,
      last_insert_rowid: lastInsertRowid,
    };
  };

  const evalCond = (c: HCond, results: unknown[], errors: unknown[]): boolean => {
    switch (c.type) {
      case "ok":
        return results[c.step] !== null && results[c.step] !== undefined;
      case "error":
        return errors[c.step] !== null && errors[c.step] !== undefined;
      case "not":
        return !evalCond(c.cond, results, errors);
      case "and":
        return c.conds.every((x) => evalCond(x, results, errors));
      case "or":
        return c.conds.some((x) => evalCond(x, results, errors));
      case "is_autocommit":
        return !db.inTransaction;
    }
  };

  const handle = (req: HRequest, sqls: Map<number, string>) => {
    switch (req.type) {
      case "close":
        return { type: "close" };
      case "get_autocommit":
        return { type: "get_autocommit", is_autocommit: !db.inTransaction };
      case "execute":
        return { type: "execute", result: execute(req.stmt, sqls) };
      case "sequence":
        db.exec(sqlOf(req, sqls));
        return { type: "sequence" };
      case "store_sql":
        sqls.set(req.sql_id, req.sql);
        return { type: "store_sql" };
      case "close_sql":
        sqls.delete(req.sql_id);
        return { type: "close_sql" };
      case "batch": {
        const results: unknown[] = [];
        const errors: unknown[] = [];
        req.batch.steps.forEach((step, i) => {
          results[i] = null;
          errors[i] = null;
          if (step.condition && !evalCond(step.condition, results, errors)) return;
          try {
            results[i] = execute(step.stmt, sqls);
          } catch (err) {
            errors[i] = {
              message: err instanceof Error ? err.message : String(err),
              code: "SQLITE_ERROR",
            };
          }
        });
        return { type: "batch", result: { step_results: results, step_errors: errors } };
      }
      default:
        throw new ProtocolError(`unsupported request ${(req as { type: string }).type}`);
    }
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c) => chunks.push(c));
    request.on("end", () => {
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (request.headers.authorization !== `Bearer ${token}`)
        return send(401, { error: "unauthorized" });
      if (request.method !== "POST" || request.url !== "/v2/pipeline")
        return send(404, { error: "not found" });
      count++;
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        baton: string | null;
        requests: HRequest[];
      };
      const sqls = (body.baton && streams.get(body.baton)) || new Map<number, string>();
      if (body.baton) streams.delete(body.baton);
      let closed = false;
      const results = body.requests.map((req) => {
        if (req.type === "close") closed = true;
        try {
          return { type: "ok", response: handle(req, sqls) };
        } catch (err) {
          return {
            type: "error",
            error: {
              message: err instanceof Error ? err.message : String(err),
              code: "SQLITE_ERROR",
            },
          };
        }
      });
      let baton: string | null = null;
      if (!closed) {
        baton = randomBytes(12).toString("hex");
        streams.set(baton, sqls);
      } else if (db.inTransaction) {
        db.exec("ROLLBACK"); // a stream that ends inside a transaction rolls it back, as sqld does
      }
      send(200, { baton, base_url: null, results });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          db.close();
          resolve();
        });
      }),
  };
}
