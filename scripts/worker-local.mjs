// Local Workers tooling shared by `npm run dev:worker`, the worker smoke test and the worker bench:
// run wrangler with a time limit, prepare a local D1 database (migrations, reference data, demo
// data) and start/stop `wrangler dev` on loopback. Everything is local: no Cloudflare account.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");

/** Environment for every wrangler run: no prompts, no telemetry, no update check. */
function wranglerEnv(extra = {}) {
  return {
    ...process.env,
    CI: "1",
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_HIDE_BANNER: "true",
    NO_COLOR: "1",
    // No fetch of https://workers.cloudflare.com/cf.json (Request.cf falls back to a placeholder).
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    FORCE_COLOR: "0",
    ...extra,
  };
}

/** The end of a long log, for error messages. */
export function tail(text, chars = 4000) {
  return text.length > chars ? `…${text.slice(-chars)}` : text;
}

const children = new Set();
function killGroup(child, signal = "SIGTERM") {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the group: wrangler and its workerd
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}
// A crashed test or Ctrl-C must not leave wrangler/workerd running.
process.once("exit", () => {
  for (const c of children) killGroup(c, "SIGKILL");
});

/**
 * Runs wrangler (in its own process group) and resolves with its output. Rejects when it exits
 * non-zero or runs longer than `timeoutMs` (then the whole group is killed).
 */
export function runWrangler(args, { timeoutMs = 60_000, env, quiet = true } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [wranglerBin, ...args], {
      cwd: root,
      env: wranglerEnv(env),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
      if (!quiet) process.stdout.write(d);
    });
    child.stderr.on("data", (d) => {
      stderr += d;
      if (!quiet) process.stderr.write(d);
    });
    const timer = setTimeout(() => {
      killGroup(child, "SIGKILL");
      reject(
        new Error(
          `wrangler ${args.join(" ")} took longer than ${timeoutMs} ms\n${tail(stdout + stderr)}`,
        ),
      );
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      children.delete(child);
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolvePromise({ stdout, stderr });
      else
        reject(
          new Error(`wrangler ${args.join(" ")} failed (exit ${code})\n${tail(stdout + stderr)}`),
        );
    });
  });
}

const persistArgs = (persistTo) => (persistTo ? ["--persist-to", persistTo] : []);

/** `wrangler d1 migrations apply DB --local`: db/migrations, recorded in d1_migrations. */
export function applyMigrations(persistTo, opts) {
  return runWrangler(
    ["d1", "migrations", "apply", "DB", "--local", "--env", "", ...persistArgs(persistTo)],
    opts,
  );
}

/** `wrangler d1 execute DB --local --file F`. */
export function executeSqlFile(persistTo, file, opts) {
  return runWrangler(
    ["d1", "execute", "DB", "--local", "--env", "", "--file", file, ...persistArgs(persistTo)],
    opts,
  );
}

/** Runs SQL on the local D1 database and returns the rows of the last statement. */
export async function queryLocal(persistTo, sql, opts) {
  const { stdout } = await runWrangler(
    [
      "d1",
      "execute",
      "DB",
      "--local",
      "--env",
      "",
      "--json",
      "--command",
      sql,
      ...persistArgs(persistTo),
    ],
    opts,
  );
  const start = stdout.indexOf("[");
  const results = JSON.parse(stdout.slice(start));
  return results[results.length - 1].results;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

async function answers(url, timeoutMs) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts `wrangler dev` on 127.0.0.1 and waits until /healthz answers 200.
 * Options: port (default: a free one), persistTo (local D1 state), vars (extra --var bindings),
 * config (another wrangler config file, e.g. from writeBundleConfig), readyTimeoutMs, inherit
 * (show wrangler's output). Returns { url, port, child, logs(), stop() }.
 */
export async function startWranglerDev(opts = {}) {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const vars = { NODE_ENV: "development", BASE_URL: url, ...opts.vars };
  const args = ["dev"];
  if (opts.config) args.push("--config", opts.config);
  else args.push("--env", "");
  args.push(
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(await freePort()),
  );
  args.push("--show-interactive-dev-session=false", "--log-level", opts.logLevel ?? "log");
  args.push(...persistArgs(opts.persistTo));
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  args.push(...(opts.extraArgs ?? []));

  const child = spawn(process.execPath, [wranglerBin, ...args], {
    cwd: root,
    env: wranglerEnv(),
    detached: true,
    stdio: ["ignore", opts.inherit ? "inherit" : "pipe", opts.inherit ? "inherit" : "pipe"],
  });
  children.add(child);
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise((r) => child.on("close", (code) => r(code)));
  child.on("close", () => children.delete(child));

  const stop = async () => {
    killGroup(child, "SIGTERM");
    const done = await Promise.race([
      exited.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 5_000)),
    ]);
    if (!done) {
      killGroup(child, "SIGKILL");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
    }
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  let gone = null;
  exited.then((code) => (gone = code ?? "signal"));
  while (Date.now() < deadline) {
    if (gone !== null)
      throw new Error(`wrangler dev stopped (exit ${gone}) before it was ready:\n${tail(output)}`);
    if (await answers(`${url}/healthz`, 3_000))
      return { url, port, child, logs: () => output, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer ${url}/healthz in time:\n${tail(output)}`);
}

/**
 * A fresh local D1 database: migrations, reference data and (optionally) demo data, from the SQL
 * files made by scripts/gen-reference-sql.mjs and scripts/gen-demo-sql.mjs.
 */
export async function prepareLocalDatabase({ persistTo, referenceSql, demoSql, quiet = true }) {
  await applyMigrations(persistTo, { quiet });
  await executeSqlFile(persistTo, referenceSql, { quiet });
  if (demoSql) await executeSqlFile(persistTo, demoSql, { quiet });
}

/** A value from wrangler.toml (top-level or first table), e.g. "compatibility_date". */
export function wranglerTomlValue(key) {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const m = new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, "m").exec(toml);
  if (!m) throw new Error(`wrangler.toml has no ${key}`);
  return m[1];
}

/**
 * A wrangler config (JSON) that runs a prebuilt bundle (`wrangler deploy --dry-run --outdir`)
 * with the settings of wrangler.toml, so a test runs exactly what would be deployed and is not
 * rebuilt when source files change meanwhile. (A bundle given on the command line instead makes
 * wrangler ignore wrangler.toml, bindings included.)
 * `assets: false` leaves out [assets]: wrangler 4.86 cannot trigger a scheduled event locally when
 * assets are configured (workers-sdk#9882: /cdn-cgi/handler/scheduled answers "exception").
 * `d1: false` leaves out the D1 binding, as [env.turso] does: the Worker then uses DATABASE_URL.
 */
export function writeBundleConfig(file, { main, assets = true, d1 = true }) {
  mkdirSync(dirname(file), { recursive: true });
  const config = {
    name: wranglerTomlValue("name"),
    main,
    no_bundle: true,
    compatibility_date: wranglerTomlValue("compatibility_date"),
    compatibility_flags: ["nodejs_compat"],
    ...(assets ? { assets: { directory: join(root, "public") } } : {}),
    ...(d1
      ? {
          d1_databases: [
            {
              binding: "DB",
              database_name: wranglerTomlValue("database_name"),
              database_id: wranglerTomlValue("database_id"),
              migrations_dir: join(root, "db", "migrations"),
            },
          ],
        }
      : {}),
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * The SQLite file behind the local D1 database in `persistTo` (miniflare keeps one per database
 * under v3/d1/miniflare-D1DatabaseObject/). Only read or write it while no wrangler runs on it.
 */
export function localD1File(persistTo) {
  const dir = join(persistTo, "v3", "d1", "miniflare-D1DatabaseObject");
  const files = readdirSync(dir).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (files.length !== 1)
    throw new Error(`expected one D1 database in ${dir}, found ${files.length}`);
  return join(dir, files[0]);
}
