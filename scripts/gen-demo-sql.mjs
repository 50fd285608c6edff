// Writes the fictional demo data as SQL for a local D1 database (what `npm run dev:worker` loads):
//   node scripts/gen-demo-sql.mjs [--out dist/sql/demo.sql] [--on YYYY-MM-DD] [--assessors N] [--db FILE]
// The rows are made by db/seed/demo.ts against a temporary libSQL file (the same code as the Node
// start), then every data table except the reference tables is written as INSERT statements in
// foreign-key order. The FTS index is filled by the insert trigger in the target database.
// --db keeps that libSQL file (the smoke test compares search on it with search on D1).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import {
  dataTables,
  dumpTable,
  foreignKeyOrder,
  header,
  importTs,
  openSourceDatabase,
  option,
  REFERENCE_TABLES,
} from "./gen-sql-lib.mjs";

export const DEFAULT_DEMO_SQL = "dist/sql/demo.sql";

export async function generateDemoSql({ out = DEFAULT_DEMO_SQL, on, count = 300, dbFile } = {}) {
  const { seedDemo } = await importTs("../db/seed/demo.ts");
  const { amsterdamDate } = await importTs("../src/rules/index.ts");
  const day = on ?? amsterdamDate(new Date());
  const source = await openSourceDatabase(dbFile);
  try {
    const result = await seedDemo(source.db, { on: day, count });
    const tables = (await dataTables(source.client)).filter((t) => !REFERENCE_TABLES.includes(t));
    const ordered = await foreignKeyOrder(source.client, tables);
    const parts = [
      header(`Demo data (fictional, marked demo = 1): ${count} assessors, generated for ${day}`),
    ];
    for (const table of ordered) {
      const n = Number(
        (await source.client.execute(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n,
      );
      parts.push(`-- ${table}: ${n} rows`, ...(await dumpTable(source.client, table, "insert")));
    }
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, parts.join("\n") + "\n");
    return { out, on: day, tables: ordered, logins: result.logins, dbFile: source.file };
  } finally {
    source.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const count = Number(option(args, "assessors", "300"));
  if (!Number.isInteger(count) || count < 1 || count > 100000)
    throw new Error("--assessors: 1 to 100000");
  const result = await generateDemoSql({
    out: option(args, "out", DEFAULT_DEMO_SQL),
    on: option(args, "on", undefined),
    count,
    dbFile: option(args, "db", undefined),
  });
  console.log(`${result.out}: demo data for ${result.on} (${result.tables.join(", ")})`);
}
