// SECURITY.md 11: CSP (self only), nosniff, Referrer-Policy, frame-ancestors none, HSTS on https.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { createSchoolWithUser, sessionCookie } from "../helpers/factories";

let http: TestApp;
let https: TestApp;
let cookie: string;

beforeAll(async () => {
  http = await createTestApp();
  https = await createTestApp({ db: http.db, config: { BASE_URL: "https://register.example" } });
  const { user } = await createSchoolWithUser(http.db);
  cookie = await sessionCookie(http.db, user.id);
});
afterAll(() => http.close());

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values] as const;
      }),
  );
}

const pages: [string, string, Record<string, string>?][] = [
  ["login page", "/inloggen"],
  ["account request", "/aanvragen"],
  ["public JSON", "/api/v1/crebos"],
  ["404 page", "/bestaat-niet"],
  ["404 JSON", "/api/v1/bestaat-niet"],
  ["school page", "/school/tokens", { cookie: "" }],
];

describe.each(pages)("%s (%s)", (_name, path, extra) => {
  test("CSP allows only our own origin, no inline script or style, no framing", async () => {
    const headers: Record<string, string> = extra?.cookie !== undefined ? { cookie } : {};
    const res = await http.app.request(path, { headers });
    const csp = res.headers.get("content-security-policy");
    expect(csp).toBeTruthy();
    const d = directives(csp!);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("script-src")).toEqual(["'self'"]);
    expect(d.get("style-src")).toEqual(["'self'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/\*|https?:/);
  });

  test("nosniff, Referrer-Policy, X-Frame-Options; no HSTS on plain http", async () => {
    const headers: Record<string, string> = extra?.cookie !== undefined ? { cookie } : {};
    const res = await http.app.request(path, { headers });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });
});

test("HSTS is sent when served over https", async () => {
  const res = await https.app.request("https://register.example/inloggen");
  const hsts = res.headers.get("strict-transport-security");
  expect(hsts).toMatch(/max-age=(\d+)/);
  expect(Number(/max-age=(\d+)/.exec(hsts!)![1])).toBeGreaterThanOrEqual(31536000);
});

test("our pages carry no inline scripts, inline styles or style attributes (CSP would block them)", async () => {
  for (const path of [
    "/inloggen",
    "/aanvragen",
    "/wachtwoord-vergeten",
    "/school/team",
    "/school/tokens",
    "/school/wachtwoord",
  ]) {
    const html = await (await http.app.request(path, { headers: { cookie } })).text();
    expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html, path).not.toMatch(/<style[\s>]/);
    expect(html, path).not.toMatch(/\sstyle="/);
    expect(html, path).not.toMatch(/\son[a-z]+="/);
  }
});

test("pages behind the login are not cached", async () => {
  const res = await http.app.request("/school/team", { headers: { cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toContain("no-store");
});

describe("CSRF origins", () => {
  test("a login form posted from 127.0.0.1 reaches the check on a localhost BASE_URL; a foreign origin is refused", async () => {
    const post = (origin: string) =>
      http.app.request("/inloggen", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin },
        body: "email=niemand%40nergens.test&password=verkeerd-wachtwoord",
      });
    expect((await post("http://127.0.0.1:8787")).status).toBe(401);
    expect((await post("http://evil.example")).status).toBe(403);
  });

  test("BASE_URL's origin only; a loopback BASE_URL also accepts the other loopback names on its port", async () => {
    const { allowedOrigins } = await import("#src/app");
    expect(allowedOrigins("https://register.example.nl")).toEqual(["https://register.example.nl"]);
    expect(allowedOrigins("http://localhost:8787")).toEqual([
      "http://localhost:8787",
      "http://127.0.0.1:8787",
      "http://[::1]:8787",
    ]);
  });
});
