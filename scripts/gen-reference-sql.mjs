// Writes the reference data (provinces, municipalities, places, postcodes, crebos from db/reference/) as SQL
// for D1 or Turso: `node scripts/gen-reference-sql.mjs [--out dist/sql/reference.sql]`.
// The rows are made by the same code as on Node (src/reference-data.ts, incl. the normalised
// place names) and written as INSERT OR IGNORE (places: an upsert of the coordinates), so loading it twice is
// harmless and rows the admin edited are kept.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { dumpTable, header, openSourceDatabase, option, REFERENCE_TABLES } from "./gen-sql-lib.mjs";

export const DEFAULT_REFERENCE_SQL = "dist/sql/reference.sql";

export async function generateReferenceSql(out = DEFAULT_REFERENCE_SQL) {
  const source = await openSourceDatabase();
  try {
    const parts = [
      header(
        "Reference data: provinces, municipalities, places, postcodes, crebos (db/reference/)",
      ),
    ];
    const counts = {};
    for (const table of REFERENCE_TABLES) {
      // Place coordinates are updated with the reference data (places.csv of 2026-11-29).
      const statements = await dumpTable(
        source.client,
        table,
        "ignore",
        table === "places" ? "(code) DO UPDATE SET lat = excluded.lat, lon = excluded.lon" : "",
      );
      counts[table] = Number(
        (await source.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0].n,
      );
      parts.push(`-- ${table}: ${counts[table]} rows`, ...statements);
    }
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, parts.join("\n") + "\n");
    return { out, counts };
  } finally {
    source.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const { out, counts } = await generateReferenceSql(option(args, "out", DEFAULT_REFERENCE_SQL));
  console.log(
    `${out}: ${Object.entries(counts)
      .map(([t, n]) => `${t} ${n}`)
      .join(", ")}`,
  );
}
