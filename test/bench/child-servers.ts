// Benchmark processes: the real Node server (src/server.ts) and the hello-world baseline, each in
// its own child process on a loopback port, with their RSS read from /proc while they run.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../helpers/node-server";
import { childEnv } from "../reliability/child";

export type ChildServer = {
  url: string;
  pid: number;
  /** From spawn to the first 200 from the ready probe, in ms. */
  startMs: number;
  rssMb: () => number;
  /** CPU time the process has used (user + system), in ms: what a request costs on a busy machine. */
  cpuMs: () => number;
  output: () => string;
  stop: () => Promise<void>;
};

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return 0;
  }
}

async function startChild(
  nodeArgs: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; url: string; probe: string },
): Promise<ChildServer> {
  const t0 = performance.now();
  // `node` directly (not npm or the tsx wrapper), so the pid is the server's own.
  const child: ChildProcess = spawn(process.execPath, nodeArgs, {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process stopped at start:\n${output}`);
    const ok = await fetch(opts.url + opts.probe).then(
      async (r) => {
        await r.arrayBuffer();
        return r.status === 200;
      },
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const startMs = Math.round(performance.now() - t0);
  if (Date.now() >= deadline) {
    child.kill("SIGKILL");
    throw new Error(`process did not become ready:\n${output}`);
  }
  return {
    url: opts.url,
    pid: child.pid!,
    startMs,
    rssMb: () => rssOf(child.pid!),
    cpuMs: () => cpuOf(child.pid!),
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

function cpuOf(pid: number): number {
  try {
    // Fields after the command name: state is 3rd, utime 14th, stime 15th (clock ticks of 10 ms).
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** The register as `npm start` runs it (production mode, no demo seeding), from checkout `dir`. */
export async function startRegister(dir: string, dbPath: string): Promise<ChildServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // As `npm start` runs it: the bundle when the checkout has one (built here, before the clock
  // starts), else an older checkout's `tsx src/server.ts`.
  const bundled = existsSync(join(dir, "scripts/build-server.mjs"));
  if (bundled) execFileSync(process.execPath, ["scripts/build-server.mjs"], { cwd: dir });
  const args = bundled
    ? ["--enable-source-maps", "dist/server.mjs"]
    : ["--import", "tsx", "src/server.ts"];
  return startChild(args, {
    cwd: dir,
    url,
    probe: "/healthz",
    env: childEnv({
      NODE_ENV: "production",
      SEED_DEMO: "0",
      HOST: "127.0.0.1",
      PORT: String(port),
      BASE_URL: url,
      DATABASE_URL: `file:${dbPath}`,
    }),
  });
}

export async function startHello(answersFile?: string): Promise<ChildServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const script = join(import.meta.dirname, "hello-server.ts");
  const args = ["--import", "tsx", script, String(port), ...(answersFile ? [answersFile] : [])];
  return startChild(args, { cwd: process.cwd(), url, probe: "/", env: childEnv({}) });
}
