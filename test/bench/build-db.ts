// Builds the benchmark database: `node --import tsx test/bench/build-db.ts FILE COUNT TODAY`.
// Run as its own process by run.ts, so that seeding's memory does not show in the RSS figures.
import { seedDemo } from "#db/seed/demo";
import { openDatabase } from "#src/db";
import { runMigrations } from "#src/migrate";
import { loadReferenceData } from "#src/reference-data";

const [path, count, today] = process.argv.slice(2);
const { db, client } = await openDatabase(`file:${path}`);
// Seeding only: the measured connection uses the standard pragmas (synchronous=FULL).
await client.execute("PRAGMA synchronous = OFF");
await runMigrations(db);
await loadReferenceData(db);
await seedDemo(db, { on: today, count: Number(count) });
client.close();
