// Shared by the gen-*-sql scripts: builds data with the app's own TypeScript code (via tsx) in a
// temporary libSQL file and writes it out as plain INSERT statements for D1 (`wrangler d1
// execute --file`) or any other SQLite. No bound parameters (D1's limit of 100 per statement does
// not apply to literals); every statement stays under D1's 100 KB statement limit.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { tsImport } from "tsx/esm/api";

/**
 * Largest statement we write. D1 refuses statements over 100,000 bytes; wrangler's SQL splitter
 * (d1 execute --file) takes time quadratic in the statement length, so statements stay small.
 */
const MAX_STATEMENT_BYTES = 8_000;

/** Tables that are bookkeeping of a migrator or SQLite itself, never data. */
const SKIP_TABLES = new Set([
  "__drizzle_migrations",
  "d1_migrations",
  "sqlite_sequence",
  "_cf_KV",
  "_cf_METADATA",
  // Maintained by triggers in the target (migrations 0008, 0009): the inserted rows fill them.
  "public_counts",
  "assessor_lists",
]);

/** Columns maintained by triggers in the target (the FTS rowid): the insert trigger fills them. */
const SKIP_COLUMNS = { assessors: new Set(["fts_rowid"]) };

export const REFERENCE_TABLES = ["provinces", "municipalities", "places", "postcodes", "crebos"];

export function importTs(path) {
  return tsImport(path, import.meta.url);
}

/** A SQL literal. Text with control characters (the sort key uses \u0001) goes as a hex blob. */
export function sqlLiteral(value) {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as SQL`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "1" : "0";
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    return `X'${Buffer.from(value instanceof ArrayBuffer ? new Uint8Array(value) : value).toString("hex")}'`;
  }
  const text = String(value);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) {
    return `CAST(X'${Buffer.from(text, "utf8").toString("hex")}' AS TEXT)`;
  }
  return `'${text.replace(/'/g, "''")}'`;
}

function quoteIdent(name) {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * INSERT statements for every row of `table`, several rows per statement.
 * `mode`: "insert" (fail on duplicates) or "ignore" (INSERT OR IGNORE: keep what exists).
 */
export async function dumpTable(client, table, mode = "insert", onConflict = "") {
  const skip = SKIP_COLUMNS[table] ?? new Set();
  const info = await client.execute(`PRAGMA table_info(${quoteIdent(table)})`);
  const columns = info.rows.map((r) => String(r.name)).filter((c) => !skip.has(c));
  if (columns.length === 0) return [];
  const rows = await client.execute(
    `SELECT ${columns.map(quoteIdent).join(", ")} FROM ${quoteIdent(table)} ORDER BY rowid`,
  );
  const head = `INSERT${mode === "ignore" && !onConflict ? " OR IGNORE" : ""} INTO ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) VALUES\n`;
  // An upsert clause replaces OR IGNORE: e.g. places keep their row but take new coordinates.
  const tail = onConflict ? `\nON CONFLICT ${onConflict}` : "";
  const statements = [];
  let values = [];
  let size = head.length;
  for (const row of rows.rows) {
    const tuple = `(${columns.map((c) => sqlLiteral(row[c])).join(", ")})`;
    const bytes = Buffer.byteLength(tuple) + 2;
    if (values.length > 0 && size + bytes > MAX_STATEMENT_BYTES) {
      statements.push(`${head}${values.join(",\n")}${tail};`);
      values = [];
      size = head.length;
    }
    if (head.length + bytes > MAX_STATEMENT_BYTES)
      throw new Error(`a row of ${table} is too large for D1`);
    values.push(tuple);
    size += bytes;
  }
  if (values.length > 0) statements.push(`${head}${values.join(",\n")}${tail};`);
  return statements;
}

/** Plain tables (no virtual tables or their shadow tables, no bookkeeping) that hold rows. */
export async function dataTables(client) {
  const res = await client.execute(
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const virtual = res.rows
    .filter((r) => /^CREATE VIRTUAL/i.test(String(r.sql)))
    .map((r) => String(r.name));
  const names = res.rows
    .map((r) => String(r.name))
    .filter((n) => !SKIP_TABLES.has(n) && !virtual.some((v) => n === v || n.startsWith(`${v}_`)));
  const withRows = [];
  for (const name of names) {
    const count = await client.execute(`SELECT count(*) AS n FROM ${quoteIdent(name)}`);
    if (Number(count.rows[0].n) > 0) withRows.push(name);
  }
  return withRows;
}

/** Orders tables so that every table comes after the tables its foreign keys point to. */
export async function foreignKeyOrder(client, tables) {
  const deps = new Map();
  for (const t of tables) {
    const fks = await client.execute(`PRAGMA foreign_key_list(${quoteIdent(t)})`);
    deps.set(
      t,
      new Set(fks.rows.map((r) => String(r.table)).filter((p) => p !== t && tables.includes(p))),
    );
  }
  const ordered = [];
  const visiting = new Set();
  const visit = (t) => {
    if (ordered.includes(t)) return;
    if (visiting.has(t)) throw new Error(`foreign key cycle at ${t}`);
    visiting.add(t);
    for (const d of deps.get(t)) visit(d);
    visiting.delete(t);
    ordered.push(t);
  };
  for (const t of [...tables].sort()) visit(t);
  return ordered;
}

/**
 * A fresh libSQL file with the real migrations and reference data (the Node code path).
 * Returns the drizzle db, the client and a cleanup function; `keep` leaves the file in place.
 */
export async function openSourceDatabase(file) {
  const { openDatabase } = await importTs("../src/db.ts");
  const { runMigrations } = await importTs("../src/migrate.ts");
  const { loadReferenceData } = await importTs("../src/reference-data.ts");
  let dir = null;
  if (!file) {
    dir = mkdtempSync(join(tmpdir(), "register-sql-"));
    file = join(dir, "source.db");
  } else {
    mkdirSync(dirname(file), { recursive: true });
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  }
  const { db, client } = await openDatabase(`file:${file}`);
  await runMigrations(db);
  await loadReferenceData(db);
  return {
    db,
    client,
    file,
    close() {
      client.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function header(title) {
  return `-- ${title}\n-- Generated by ${process.argv[1]?.split("/").slice(-2).join("/") ?? "scripts"} on ${new Date().toISOString()}. Do not edit.\n`;
}

/** Reads `--name value` options. */
export function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) throw new Error(`--${name} needs a value`);
  return value;
}
