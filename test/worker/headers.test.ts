// public/_headers gives the static files (served by the Workers assets binding, not by the app)
// the same security headers as the app's own responses (secureHeaders in src/app.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../helpers/app";

/** The header rules of a Cloudflare _headers file: path pattern → headers (lower-case names). */
function parseHeadersFile(text: string): Map<string, Map<string, string>> {
  const rules = new Map<string, Map<string, string>>();
  let current: Map<string, string> | null = null;
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      current = new Map();
      rules.set(line.trim(), current);
      continue;
    }
    const i = line.indexOf(":");
    if (!current || i === -1) throw new Error(`bad line in _headers: ${line}`);
    current.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return rules;
}

/** Headers that belong to one response, not to the security policy. */
const PER_RESPONSE = new Set([
  "content-type",
  "content-length",
  "x-request-id",
  "cache-control",
  "vary",
  "etag",
  "set-cookie",
]);

describe("public/_headers", () => {
  it("sets every security header of the app, with the same values, on all static files", async () => {
    const rules = parseHeadersFile(readFileSync("public/_headers", "utf8"));
    expect([...rules.keys()]).toEqual(["/*"]);
    const fileHeaders = rules.get("/*")!;

    // Production: https, so the app also sends Strict-Transport-Security.
    const t = await createTestApp({
      config: { BASE_URL: "https://register.example.nl", NODE_ENV: "production" },
    });
    try {
      for (const path of ["/healthz", "/over", "/niet-bestaand"]) {
        const res = await t.app.request(path);
        const appHeaders = new Map([...res.headers].filter(([name]) => !PER_RESPONSE.has(name)));
        expect(appHeaders.get("content-security-policy"), path).toBeTruthy();
        expect(Object.fromEntries(fileHeaders), path).toEqual(Object.fromEntries(appHeaders));
      }
    } finally {
      t.close();
    }
  });
});
