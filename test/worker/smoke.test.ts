// Smoke test of the Workers build in the real runtime: the deployable bundle (wrangler deploy
// --dry-run) runs in workerd under `wrangler dev` on 127.0.0.1 with a local D1 database of its
// own (migrations via `wrangler d1 migrations apply`, reference + demo data via SQL files), and is
// compared with the same data on embedded libSQL in this process.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "#src/app";
import { parseConfig } from "#src/config";
import { openDatabase } from "#src/db";
import { amsterdamDate } from "#src/rules";
import { DEMO_PASSWORD } from "#db/seed/demo";
import {
  applyMigrations,
  executeSqlFile,
  localD1File,
  root,
  runWrangler,
  startWranglerDev,
  tail,
  writeBundleConfig,
  type WranglerDev,
} from "../../scripts/worker-local.mjs";

const SCHOOL_EMAIL = "examen@rocmidden.demo";

/** Runs a node script of ours as a child process, with a time limit. */
function node(args: string[], timeoutMs = 90_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`node ${args.join(" ")} took too long\n${tail(out)}`));
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`node ${args.join(" ")} failed (${code})\n${tail(out)}`));
    });
  });
}

let dir: string;
let persistTo: string;
let bundle: string;
let dev: WranglerDev | null = null;
let source: { app: ReturnType<typeof createApp>; client: Client } | null = null;
let janId: string;
let schoolUserId: string;
let lapsed: { id: string; crebo: string; name: string };
let sessionCookie = "";
const today = amsterdamDate(new Date());

async function get(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${dev!.url}${path}`, {
    redirect: "manual",
    signal: AbortSignal.timeout(20_000),
    ...init,
  });
}

async function d1Json(path: string) {
  const res = await get(path);
  expect(res.status, `${path} on D1`).toBe(200);
  return res.json();
}

async function localJson(path: string) {
  const res = await source!.app.request(path);
  expect(res.status, `${path} on libSQL`).toBe(200);
  return res.json();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "register-worker-smoke-"));
  persistTo = join(dir, "state");
  const referenceSql = join(dir, "reference.sql");
  const demoSql = join(dir, "demo.sql");
  const sourceDb = join(dir, "source.db");
  // The bundle and both SQL files in parallel (each is mostly waiting on its own process).
  await Promise.all([
    runWrangler(["deploy", "--dry-run", "--env", "", "--outdir", join(dir, "bundle")], {
      timeoutMs: 90_000,
    }),
    node(["scripts/gen-reference-sql.mjs", "--out", referenceSql]),
    node(["scripts/gen-demo-sql.mjs", "--out", demoSql, "--db", sourceDb, "--on", today]),
  ]);
  bundle = join(dir, "bundle", "worker.js");

  // One wrangler run for the migrations (as documented), one for reference + demo data.
  const seedSql = join(dir, "seed.sql");
  writeFileSync(seedSql, readFileSync(referenceSql, "utf8") + readFileSync(demoSql, "utf8"));
  await applyMigrations(persistTo, { timeoutMs: 90_000 });
  await executeSqlFile(persistTo, seedSql, { timeoutMs: 90_000 });

  // The same data on embedded libSQL, answered in-process by the same app.
  const { db, client } = await openDatabase(`file:${sourceDb}`);
  source = {
    app: createApp({ db, config: parseConfig({ NODE_ENV: "test", SEED_DEMO: "0" }) }),
    client,
  };
  janId = String(
    (await client.execute("SELECT id FROM assessors ORDER BY rowid LIMIT 1")).rows[0].id,
  );
  schoolUserId = String(
    (await client.execute({ sql: "SELECT id FROM users WHERE email = ?", args: [SCHOOL_EMAIL] }))
      .rows[0].id,
  );
  // An assessor of this school, public if qualified, lapsed only because the last examination is
  // too long ago: logging an examination today makes them qualified again.
  const candidate = await client.execute({
    sql: `SELECT a.id, a.first_name || ' ' || a.last_name AS name, (SELECT min(crebo_code) FROM assessor_crebos WHERE assessor_id = a.id) AS crebo
      FROM assessors a JOIN users u ON u.school_id = a.registering_school_id AND u.email = ?
      WHERE a.deregistered_on IS NULL AND a.public_consent = 1 AND a.exam_valid_until < ?
        AND a.refresher_valid_until > date(?, '+120 days')
      ORDER BY a.rowid LIMIT 1`,
    args: [SCHOOL_EMAIL, today, today],
  });
  expect(candidate.rows.length, "demo data holds a lapsed assessor of the demo school").toBe(1);
  const row = candidate.rows[0];
  lapsed = { id: String(row.id), crebo: String(row.crebo), name: String(row.name) };

  const config = writeBundleConfig(join(dir, "wrangler.json"), { main: bundle });
  dev = await startWranglerDev({ persistTo, config, readyTimeoutMs: 90_000 });
}, 180_000);

afterAll(async () => {
  await dev?.stop();
  source?.client.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 30_000);

afterEach((ctx) => {
  // wrangler's output explains most failures (a thrown error in the Worker, a hung request).
  if (ctx.task.result?.state === "fail" && dev)
    console.error(`wrangler dev output:\n${tail(dev.logs(), 6000)}`);
});

describe("the Worker in workerd with local D1", () => {
  it("answers /healthz from D1", async () => {
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("searches accent-insensitively, like embedded libSQL", async () => {
    const sanchez = await d1Json("/api/v1/assessors?q=sanchez&per_page=100");
    expect(sanchez.total).toBeGreaterThan(0);
    expect(sanchez.items.every((i: { last_name: string }) => i.last_name === "Sánchez")).toBe(true);

    const celik = await d1Json("/api/v1/assessors?q=celik&per_page=100");
    expect(celik.total).toBeGreaterThan(0);
    expect(celik.items.every((i: { last_name: string }) => i.last_name === "Çelik")).toBe(true);

    const meer = await d1Json("/api/v1/assessors?q=van%20der%20meer&per_page=100");
    expect(meer.items.map((i: { id: string; name: string }) => [i.id, i.name])).toContainEqual([
      janId,
      "Jan van der Meer",
    ]);
  });

  it("gives the same answers as embedded libSQL for searches with filters, facets, distance and paging", async () => {
    const facets = await d1Json("/api/v1/assessors?per_page=1");
    const crebo = facets.facets.crebo[0].code as string;
    const cases = [
      "/api/v1/assessors?q=sanchez",
      "/api/v1/assessors?q=celik",
      "/api/v1/assessors?q=van%20der%20meer",
      "/api/v1/assessors?q=S%C3%81NCHEZ",
      "/api/v1/assessors?q=yilmaz",
      "/api/v1/assessors?q=muller",
      "/api/v1/assessors?q=nguyen",
      "/api/v1/assessors?q=ja",
      "/api/v1/assessors?q=installatie&sort=relevance",
      "/api/v1/assessors?province=UT",
      `/api/v1/assessors?province=NH&crebo=${crebo}`,
      `/api/v1/assessors?crebo=${crebo}&page=2&per_page=5`,
      "/api/v1/assessors?place=3295&radius_km=40&sort=distance",
      "/api/v1/assessors?near=52.37,4.89&radius_km=25",
      "/api/v1/assessors?near=3811",
      "/api/v1/assessors?near=3811%20AB&radius_km=5&sort=name",
      "/api/v1/assessors?near=Amersfoort&radius_km=1&crebo=25332",
      "/api/v1/assessors?q=amersfoort",
      "/api/v1/postcodes/3811",
      "/api/v1/assessors?q=noorderpoort&province=GR",
      "/api/v1/provinces",
      "/api/v1/places?q=utr",
      "/api/v1/crebos?q=monteur",
      `/api/v1/assessors/${janId}`,
    ];
    for (const path of cases) expect(await d1Json(path), path).toEqual(await localJson(path));

    const filtered = await d1Json("/api/v1/assessors?province=UT&per_page=100");
    expect(filtered.total).toBeGreaterThan(0);
    for (const item of filtered.items) expect(item.provinces).toContain("UT");
    // A facet ignores its own filter: other provinces are still counted.
    expect(filtered.facets.province.length).toBeGreaterThan(1);
    expect(filtered.facets.crebo.length).toBeGreaterThan(0);

    const csv = await get("/api/v1/assessors.csv?province=UT");
    expect(csv.status).toBe(200);
    expect(await csv.text()).toBe(
      await (await source!.app.request("/api/v1/assessors.csv?province=UT")).text(),
    );
  });

  it("shows the public profile and the search page", async () => {
    const api = await d1Json(`/api/v1/assessors/${janId}`);
    expect(api.name).toBe("Jan van der Meer");
    expect(api).not.toHaveProperty("email");

    const page = await get(`/beoordelaars/${janId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Jan van der Meer");

    const search = await get("/?q=sanchez&province=");
    expect(search.status).toBe(200);
    expect(await search.text()).toContain("Sánchez");
  });

  it("serves the OpenAPI document and the /api reference page, the same as embedded libSQL", async () => {
    expect(await d1Json("/api/v1/openapi.json")).toEqual(await localJson("/api/v1/openapi.json"));
    const page = await get("/api");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/api/v1/school/assessors/{id}/examinations");
  });

  it("serves static files from the assets binding with the same security headers as the pages", async () => {
    const page = await get("/over");
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");

    const css = await get("/static/app.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toContain("text/css");
    const htmx = await get("/vendor/htmx.min.js");
    expect(htmx.status).toBe(200);
    expect(htmx.headers.get("content-type")).toContain("javascript");

    const perResponse = new Set([
      "content-type",
      "content-length",
      "x-request-id",
      "date",
      "etag",
      "cache-control",
      "vary",
    ]);
    for (const [name, value] of page.headers) {
      if (perResponse.has(name) || name === "strict-transport-security" || name === "set-cookie")
        continue;
      expect(css.headers.get(name), name).toBe(value);
      expect(htmx.headers.get(name), name).toBe(value);
    }
    // _headers itself is configuration, not a file to serve.
    expect((await get("/_headers")).status).toBe(404);
  });

  it("DESIGN §4: unknown /api/... paths get the JSON 404, unknown pages and files the Dutch 404 page, all with the security headers", async () => {
    const page = await get("/over");
    const policy = [
      "content-security-policy",
      "x-content-type-options",
      "referrer-policy",
      "x-frame-options",
    ].map((name) => [name, page.headers.get(name)] as const);
    for (const [name, value] of policy) expect(value, name).toBeTruthy();

    for (const path of ["/api/v1/bestaat-niet", "/api/v1/assessors/x/y/z", "/api/"]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toContain("application/json");
      const body = await res.json();
      expect(body.error.code, path).toBe("not_found");
      expect(body.error.message, path).toMatch(/[a-z]/);
      for (const [name, value] of policy)
        expect(res.headers.get(name), `${path} ${name}`).toBe(value);
    }
    // Pages, and files missing from the assets binding (they fall through to the Worker).
    for (const path of [
      "/bestaat-niet",
      "/beoordelaars/x/y",
      "/static/bestaat-niet.css",
      "/vendor/x.js",
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toContain("text/html");
      const html = await res.text();
      expect(html, path).toContain('lang="nl"');
      expect(html, path).toContain("Pagina niet gevonden");
      expect(html, path).not.toMatch(/404 Not Found/);
      for (const [name, value] of policy)
        expect(res.headers.get(name), `${path} ${name}`).toBe(value);
    }
  });

  it("logs in a demo school with the login form (scrypt in workerd) and sets a session cookie", async () => {
    const wrong = await get("/inloggen", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: dev!.url },
      body: new URLSearchParams({ email: SCHOOL_EMAIL, password: "niet-het-goede-wachtwoord" }),
    });
    expect(wrong.status).not.toBe(303);
    expect(
      wrong.headers
        .getSetCookie()
        .some((c) => c.startsWith("session=") && !c.startsWith("session=;")),
    ).toBe(false);

    const res = await get("/inloggen", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: dev!.url },
      body: new URLSearchParams({ email: SCHOOL_EMAIL, password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("session="));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    sessionCookie = cookie!.split(";")[0];

    const dashboard = await get("/school", { headers: { cookie: sessionCookie } });
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain("ROC Midden Techniek (demo)");

    const foreign = await get("/inloggen", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "https://elders.example",
      },
      body: new URLSearchParams({ email: SCHOOL_EMAIL, password: DEMO_PASSWORD }),
    });
    expect(foreign.status).toBe(403);
    // A refused POST leaves its body unread; the next requests on the connection must still be
    // answered (src/worker.ts drains it; without that, wrangler dev hangs on about every other one).
    for (let i = 0; i < 6; i++) {
      const refused = await get("/inloggen", {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: "https://elders.example",
        },
        body: new URLSearchParams({ email: SCHOOL_EMAIL, password: DEMO_PASSWORD }),
      });
      expect(refused.status).toBe(403);
      await refused.arrayBuffer();
      const next = await fetch(`${dev!.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      expect(next.status).toBe(200);
      await next.arrayBuffer();
    }
  });

  it("gives a school the same assessor records and lists as embedded libSQL", async () => {
    expect(sessionCookie, "logged in by the previous test").not.toBe("");
    const login = await source!.app.request("/inloggen", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "http://localhost:8787",
      },
      body: new URLSearchParams({ email: SCHOOL_EMAIL, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(303);
    const localCookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith("session="))!
      .split(";")[0];

    const paths = [
      "/api/v1/school/assessors?per_page=50",
      "/api/v1/school/assessors?linked=true&status=lapsed",
      "/api/v1/school/assessors?q=meer",
      `/api/v1/school/assessors/${janId}`,
      `/api/v1/school/assessors/${lapsed.id}`,
      `/api/v1/school/assessors/${lapsed.id}/export`,
    ];
    for (const path of paths) {
      const onD1 = await get(path, { headers: { cookie: sessionCookie } });
      expect(onD1.status, path).toBe(200);
      const local = await source!.app.request(path, { headers: { cookie: localCookie } });
      expect(local.status, path).toBe(200);
      const [a, b] = [await onD1.json(), await local.json()];
      // The export is stamped with the moment it was made.
      if (path.endsWith("/export")) for (const x of [a, b]) delete x.exported_at;
      expect(a, path).toEqual(b);
    }
  });

  it("logs an examination through the school API and the status changes from lapsed to qualified", async () => {
    expect(sessionCookie, "logged in by the previous test").not.toBe("");
    const headers = { cookie: sessionCookie, origin: dev!.url, "content-type": "application/json" };
    const before = await get(`/api/v1/school/assessors/${lapsed.id}`, {
      headers: { cookie: sessionCookie },
    });
    expect(before.status).toBe(200);
    expect((await before.json()).status).toBe("lapsed");
    expect((await get(`/api/v1/assessors/${lapsed.id}`)).status).toBe(404);

    const bad = await get(`/api/v1/school/assessors/${lapsed.id}/examinations`, {
      method: "POST",
      headers,
      body: JSON.stringify({ date: "2999-01-01", crebo: lapsed.crebo, notes: "" }),
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields).toHaveProperty("date");

    const res = await get(`/api/v1/school/assessors/${lapsed.id}/examinations`, {
      method: "POST",
      headers: { ...headers, "idempotency-key": "smoke-exam-1" },
      body: JSON.stringify({ date: today, crebo: lapsed.crebo, notes: "Smoke test op Workers" }),
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ assessor_id: lapsed.id, date: today, crebo: lapsed.crebo });
    expect(typeof created.id).toBe("string");

    // The same Idempotency-Key and body replays the first answer instead of logging twice.
    const replay = await get(`/api/v1/school/assessors/${lapsed.id}/examinations`, {
      method: "POST",
      headers: { ...headers, "idempotency-key": "smoke-exam-1" },
      body: JSON.stringify({ date: today, crebo: lapsed.crebo, notes: "Smoke test op Workers" }),
    });
    expect(replay.status).toBe(201);
    expect((await replay.json()).id).toBe(created.id);

    const after = await (
      await get(`/api/v1/school/assessors/${lapsed.id}`, { headers: { cookie: sessionCookie } })
    ).json();
    expect(after.status).toBe("qualified");
    expect(after.examinations.filter((e: { date: string }) => e.date === today)).toHaveLength(1);
    const visible = await get(`/api/v1/assessors/${lapsed.id}`);
    expect(visible.status).toBe(200);
    expect((await visible.json()).id).toBe(lapsed.id);
  });

  it("delivers a mail queued by a request right after the response (waitUntil), marked sent in D1", async () => {
    const res = await get("/wachtwoord-vergeten", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: dev!.url },
      body: new URLSearchParams({ email: SCHOOL_EMAIL }).toString(),
    });
    expect(res.status).toBe(303);
    // Development: the console transport prints the mail in the wrangler output.
    const deadline = Date.now() + 10_000;
    while (!dev!.logs().includes(`e-mail aan ${SCHOOL_EMAIL}`) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(dev!.logs()).toContain(`e-mail aan ${SCHOOL_EMAIL}: Nieuw wachtwoord instellen`);
    const d1 = createClient({ url: `file:${localD1File(persistTo)}` });
    try {
      let row: Record<string, unknown> | undefined;
      while (Date.now() < deadline) {
        const result = await d1.execute({
          sql: "SELECT status, body FROM outbox WHERE to_address = ? AND kind = 'reset'",
          args: [SCHOOL_EMAIL],
        });
        row = result.rows[0] as Record<string, unknown> | undefined;
        if (row?.status === "sent") break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(row?.status).toBe("sent");
      expect(String(row?.body)).toContain("[link verwijderd na verzending]");
    } finally {
      d1.close();
    }
  });

  it("runs the scheduled jobs (reminders, retention, purges incl. session cleanup) on D1", async () => {
    await dev!.stop();
    dev = null;
    // An expired session, written straight into the local D1 file while nothing runs on it.
    const d1 = createClient({ url: `file:${localD1File(persistTo)}` });
    await d1.execute({
      sql: "INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES ('smoke-expired', ?, 1, 1)",
      args: [schoolUserId],
    });
    d1.close();

    // wrangler 4.86 cannot trigger a scheduled event when [assets] is configured (see
    // writeBundleConfig), so the same bundle runs once more without assets for this.
    const config = writeBundleConfig(join(dir, "wrangler-jobs.json"), {
      main: bundle,
      assets: false,
    });
    const jobs = await startWranglerDev({ persistTo, config, readyTimeoutMs: 90_000 });
    const runs: string[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${jobs.url}/cdn-cgi/handler/scheduled?cron=0+4+*+*+*`, {
          signal: AbortSignal.timeout(30_000),
        });
        expect(await res.text(), tail(jobs.logs())).toBe("ok");
        const deadline = Date.now() + 10_000;
        while ((jobs.logs().match(/: outbox ok/g) ?? []).length < i + 1 && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 100));
        runs.push(jobs.logs());
      }
    } finally {
      await jobs.stop();
    }
    const counts = [...runs[1].matchAll(/: reminders ok \((\d+)\)/g)].map((m) => Number(m[1]));
    expect(counts, tail(runs[1])).toHaveLength(2);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(0); // deduplicated on the second run
    expect(runs[1]).toMatch(/: retention ok \(\d+\)/);

    const after = createClient({ url: `file:${localD1File(persistTo)}` });
    try {
      const sessions = await after.execute({
        sql: "SELECT id FROM sessions WHERE user_id = ?",
        args: [schoolUserId],
      });
      const ids = sessions.rows.map((r) => String(r.id));
      expect(ids).not.toContain("smoke-expired");
      expect(ids.length).toBeGreaterThan(0); // the live login session stays
      const reminders = await after.execute(
        "SELECT count(*) AS n FROM outbox WHERE kind = 'reminder'",
      );
      expect(Number(reminders.rows[0].n)).toBe(counts[0]);
    } finally {
      after.close();
    }
  }, 120_000);
});
