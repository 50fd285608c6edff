// Bundles the Node entry (src/server.ts with src/, views/, db/) into dist/server.mjs, so `npm start`
// runs plain JavaScript: no TypeScript is compiled at start (ADR 0004: start ≤ 2 s at 100k).
// Packages stay in node_modules; db/migrations and db/reference are read at run time from the
// checkout, as from src/ (dist/ sits at the same depth). Also imported by the test set-up.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export async function buildServer() {
  await build({
    entryPoints: ["src/server.ts"],
    outfile: "dist/server.mjs",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    jsx: "automatic",
    jsxImportSource: "hono/jsx",
    sourcemap: "linked",
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
