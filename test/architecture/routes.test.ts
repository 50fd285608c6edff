// The route table as a committed snapshot: every (method, path) the app answers, and the anonymous
// status of every parameterless GET page, so a layout change provably keeps the same URLs and answers.
import { inspectRoutes } from "hono/dev";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Handler entries only (middleware registered with use() is not a route), sorted, unique. */
function routeTable(app: TestApp["app"]): { method: string; path: string }[] {
  const seen = new Set<string>();
  const routes: { method: string; path: string }[] = [];
  for (const r of inspectRoutes(app)) {
    if (r.isMiddleware) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    routes.push({ method: r.method, path: r.path });
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

describe("route table", () => {
  it("matches the committed snapshot (same URLs after any restructuring)", async () => {
    const lines = routeTable(t.app).map((r) => `${r.method.padEnd(6)} ${r.path}`);
    await expect(lines.join("\n") + "\n").toMatchFileSnapshot("./routes.snapshot.txt");
  });

  it("answers every parameterless GET route anonymously as before (status and redirect target)", async () => {
    const plain = routeTable(t.app).filter(
      (r) => r.method === "GET" && !r.path.includes(":") && !r.path.includes("*"),
    );
    expect(plain.length).toBeGreaterThan(20);
    const lines: string[] = [];
    for (const { path } of plain) {
      const res = await t.app.request(path);
      const location = res.headers.get("location");
      lines.push(`${String(res.status)} GET ${path}${location ? ` -> ${location}` : ""}`);
    }
    await expect(lines.join("\n") + "\n").toMatchFileSnapshot("./routes-anonymous.snapshot.txt");
  });
});
