// Runs the real entry points (server, CLI) as child processes with a clean environment.
import { join } from "node:path";
import { SERVER_ARGS } from "../helpers/server-entry";

export const tsxBin = join(process.cwd(), "node_modules", ".bin", "tsx");

/** Vitest puts its own variables (e.g. BASE_URL="/") into process.env; children get only these. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG", "TZ"];
  const env: NodeJS.ProcessEnv = {};
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k];
  return { ...env, NODE_ENV: "test", ...extra };
}

export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export type ServerProcess = { url: string; output: () => string; stop: () => Promise<void> };

/** `npm start`'s bundle of src/server.ts (dist/server.mjs) on `port`, resolved once /healthz answers 200. */
export async function startServerProcess(
  env: NodeJS.ProcessEnv,
  port: number,
): Promise<ServerProcess> {
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, SERVER_ARGS, {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server stopped at start:\n${output}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (healthy) return { url, output: () => output, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`server did not become healthy:\n${output}`);
}
