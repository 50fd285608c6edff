// Browser: the /api reference page at desktop and phone width — every documented route is on it,
// nothing runs off a phone screen, no script errors; screenshots for a person to look at.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { browserAvailable, launchBrowser, screenshotPath } from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";

const AXE = readFileSync(join(process.cwd(), "node_modules/axe-core/axe.min.js"), "utf8");

/** WCAG 2.2 AA violations that axe finds on the page (injected by evaluate(), not a script tag). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe;
    return (await axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    })) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

describe.skipIf(!browserAvailable)("the API reference page in the browser", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const width of [1280, 390]) {
    test(`shows every documented operation at ${width} px without horizontal overflow`, async () => {
      const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const operations = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0);
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      await page.goto(`${server.url}/api`);
      await expect(page.locator("h1").textContent()).resolves.toBe("API-documentatie");
      expect(await page.locator("section.api-op .api-method").count()).toBe(operations);
      expect(await page.locator(".api-toc a").count()).toBe(operations);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      // A link in the table of contents lands on its route.
      await page.locator('.api-toc a[href="#post-school-assessors"]').click();
      await expect.poll(() => new URL(page.url()).hash).toBe("#post-school-assessors");
      await page.screenshot({ path: screenshotPath(`api-${width}`), fullPage: false });
      await page.goto(`${server.url}/api`);
      await page.screenshot({ path: screenshotPath(`api-${width}-top`), fullPage: false });
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
