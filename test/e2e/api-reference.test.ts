import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import {
  axeViolations,
  browserAvailable,
  launchBrowser,
  screenshotPath,
  watchErrors,
} from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";

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
      const errors = watchErrors(page);
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
