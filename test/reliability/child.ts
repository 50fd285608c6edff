// The clean environment for the real entry points (server, CLI) run as child processes; the
// server itself is started by test/helpers/node-server.ts.
import { join } from "node:path";

export const tsxBin = join(process.cwd(), "node_modules", ".bin", "tsx");

/** Vitest puts its own variables (e.g. BASE_URL="/") into process.env; children get only these. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG", "TZ"];
  const env: NodeJS.ProcessEnv = {};
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k];
  return { ...env, NODE_ENV: "test", ...extra };
}
