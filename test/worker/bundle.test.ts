// The deployable Worker: `wrangler deploy --dry-run` must build it, it must stay within the size
// budget (1 MiB gzipped; Cloudflare's own limits are 3 MiB free / 10 MiB paid) and it may use
// nothing from Node beyond what nodejs_compat provides for our code (node:crypto for scrypt).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { runWrangler } from "../../scripts/worker-local.mjs";

const BUDGET_GZIP_BYTES = 1024 * 1024;
/** Node modules the bundle may import (all provided by workerd with nodejs_compat). */
const ALLOWED_NODE_IMPORTS = new Set(["node:crypto", "node:buffer", "node:async_hooks"]);

const dir = mkdtempSync(join(tmpdir(), "register-worker-bundle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the Worker bundle", () => {
  it("builds with wrangler deploy --dry-run within the size budget, without filesystem access", async () => {
    const { stdout, stderr } = await runWrangler(
      ["deploy", "--dry-run", "--env", "", "--outdir", dir],
      {
        timeoutMs: 90_000,
      },
    );
    const code = readFileSync(join(dir, "worker.js"));
    const gzipped = gzipSync(code, { level: 9 }).length;
    const reported = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(stdout + stderr);
    expect(reported, stdout + stderr).not.toBeNull();
    const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(
      `Worker bundle: ${kib(code.length)} (gzip ${kib(gzipped)}); wrangler reports ${reported![1]} KiB / gzip ${reported![2]} KiB`,
    );
    expect(Number(reported![2]) * 1024).toBeLessThan(BUDGET_GZIP_BYTES);
    expect(gzipped).toBeLessThan(BUDGET_GZIP_BYTES);

    const text = code.toString("utf8");
    const imports = [...text.matchAll(/^import\s+(?:[^"';]*?\s+from\s+)?"([^"]+)";?$/gm)].map(
      (m) => m[1],
    );
    const required = [...text.matchAll(/\b(?:__require\d*|require)\("([^"]+)"\)/g)].map(
      (m) => m[1],
    );
    for (const specifier of [...imports, ...required]) {
      expect(ALLOWED_NODE_IMPORTS.has(specifier), `the bundle imports ${specifier}`).toBe(true);
    }
    // No filesystem at runtime: reference data reaches D1/Turso as SQL, never from db/reference/.
    expect(text).not.toMatch(/from "(node:)?fs(\/promises)?"/);
  }, 120_000);
});
