// The Worker's other database path: no D1 binding, DATABASE_URL + DATABASE_AUTH_TOKEN, opened with
// @libsql/client/web (Turso). There is no Turso here, so test/worker/hrana-server.ts speaks the
// same HTTP protocol (Hrana v2) over a local SQLite file with the demo data. The deployable bundle
// runs in workerd (wrangler dev, as [env.turso] has no D1 binding) and in this process.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "#src/app";
import { parseConfig } from "#src/config";
import { openDatabase, openWorkerDatabase } from "#src/db";
import { addDays, amsterdamDate } from "#src/rules";
import { DEMO_PASSWORD } from "#db/seed/demo";
import {
  root,
  runWrangler,
  startWranglerDev,
  tail,
  writeBundleConfig,
  type WranglerDev,
} from "../../scripts/worker-local.mjs";
import { startHranaServer, type HranaServer } from "./hrana-server";

const SCHOOL_EMAIL = "examen@noorderpoort.demo";
const today = amsterdamDate(new Date());

let dir: string;
let hrana: HranaServer | null = null;
let dev: WranglerDev | null = null;
let local: { app: ReturnType<typeof createApp>; close: () => void } | null = null;

function node(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`node ${args.join(" ")} failed (${code})\n${tail(out)}`));
    });
  });
}

async function get(path: string, init: RequestInit = {}) {
  return fetch(`${dev!.url}${path}`, {
    redirect: "manual",
    signal: AbortSignal.timeout(20_000),
    ...init,
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "register-worker-turso-"));
  const sourceDb = join(dir, "source.db");
  await Promise.all([
    runWrangler(["deploy", "--dry-run", "--env", "", "--outdir", join(dir, "bundle")], {
      timeoutMs: 90_000,
    }),
    node([
      "scripts/gen-demo-sql.mjs",
      "--out",
      join(dir, "demo.sql"),
      "--db",
      sourceDb,
      "--on",
      today,
    ]),
  ]);
  // The "Turso" database and a copy for the same answers from embedded libSQL in this process.
  const remoteDb = join(dir, "remote.db");
  copyFileSync(sourceDb, remoteDb);
  hrana = await startHranaServer(remoteDb);
  const { db, client } = await openDatabase(`file:${sourceDb}`);
  local = {
    app: createApp({ db, config: parseConfig({ NODE_ENV: "test", SEED_DEMO: "0" }) }),
    close: () => client.close(),
  };

  const config = writeBundleConfig(join(dir, "wrangler.json"), {
    main: join(dir, "bundle", "worker.js"),
    assets: false,
    d1: false,
  });
  dev = await startWranglerDev({
    config,
    persistTo: join(dir, "state"),
    vars: { DATABASE_URL: hrana.url, DATABASE_AUTH_TOKEN: hrana.token },
    readyTimeoutMs: 90_000,
  });
}, 180_000);

afterAll(async () => {
  await dev?.stop();
  await hrana?.close();
  local?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 30_000);

afterEach((ctx) => {
  if (ctx.task.result?.state === "fail" && dev)
    console.error(`wrangler dev output:\n${tail(dev.logs(), 6000)}`);
});

describe("the Worker on Turso (libSQL over HTTP)", () => {
  it("opens DATABASE_URL with @libsql/client/web and needs a database", async () => {
    expect(() => openWorkerDatabase({})).toThrow(/DATABASE_URL/);
    expect(() => openWorkerDatabase({ DATABASE_URL: "file:data/register.db" })).toThrow(
      /DATABASE_URL/,
    );
    const direct = openWorkerDatabase({
      DATABASE_URL: hrana!.url,
      DATABASE_AUTH_TOKEN: hrana!.token,
    });
    expect(direct.driver).toBe("libsql-web");
    await direct.ping();
    const [{ n }] = await direct.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM places`);
    expect(n).toBeGreaterThan(2000);
    const wrongToken = openWorkerDatabase({
      DATABASE_URL: hrana!.url,
      DATABASE_AUTH_TOKEN: "fout",
    });
    await expect(wrongToken.ping()).rejects.toThrow();
  });

  it("serves health and the same search answers as embedded libSQL", async () => {
    const health = await get("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    for (const path of [
      "/api/v1/assessors?q=sanchez",
      "/api/v1/assessors?q=van%20der%20meer",
      "/api/v1/assessors?province=GR&per_page=50",
      "/api/v1/assessors?place=3295&radius_km=40&sort=distance",
      "/api/v1/provinces",
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(await res.json(), path).toEqual(await (await local!.app.request(path)).json());
    }
    expect(hrana!.requests()).toBeGreaterThan(0);
  });

  it("logs in and logs an examination in one batch over HTTP", async () => {
    const login = await get("/inloggen", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: dev!.url },
      body: new URLSearchParams({ email: SCHOOL_EMAIL, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(303);
    const cookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith("session="))!
      .split(";")[0];

    const list = await get("/api/v1/school/assessors?linked=true&per_page=100", {
      headers: { cookie },
    });
    expect(list.status).toBe(200);
    type Item = {
      id: string;
      status: string;
      refresher_valid_until: string;
      crebos: { code: string }[];
    };
    const items = (await list.json()).items as Item[];
    // After an examination today only the bijscholing window limits the status.
    const target = items.find(
      (i) =>
        i.crebos.length > 0 &&
        i.status !== "deregistered" &&
        i.refresher_valid_until > addDays(today, 90),
    );
    expect(target, "the demo school has assessors").toBeDefined();

    const res = await get(`/api/v1/school/assessors/${target!.id}/examinations`, {
      method: "POST",
      headers: { cookie, origin: dev!.url, "content-type": "application/json" },
      body: JSON.stringify({ date: today, crebo: target!.crebos[0].code, notes: "Turso-pad" }),
    });
    expect(res.status).toBe(201);
    const record = await (
      await get(`/api/v1/school/assessors/${target!.id}`, { headers: { cookie } })
    ).json();
    expect(
      record.examinations.some(
        (e: { date: string; notes: string }) => e.date === today && e.notes === "Turso-pad",
      ),
    ).toBe(true);
    expect(record.status).toBe("qualified");
  });
});
