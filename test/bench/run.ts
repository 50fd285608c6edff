// `npm run bench [-- --assessors N --iterations N --budget S --burst N --db FILE --cache-mb N
//   --sections latency,throughput,cold,csv --seconds S --before DIR]`:
// builds a demo register of N assessors and measures the app against baselines taken in the same
// run (DESIGN §10): in process, each request's own SQL replayed raw on libSQL and a hello-world
// Hono route (latency); through the real Node server in a child process, autocannon at 50
// connections against a hello-world process (throughput), and cold searches right after a write,
// the whole-list CSV, RSS and start time (cold). `--before DIR` also measures an older checkout in
// the same run. Writes bench/results/<timestamp>.json and prints a summary. Targets are ratios.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { Hono } from "hono";
import { createApp } from "#src/app";
import { createApiToken } from "#src/auth/tokens";
import { createSession } from "#src/auth/sessions";
import { parseConfig } from "#src/config";
import { openDatabase, schema, type DB } from "#src/db";
import { amsterdamDate } from "#src/rules";
import { httpSection, HTTP_TARGETS, printHttp } from "./http-section";
import {
  memoryBurst,
  recordingClient,
  replay,
  statementCount,
  stats,
  time,
  type MemoryBurst,
  type Stats,
} from "./measure";

/** app p50 ≤ ratio × (raw SQL p50 + hello p50); statements per request ≤ maxStatements. */
const TARGETS = {
  searchRatio: 1.5,
  pageRatio: 2,
  csvRatio: 2,
  schoolRatio: 2,
  maxStatements: 12,
};

const { values: flags } = parseArgs({
  options: {
    assessors: { type: "string", default: "100000" },
    iterations: { type: "string", default: "100" },
    /** Seconds per scenario at most (at least 5 iterations run), so large scales stay bounded. */
    budget: { type: "string", default: "3" },
    /** Requests in the concurrent search burst (RSS measurement). */
    burst: { type: "string", default: "100" },
    /** Reuse (or keep) the database file; it is built when missing. */
    db: { type: "string" },
    /** Sets PRAGMA cache_size for the measured connection (default: the app's setting). */
    "cache-mb": { type: "string" },
    out: { type: "string", default: "bench/results" },
    sections: { type: "string", default: "latency,throughput,cold" },
    /** Seconds per autocannon run. */
    seconds: { type: "string", default: "3" },
    /** Another checkout (with node_modules) to measure in the same run, e.g. main before a change. */
    before: { type: "string" },
  },
});
const assessorCount = Number(flags.assessors);
const iterations = Number(flags.iterations);
const budgetMs = Number(flags.budget) * 1000;
const burst = Number(flags.burst);
const cacheMb = flags["cache-mb"] === undefined ? null : Number(flags["cache-mb"]);
const sections = new Set(flags.sections!.split(",").map((s) => s.trim()));
const seconds = Number(flags.seconds);
if (
  !Number.isInteger(assessorCount) ||
  assessorCount < 10 ||
  !Number.isInteger(iterations) ||
  iterations < 5 ||
  !(budgetMs > 0) ||
  !Number.isInteger(burst) ||
  burst < 1 ||
  (cacheMb !== null && !(cacheMb > 0)) ||
  !(seconds > 0) ||
  [...sections].some((s) => !["latency", "throughput", "cold", "csv"].includes(s))
) {
  console.error(
    "Gebruik: npm run bench -- [--assessors N (≥ 10)] [--iterations N (≥ 5)] [--budget S] [--burst N] [--db FILE] [--cache-mb N] [--out DIR] [--sections latency,throughput,cold,csv] [--seconds S] [--before DIR]",
  );
  process.exit(2);
}

const now = new Date();
const today = amsterdamDate(now);

/** Seeds in a child process; returns how long it took. */
function buildDatabase(path: string): number {
  const t0 = performance.now();
  const script = fileURLToPath(new URL("./build-db.ts", import.meta.url));
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", script, path, String(assessorCount), today],
    {
      stdio: "inherit",
    },
  );
  if (result.status !== 0) throw new Error(`building the database failed (exit ${result.status})`);
  return Math.round(performance.now() - t0);
}

type Scenario = {
  name: string;
  group: "search" | "csv" | "school" | "page" | "floor";
  path: string;
  headers?: Record<string, string>;
  iterations: number;
};

type ScenarioResult = {
  name: string;
  group: Scenario["group"];
  path: string;
  status: number;
  statements: number;
  bytes: number;
  app: Stats;
  rawSql: Stats;
  ratio: number;
  target?: number;
  pass?: boolean;
};

async function main() {
  const workDir = flags.db ? null : mkdtempSync(join(tmpdir(), "register-bench-"));
  const dbPath = flags.db ?? join(workDir!, "bench.db");
  let buildMs = 0;
  if (existsSync(dbPath)) console.log(`Bestaande database gebruikt: ${dbPath}`);
  else {
    console.log(`Database opbouwen met ${assessorCount} fictieve beoordelaars …`);
    buildMs = buildDatabase(dbPath);
    console.log(`  klaar in ${(buildMs / 1000).toFixed(1)} s`);
  }

  const opened = await openDatabase(`file:${dbPath}`);
  if (cacheMb !== null)
    await opened.client.execute(`PRAGMA cache_size = -${Math.round(cacheMb * 1024)}`);
  const cacheSize = (await opened.client.execute("PRAGMA cache_size")).rows[0][0];
  const recorder = recordingClient(opened.client);
  const db: DB = drizzle(recorder.client, { schema });
  const config = parseConfig({
    NODE_ENV: "production",
    BASE_URL: "http://localhost:8787",
    SEED_DEMO: "0",
  });
  const app = createApp({ db, config, now: () => now });
  const hello = new Hono();
  hello.get("/hello", (c) => c.text("Hallo"));

  const one = async <T>(q: ReturnType<typeof sql>) => (await db.all<T>(q))[0];
  const scale = {
    assessors: (await one<{ n: number }>(sql`SELECT count(*) AS n FROM assessors`)).n,
    publicToday: (
      await one<{ n: number }>(
        sql`SELECT count(*) AS n FROM assessors WHERE public_eligible = 1 AND valid_until >= ${today} AND (deregistered_on IS NULL OR deregistered_on > ${today})`,
      )
    ).n,
    examinations: (await one<{ n: number }>(sql`SELECT count(*) AS n FROM examinations`)).n,
    schools: (await one<{ n: number }>(sql`SELECT count(*) AS n FROM schools`)).n,
  };
  const crebo = (
    await one<{ code: string }>(
      sql`SELECT crebo_code AS code FROM assessor_crebos GROUP BY crebo_code ORDER BY count(*) DESC LIMIT 1`,
    )
  ).code;
  const utrecht = (
    await one<{ code: string }>(
      sql`SELECT code FROM places WHERE name = 'Utrecht' AND province = 'UT'`,
    )
  ).code;
  const schoolUser = await one<{ id: string; school_id: string }>(
    sql`SELECT id, school_id FROM users WHERE email = 'examen@rocmidden.demo'`,
  );
  const { token } = await createApiToken(db, {
    userId: schoolUser.id,
    schoolId: schoolUser.school_id,
    name: "bench",
  });
  const cookie = (await createSession(db, schoolUser.id, { secure: false })).split(";")[0];
  const bearer = { authorization: `Bearer ${token}` };

  const n = iterations;
  const csvN = Math.max(5, Math.round(n / 15));
  const scenarios: Scenario[] = [
    { name: "healthz (middleware + SELECT 1)", group: "floor", path: "/healthz", iterations: n },
    { name: "search: no parameters", group: "search", path: "/api/v1/assessors", iterations: n },
    { name: "search: q=jan", group: "search", path: "/api/v1/assessors?q=jan", iterations: n },
    {
      name: "search: q=van der meer",
      group: "search",
      path: "/api/v1/assessors?q=van%20der%20meer",
      iterations: n,
    },
    {
      name: "search: q=ber relevance",
      group: "search",
      path: "/api/v1/assessors?q=ber&sort=relevance",
      iterations: n,
    },
    {
      name: "search: q=de (short word)",
      group: "search",
      path: "/api/v1/assessors?q=de",
      iterations: n,
    },
    {
      name: "search: province+crebo",
      group: "search",
      path: `/api/v1/assessors?province=UT&crebo=${crebo}`,
      iterations: n,
    },
    {
      name: "search: near 25 km by distance",
      group: "search",
      path: `/api/v1/assessors?place=${utrecht}&radius_km=25&sort=distance`,
      iterations: n,
    },
    {
      name: "search: near a postcode (3511, 25 km)",
      group: "search",
      path: "/api/v1/assessors?near=3511",
      iterations: n,
    },
    {
      name: "search: page 40, 100 per page",
      group: "search",
      path: "/api/v1/assessors?page=40&per_page=100",
      iterations: n,
    },
    { name: "search page / (HTML)", group: "page", path: "/?q=jan&province=UT", iterations: n },
    {
      name: "CSV: whole public list",
      group: "csv",
      path: "/api/v1/assessors.csv",
      iterations: csvN,
    },
    {
      name: "CSV: province=NH",
      group: "csv",
      path: "/api/v1/assessors.csv?province=NH",
      iterations: csvN,
    },
    {
      name: "school list API",
      group: "school",
      path: "/api/v1/school/assessors",
      headers: bearer,
      iterations: n,
    },
    {
      name: "school list API, expiring",
      group: "school",
      path: "/api/v1/school/assessors?status=expiring",
      headers: bearer,
      iterations: n,
    },
    {
      name: "school dashboard /school",
      group: "school",
      path: "/school",
      headers: { cookie },
      iterations: n,
    },
  ];

  const latency = sections.has("latency");
  const helloSamples: number[] = [];
  for (let i = 0; i < (latency ? n * 5 : 1); i++)
    helloSamples.push(await time(async () => (await hello.request("/hello")).text()));
  const helloStats = stats(helloSamples);

  const results: ScenarioResult[] = [];
  const skipped: { name: string; path: string; status: number }[] = [];
  for (const s of latency ? scenarios : []) {
    const request = async () => {
      const res = await app.request(s.path, { headers: s.headers });
      return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
    };
    const probe = await request();
    if (probe.status !== 200) {
      skipped.push({ name: s.name, path: s.path, status: probe.status });
      continue;
    }
    for (let i = 0; i < 3; i++) await request();
    recorder.start();
    await request();
    const calls = recorder.stop();
    const appSamples: number[] = [];
    const rawSamples: number[] = [];
    // Interleaved so that drift (GC, page cache) hits both sides alike.
    const started = performance.now();
    for (let i = 0; i < s.iterations && (i < 5 || performance.now() - started < budgetMs); i++) {
      appSamples.push(await time(request));
      rawSamples.push(await time(() => replay(opened.client, calls)));
    }
    const appStats = stats(appSamples);
    const rawStats = stats(rawSamples);
    const ratio = Math.round((appStats.p50 / (rawStats.p50 + helloStats.p50)) * 100) / 100;
    const target =
      s.group === "search"
        ? TARGETS.searchRatio
        : s.group === "page"
          ? TARGETS.pageRatio
          : s.group === "csv"
            ? TARGETS.csvRatio
            : s.group === "school"
              ? TARGETS.schoolRatio
              : undefined;
    const statements = statementCount(calls);
    results.push({
      name: s.name,
      group: s.group,
      path: s.path,
      status: probe.status,
      statements,
      bytes: probe.bytes,
      app: appStats,
      rawSql: rawStats,
      ratio,
      target,
      pass:
        target === undefined
          ? undefined
          : ratio <= target && (s.group === "csv" || statements <= TARGETS.maxStatements),
    });
    process.stdout.write(".");
  }
  process.stdout.write("\n");

  const searchPaths = scenarios.filter((s) => s.group === "search").map((s) => s.path);
  const memory: Record<string, MemoryBurst> = !latency
    ? {}
    : {
        [`searches${burst}x50`]: await memoryBurst(burst, 50, async (i) =>
          (await app.request(searchPaths[i % searchPaths.length])).arrayBuffer(),
        ),
        csv10x5: await memoryBurst(10, 5, async () =>
          (await app.request("/api/v1/assessors.csv")).arrayBuffer(),
        ),
      };

  // The HTTP sections: the bench's own connection is closed first, so the servers are alone.
  const writer = await one<{ id: string }>(
    sql`SELECT id FROM assessors WHERE registering_school_id = ${schoolUser.school_id} AND public_consent = 1 LIMIT 1`,
  );
  opened.client.close();
  const checkouts = [
    ...(flags.before ? [{ label: "voor (--before)", dir: flags.before }] : []),
    { label: "deze checkout", dir: process.cwd() },
  ];
  const http =
    sections.has("throughput") || sections.has("cold") || sections.has("csv")
      ? await httpSection({
          dbPath,
          checkouts,
          seconds,
          throughput: sections.has("throughput"),
          cold: sections.has("cold"),
          csv: sections.has("csv"),
          write: { token, assessorId: writer.id },
        })
      : [];

  const report = {
    date: now.toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    scale,
    buildMs,
    iterations: n,
    budgetSeconds: budgetMs / 1000,
    cacheSize,
    targets: TARGETS,
    hello: helloStats,
    scenarios: results,
    skipped,
    memory,
    http,
    httpTargets: HTTP_TARGETS,
    pass: results.every((r) => r.pass !== false),
  };

  console.log(
    `\n${scale.assessors} beoordelaars (${scale.publicToday} openbaar), ${scale.examinations} examens · Node ${process.version} · ${cpus().length} cpu's · cache_size ${cacheSize}`,
  );
  const pad = (v: string | number, w: number) => String(v).padStart(w);
  if (latency) {
    console.log(`hello-world p50 ${helloStats.p50} ms\n`);
    console.log(
      `${"scenario".padEnd(36)}${pad("app p50", 10)}${pad("p95", 9)}${pad("sql p50", 10)}${pad("sql#", 6)}${pad("ratio", 8)}  doel`,
    );
  }
  for (const r of results)
    console.log(
      `${r.name.padEnd(36)}${pad(r.app.p50.toFixed(2), 10)}${pad(r.app.p95.toFixed(2), 9)}${pad(r.rawSql.p50.toFixed(2), 10)}${pad(r.statements, 6)}${pad(r.ratio.toFixed(2), 8)}  ${r.target === undefined ? "" : `≤ ${r.target} ${r.pass ? "ok" : "NIET GEHAALD"}`}`,
    );
  for (const s of skipped) console.log(`${s.name.padEnd(36)}  overgeslagen (status ${s.status})`);
  for (const [name, m] of Object.entries(memory))
    console.log(
      `geheugen ${name}: ${m.requests} verzoeken in ${m.ms} ms, RSS ${m.rssBeforeMb} → piek ${m.rssPeakMb} MB (+${m.peakDeltaMb}), daarna ${m.rssAfterMb} MB`,
    );
  if (http.length && !printHttp(http)) report.pass = false;
  mkdirSync(flags.out!, { recursive: true });
  const file = join(flags.out!, `${now.toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  console.log(`\nResultaten: ${file}`);
  console.log(
    report.pass ? "Alle doelen gehaald." : "Niet alle doelen gehaald (zie NIET GEHAALD).",
  );

  if (workDir) rmSync(workDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error("Benchmark mislukt:", err);
  process.exit(1);
});
