// Browser: live search with htmx — typing, choosing a province, the URL, the back button.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { browserAvailable, launchBrowser, screenshotPath, watchErrors } from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";
import { insertAssessor } from "../helpers/public-fixtures";

describe.skipIf(!browserAvailable)("public search in the browser", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    await insertAssessor(server.db, {
      firstName: "Jan",
      infix: "van der",
      lastName: "Meer",
      places: ["3295"],
      crebos: ["25332"],
    });
    await insertAssessor(server.db, {
      firstName: "María",
      lastName: "Sánchez",
      places: ["1245"],
      crebos: ["25350"],
    });
    await insertAssessor(server.db, {
      firstName: "Ömer",
      lastName: "Çelik",
      places: ["3484"],
      crebos: ["25332"],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("typing updates results live, a province filters, the URL follows and back restores", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${server.url}/`);
    await expect
      .poll(() => page.locator(".result-count").textContent())
      .toContain("3 praktijkbeoordelaars");

    await page.locator("#q").pressSequentially("sanchez", { delay: 30 });
    await expect
      .poll(() => page.locator(".result-count").textContent(), { timeout: 5000 })
      .toContain("1 praktijkbeoordelaar");
    await expect.poll(() => page.locator(".results").textContent()).toContain("María Sánchez");
    await expect.poll(() => new URL(page.url()).search).toBe("?q=sanchez");

    await page.locator("#q").fill("");
    await page.locator("#q").press("Backspace");
    await expect
      .poll(() => page.locator(".result-count").textContent(), { timeout: 5000 })
      .toContain("3 praktijkbeoordelaars");

    await page.locator("#province").selectOption("GR");
    await expect
      .poll(() => new URL(page.url()).searchParams.get("province"), { timeout: 5000 })
      .toBe("GR");
    await expect
      .poll(() => page.locator(".result-count").textContent())
      .toContain("1 praktijkbeoordelaar");
    await expect.poll(() => page.locator(".results").textContent()).toContain("Ömer Çelik");

    await page.screenshot({ path: screenshotPath("search-desktop"), fullPage: true });

    await page.goBack();
    await expect
      .poll(() => page.locator(".result-count").textContent(), { timeout: 5000 })
      .toContain("3 praktijkbeoordelaars");
    expect(new URL(page.url()).searchParams.get("province")).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  test("screen readers hear the count from one live region that stays in the page", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/`);
    const status = page.locator('#search-status[role="status"]');
    expect(await status.textContent()).toBe("3 praktijkbeoordelaars gevonden.");
    await status.evaluate((el) => el.setAttribute("data-kept", "1"));
    await page.locator("#q").pressSequentially("celik", { delay: 30 });
    // Its text changes (and so is announced) without the busy text; the element itself stays.
    await expect
      .poll(() => status.textContent(), { timeout: 5000 })
      .toBe("1 praktijkbeoordelaar gevonden.");
    expect(await status.getAttribute("data-kept")).toBe("1");
    expect(await page.locator("#results [aria-live]").count()).toBe(0);
    await page.close();
  });

  test("clicking a province on the map filters; works at 390 px", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/`);
    await page.locator('.province-map a[aria-label^="Utrecht"]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get("province")).toBe("UT");
    await expect
      .poll(() => page.locator(".result-count").textContent())
      .toContain("1 praktijkbeoordelaar");
    await page.screenshot({ path: screenshotPath("search-mobile"), fullPage: true });
    await page.close();
  });

  test("without JavaScript the form still searches", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.locator("#q").fill("meer");
    await page.locator("#q").press("Enter");
    await expect
      .poll(() => page.locator(".result-count").textContent())
      .toContain("1 praktijkbeoordelaar");
    expect(new URL(page.url()).searchParams.get("q")).toBe("meer");
    await context.close();
  });
});
