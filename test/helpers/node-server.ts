// Starts the real Node entry (src/server.ts) in a child process with the given environment, waits
// for /healthz, and stops it again. For behaviour that only the Node entry wires up (jobs, mail).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { childEnv } from "../reliability/child";
import { SERVER_ARGS } from "./server-entry";

export type NodeServer = {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
};

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** `env` is added to a clean environment (NODE_ENV=test, PORT/HOST/BASE_URL set here). */
export async function startNodeServer(
  env: Record<string, string>,
  opts: { port?: number; expectFailure?: boolean } = {},
): Promise<NodeServer> {
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, SERVER_ARGS, {
    env: childEnv({
      PORT: String(port),
      HOST: "127.0.0.1",
      BASE_URL: `http://127.0.0.1:${port}`,
      SEED_DEMO: "0",
      ...env,
    }),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-child.pid!, "SIGTERM");
    const timer = setTimeout(() => {
      if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
    }, 8000);
    await exited(child);
    clearTimeout(timer);
  };
  const server = { url, port, child, output: () => output, stop };
  if (opts.expectFailure) {
    await Promise.race([exited(child), new Promise((r) => setTimeout(r, 30_000))]);
    return server;
  }
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server stopped at start:\n${output}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (healthy) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`server did not become healthy:\n${output}`);
}
