// npm run dev:worker [-- --port 8787] [--reset] [--no-demo]
// The full register locally in workerd (wrangler dev) with a local D1 database:
//   1. copy the static assets (public/vendor/htmx.min.js),
//   2. apply db/migrations to the local D1 database (wrangler d1 migrations apply DB --local),
//   3. load the reference data (dist/sql/reference.sql, made from db/reference/) when it is missing,
//   4. load fictional demo data (dist/sql/demo.sql) into a new database, unless --no-demo / SEED_DEMO=0,
//   5. wrangler dev on http://127.0.0.1:<port> (rebuilds on file changes).
// The local database lives in .wrangler/state; --reset starts from an empty one.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_DEMO_SQL, generateDemoSql } from "./gen-demo-sql.mjs";
import { DEFAULT_REFERENCE_SQL, generateReferenceSql } from "./gen-reference-sql.mjs";
import { option } from "./gen-sql-lib.mjs";
import {
  applyMigrations,
  executeSqlFile,
  queryLocal,
  root,
  startWranglerDev,
} from "./worker-local.mjs";

const args = process.argv.slice(2);
const port = Number(option(args, "port", process.env.PORT ?? "8787"));
const withDemo =
  !args.includes("--no-demo") && !["0", "false", "no"].includes(process.env.SEED_DEMO ?? "");

function step(text) {
  console.log(`\n▸ ${text}`);
}

function newerThan(target, sources) {
  if (!existsSync(target)) return false;
  const built = statSync(target).mtimeMs;
  return sources.every((s) => statSync(s).mtimeMs <= built);
}

async function main() {
  process.chdir(root);
  if (args.includes("--reset")) {
    step("Lokale D1-database leegmaken (.wrangler/state/v3/d1)");
    rmSync(join(root, ".wrangler", "state", "v3", "d1"), { recursive: true, force: true });
  }

  step("Statische bestanden klaarzetten (npm run build:assets)");
  const assets = spawnSync(process.execPath, ["scripts/copy-assets.mjs"], { stdio: "inherit" });
  if (assets.status !== 0) throw new Error("build:assets mislukt");

  step("Migraties toepassen op de lokale D1-database");
  await applyMigrations(undefined, { quiet: false, timeoutMs: 120_000 });

  const [counts] = await queryLocal(
    undefined,
    "SELECT (SELECT count(*) FROM places) AS places, (SELECT count(*) FROM crebos) AS crebos, (SELECT count(*) FROM postcodes) AS postcodes, (SELECT count(*) FROM users) AS users",
  );

  if (counts.places === 0 || counts.crebos === 0 || counts.postcodes === 0) {
    const sources = readdirSync("db/reference")
      .filter((f) => f.endsWith(".csv"))
      .map((f) => join("db/reference", f));
    if (
      !newerThan(DEFAULT_REFERENCE_SQL, [
        ...sources,
        "src/reference-data.ts",
        "src/lib/normalise.ts",
      ])
    ) {
      step(`Referentiegegevens omzetten naar SQL (${DEFAULT_REFERENCE_SQL})`);
      await generateReferenceSql(DEFAULT_REFERENCE_SQL);
    }
    step("Referentiegegevens laden (provincies, gemeenten, plaatsen, crebo's)");
    await executeSqlFile(undefined, DEFAULT_REFERENCE_SQL, { timeoutMs: 120_000 });
  }

  let logins = null;
  if (counts.users === 0 && withDemo) {
    step(`Fictieve demogegevens maken en laden (${DEFAULT_DEMO_SQL})`);
    const demo = await generateDemoSql({ out: DEFAULT_DEMO_SQL });
    await executeSqlFile(undefined, DEFAULT_DEMO_SQL, { timeoutMs: 120_000 });
    logins = demo.logins;
  }

  step(`wrangler dev op http://127.0.0.1:${port}`);
  const dev = await startWranglerDev({ port, inherit: true, readyTimeoutMs: 120_000 });
  console.log(
    `\nRegister draait in workerd op ${dev.url} (lokale D1-database in .wrangler/state).`,
  );
  if (logins) {
    console.log("\nDemogegevens geladen (fictief). Inloggen kan met:");
    for (const l of logins)
      console.log(`  ${l.email}  /  ${l.password}  (${l.school ?? "beheerder register"})`);
  }
  console.log("\nStoppen met Ctrl-C.");
  const stop = async () => {
    await dev.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  dev.child.on("close", (code) => process.exit(code ?? 0));
}

main().catch((err) => {
  console.error(`\nWorker starten mislukt: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
