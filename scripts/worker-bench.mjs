// Local latency of the public search on D1 (workerd under wrangler dev) against embedded libSQL
// (the Node server), both over HTTP on 127.0.0.1 with the same demo data:
//   node scripts/worker-bench.mjs [--assessors 2000] [--requests 200]
// Prints a Markdown table (median, p95, mean in ms) per query. The numbers in
// docs/decisions/0005-d1-versus-turso.md come from this script. Loopback only, bounded in count.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { generateDemoSql } from "./gen-demo-sql.mjs";
import { generateReferenceSql } from "./gen-reference-sql.mjs";
import { importTs, option } from "./gen-sql-lib.mjs";
import {
  applyMigrations,
  executeSqlFile,
  freePort,
  runWrangler,
  startWranglerDev,
  writeBundleConfig,
} from "./worker-local.mjs";

const args = process.argv.slice(2);
const count = Number(option(args, "assessors", "2000"));
const requests = Number(option(args, "requests", "200"));
if (!Number.isInteger(count) || count < 1 || count > 20000)
  throw new Error("--assessors: 1 to 20000");
if (!Number.isInteger(requests) || requests < 10 || requests > 2000)
  throw new Error("--requests: 10 to 2000");

const QUERIES = [
  ["no database (404 JSON)", "/api/v1/bestaat-niet", 404],
  ["healthz (SELECT 1)", "/healthz"],
  ["text: sanchez", "/api/v1/assessors?q=sanchez"],
  ["text: van der meer", "/api/v1/assessors?q=van%20der%20meer"],
  ["province UT", "/api/v1/assessors?province=UT"],
  ["crebo + province", "/api/v1/assessors?province=NH&crebo=25332"],
  ["near Utrecht 40 km", "/api/v1/assessors?near=3295&radius_km=40&sort=distance"],
  ["all, page 3", "/api/v1/assessors?page=3&per_page=50"],
  ["provinces", "/api/v1/provinces"],
];

async function timeRequests(base, path, n, expected = 200) {
  const times = [];
  for (let i = 0; i < 10; i++) await (await fetch(base + path)).arrayBuffer(); // warm-up
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const res = await fetch(base + path);
    await res.arrayBuffer();
    if (res.status !== expected) throw new Error(`${path}: ${res.status}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const pick = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: pick(0.5), p95: pick(0.95), mean: times.reduce((a, b) => a + b, 0) / times.length };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "register-worker-bench-"));
  let dev = null;
  let server = null;
  let source = null;
  try {
    console.error(`Preparing ${count} demo assessors…`);
    const sourceDb = join(dir, "source.db");
    await Promise.all([
      runWrangler(["deploy", "--dry-run", "--env", "", "--outdir", join(dir, "bundle")], {
        timeoutMs: 120_000,
      }),
      generateReferenceSql(join(dir, "reference.sql")),
    ]);
    await generateDemoSql({ out: join(dir, "demo.sql"), count, dbFile: sourceDb });
    const seed = join(dir, "seed.sql");
    writeFileSync(
      seed,
      readFileSync(join(dir, "reference.sql"), "utf8") +
        readFileSync(join(dir, "demo.sql"), "utf8"),
    );
    const persistTo = join(dir, "state");
    await applyMigrations(persistTo, { timeoutMs: 120_000 });
    await executeSqlFile(persistTo, seed, { timeoutMs: 600_000 });

    const config = writeBundleConfig(join(dir, "wrangler.json"), {
      main: join(dir, "bundle", "worker.js"),
    });
    dev = await startWranglerDev({ persistTo, config, logLevel: "warn", readyTimeoutMs: 120_000 });

    // The Node server, as `npm start` runs it, on the same data.
    const { serve } = await import("@hono/node-server");
    const { createApp } = await importTs("../src/app.ts");
    const { parseConfig } = await importTs("../src/config.ts");
    const { openDatabase } = await importTs("../src/db.ts");
    source = await openDatabase(`file:${sourceDb}`);
    const port = await freePort();
    const app = createApp({
      db: source.db,
      config: parseConfig({ NODE_ENV: "production", BASE_URL: `http://127.0.0.1:${port}` }),
    });
    server = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const node = `http://127.0.0.1:${port}`;

    const rows = [];
    for (const [name, path, expected] of QUERIES) {
      const d1 = await timeRequests(dev.url, path, requests, expected);
      const libsql = await timeRequests(node, path, requests, expected);
      rows.push({ name, d1, libsql });
      console.error(`  ${name}: D1 ${d1.p50.toFixed(1)} ms, libSQL ${libsql.p50.toFixed(1)} ms`);
    }
    const f = (x) => x.toFixed(1);
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(" ");
    console.log(
      `\n${count} demo assessors, ${requests} sequential requests per query after 10 warm-up requests, 127.0.0.1, load average ${load}.\n`,
    );
    console.log(
      "| query | D1 in workerd: median / p95 / mean (ms) | embedded libSQL on Node: median / p95 / mean (ms) |",
    );
    console.log("|---|---|---|");
    for (const r of rows)
      console.log(
        `| ${r.name} | ${f(r.d1.p50)} / ${f(r.d1.p95)} / ${f(r.d1.mean)} | ${f(r.libsql.p50)} / ${f(r.libsql.p95)} / ${f(r.libsql.mean)} |`,
      );
  } finally {
    server?.close();
    source?.client.close();
    await dev?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
