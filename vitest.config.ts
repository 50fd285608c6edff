import { defineConfig } from "vitest/config";

// JSX is compiled for hono/jsx. Vitest 4.1 runs on Vite 8, which transforms with oxc
// (the `esbuild` option is ignored there), so the JSX source is set for oxc.
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "hono/jsx" } },
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    globalSetup: ["./test/global-setup.ts"],
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
