// Item 16 (issue 12): htmx under the Content-Security-Policy (style-src 'self'). htmx injects its
// indicator CSS unless told not to; the layout turns that off (meta htmx-config) and our own
// stylesheet carries the indicator rules. In the browser, on the main pages and their htmx
// updates: no CSP violation or console error, and every style comes from our own stylesheets.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { browserAvailable, launchBrowser, watchErrors } from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";
import { createSchoolWithUser, sessionCookie } from "../helpers/factories";
import { createTestAssessor } from "../helpers/assessors";

type PageReport = {
  adopted: number;
  styleElements: number;
  styleAttributes: number;
  foreignSheets: string[];
  includeIndicatorCSS: unknown;
  indicatorHidden: { opacity: string; visibility: string };
  indicatorShown: { opacity: string; visibility: string };
};

describe.skipIf(!browserAvailable)("item 16: htmx under the CSP", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let assessorId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const who = await createSchoolWithUser(server.db, "ROC Veilig");
    assessorId = (
      await createTestAssessor(server.db, who, {
        firstName: "Anouk",
        lastName: "Bakker",
        examinationDates: ["2026-01-10"],
      })
    ).id;
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const [name, value] = (await sessionCookie(server.db, who.user.id)).split("=");
    await context.addCookies([{ name, value, url: server.url }]);
    // Every violation of the policy, as the page itself sees it.
    await context.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
      );
    });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function report(page: Page): Promise<PageReport> {
    return page.evaluate(() => {
      const probe = document.createElement("span");
      probe.className = "htmx-indicator";
      probe.textContent = "bezig";
      document.body.append(probe);
      const hidden = getComputedStyle(probe);
      const indicatorHidden = { opacity: hidden.opacity, visibility: hidden.visibility };
      probe.classList.add("htmx-request");
      const shown = getComputedStyle(probe);
      const indicatorShown = { opacity: shown.opacity, visibility: shown.visibility };
      probe.remove();
      return {
        adopted: document.adoptedStyleSheets.length,
        styleElements: document.querySelectorAll("style").length,
        styleAttributes: document.querySelectorAll("[style]").length,
        foreignSheets: [...document.styleSheets]
          .map((s) => s.href ?? "(inline)")
          .filter((href) => !href.startsWith(`${location.origin}/static/`)),
        includeIndicatorCSS: (window as unknown as { htmx: { config: Record<string, unknown> } })
          .htmx.config.includeIndicatorCSS,
        indicatorHidden,
        indicatorShown,
      };
    });
  }

  async function violations(page: Page): Promise<string[]> {
    return page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  }

  async function expectClean(page: Page, errors: string[], where: string) {
    // The htmx requests of the page have been answered and swapped.
    await page.waitForLoadState("networkidle");
    expect(await violations(page), where).toEqual([]);
    expect(errors, where).toEqual([]);
    const r = await report(page);
    expect(r.includeIndicatorCSS, where).toBe(false);
    expect(
      { adopted: r.adopted, styleElements: r.styleElements, styleAttributes: r.styleAttributes },
      `${where}: styles injected into the page`,
    ).toEqual({ adopted: 0, styleElements: 0, styleAttributes: 0 });
    expect(r.foreignSheets, where).toEqual([]);
    // The indicator rules come from our stylesheet: hidden until htmx marks a request.
    expect(r.indicatorHidden, where).toEqual({ opacity: "0", visibility: "hidden" });
    expect(r.indicatorShown.visibility, where).toBe("visible");
  }

  test("search: the page and a live search", async () => {
    const page = await context.newPage();
    const errors = watchErrors(page, /status of 422/);
    await page.goto(`${server.url}/`);
    await page.locator("#q").fill("Bakker");
    await expect.poll(() => page.url()).toContain("q=Bakker");
    await expectClean(page, errors, "/ after a live search");
    await page.close();
  });

  test("public profile and rekenhulp (live calculation)", async () => {
    const page = await context.newPage();
    const errors = watchErrors(page, /status of 422/);
    await page.goto(`${server.url}/beoordelaars/${assessorId}`);
    await expectClean(page, errors, "/beoordelaars/{id}");
    await page.goto(`${server.url}/rekenhulp`);
    await page.locator("#part-1-name").fill("P1");
    await page.locator("#part-1-grade").pressSequentially("6,3", { delay: 20 });
    await expect
      .poll(() => page.locator("#schoolexamen-result").textContent(), { timeout: 5000 })
      .toContain("6,3");
    await expectClean(page, errors, "/rekenhulp after a live calculation");
    await page.close();
  });

  test("school dashboard with a live filter, the profile and its forms, the register form", async () => {
    const page = await context.newPage();
    const errors = watchErrors(page, /status of 422/);
    await page.goto(`${server.url}/school`);
    await page.getByLabel("Zoeken", { exact: true }).fill("bakker");
    await expect.poll(() => page.url()).toContain("q=bakker");
    await expectClean(page, errors, "/school after a live filter");

    await page.goto(`${server.url}/school/beoordelaars/${assessorId}`);
    await expectClean(page, errors, "/school/beoordelaars/{id}");
    // A profile form sent with htmx (empty, so the answer is the form again with messages).
    const form = page.locator("form[hx-post]").first();
    await form.locator("button").first().click();
    await expect
      .poll(() => page.locator(".field-error, .error-summary").count())
      .toBeGreaterThan(0);
    await expectClean(page, errors, "/school/beoordelaars/{id} after an htmx form post");

    await page.goto(`${server.url}/school/beoordelaars/nieuw`);
    await expectClean(page, errors, "/school/beoordelaars/nieuw");
    await page.close();
  });
});
