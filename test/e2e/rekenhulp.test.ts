// Browser: the rekenhulp live with htmx, without JavaScript, and at desktop and phone widths.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { browserAvailable, launchBrowser, screenshotPath, watchErrors } from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";

describe.skipIf(!browserAvailable)("rekenhulp in the browser", () => {
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

  /** A marker on window survives htmx swaps but not a full page load. */
  async function markPage(page: Page) {
    await page.evaluate(
      () => ((window as unknown as { rekenhulpMarker: number }).rekenhulpMarker = 1),
    );
  }
  async function samePage(page: Page): Promise<boolean> {
    return page.evaluate(
      () => (window as unknown as { rekenhulpMarker?: number }).rekenhulpMarker === 1,
    );
  }

  test("live with htmx: school-exam grade, final grade, added row, uitslag, deadline", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page, /status of 422/);
    await page.goto(`${server.url}/rekenhulp`);
    await markPage(page);

    const seResult = page.locator("#schoolexamen-result");
    await page.locator("#part-1-name").fill("P1");
    await page.locator("#part-1-grade").pressSequentially("6,3", { delay: 20 });
    await page.locator("#part-2-name").fill("P2");
    await page.locator("#part-2-grade").pressSequentially("6,6", { delay: 20 });
    await expect
      .poll(() => seResult.textContent(), { timeout: 5000 })
      .toContain("(6,3 + 6,6) / 2 = 6,45");
    await expect.poll(() => seResult.locator(".big-number").first().textContent()).toBe("6,5");
    // School-exam only: 6,45 → 6,5 → 7.
    await expect.poll(() => seResult.locator(".big-number").nth(1).textContent()).toBe("7");
    await page.locator("#centralExam").first().pressSequentially("5,8", { delay: 20 });
    await expect
      .poll(() => seResult.locator(".big-number").nth(1).textContent(), { timeout: 5000 })
      .toBe("6");

    // A bad grade shows a Dutch message in the result region, linked to the field.
    await page.locator("#part-2-grade").fill("66");
    await expect
      .poll(() => seResult.textContent(), { timeout: 5000 })
      .toContain("Een cijfer ligt tussen 1,0 en 10,0.");
    await expect.poll(() => seResult.locator('a[href="#part-2-grade"]').count()).toBe(1);
    await page.locator("#part-2-grade").fill("6,6");
    await expect.poll(() => seResult.textContent(), { timeout: 5000 }).toContain("6,45");

    // Regel toevoegen: the section is swapped, values stay, the new row has the focus.
    await page.getByRole("button", { name: "Regel toevoegen" }).click();
    await expect.poll(() => page.locator("#part-9-grade").count(), { timeout: 5000 }).toBe(1);
    expect(await page.locator("#part-1-grade").inputValue()).toBe("6,3");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("part-9-name");
    await page.locator("#part-9-weight").fill("2");
    await page.locator("#part-9-grade").pressSequentially("8", { delay: 20 });
    // (6,3 + 6,6 + 2 × 8) / 4 = 7,225 → 7,2; with CE 5,8 → 6,5 → 7.
    await expect
      .poll(() => seResult.locator(".big-number").first().textContent(), { timeout: 5000 })
      .toBe("7,2");

    // Final grade form.
    await page.locator("#schoolExam").pressSequentially("6,45", { delay: 20 });
    await expect
      .poll(() => page.locator("#eindcijfer-result .big-number").textContent(), { timeout: 5000 })
      .toBe("7");

    // Uitslag: fill three rows by hand.
    const rows: [string, string, string, boolean][] = [
      ["Nederlands", "5", "5,4", true],
      ["Engels", "5", "5,6", true],
      ["Biologie", "7", "6,0", false],
    ];
    for (const [i, [name, final, ce, core]] of rows.entries()) {
      await page.locator(`#subject-${i + 1}-name`).fill(name);
      await page.locator(`#subject-${i + 1}-final`).fill(final);
      await page.locator(`#subject-${i + 1}-ce`).fill(ce);
      if (core) await page.locator(`#subject-${i + 1}-core`).check();
    }
    await page.locator("#subject-4-name").fill("Lichamelijke opvoeding");
    await page.locator("#subject-4-assessment").selectOption("voldoende");
    const verdict = page.locator("#uitslag-result .verdict");
    await expect.poll(() => verdict.textContent(), { timeout: 5000 }).toContain("Afgewezen");
    await expect
      .poll(() => page.locator("#uitslag-result .reasons").textContent())
      .toContain("ten hoogste één 5");
    await page.locator("#subject-2-final").fill("6");
    await expect.poll(() => verdict.textContent(), { timeout: 5000 }).toContain("Geslaagd");

    // Deadline: Friday 12 June 2026 + 5 working days.
    await page.locator("#date").fill("2026-06-12");
    await page.locator("#days").fill("5");
    await expect
      .poll(() => page.locator("#termijn-result .big-number").textContent(), { timeout: 5000 })
      .toBe("vrijdag 19 juni 2026");
    await page.locator("#duration").fill("40");
    await expect
      .poll(() => page.locator("#toetstijd-result").textContent(), { timeout: 5000 })
      .toContain("toegang tot 15 minuten");

    expect(await samePage(page)).toBe(true);
    await page.locator("#uitslag").scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("rekenhulp-desktop"), fullPage: true });
    for (const id of ["schoolexamen", "eindcijfer", "uitslag", "termijn", "toetstijd"]) {
      await page.locator(`#${id}`).screenshot({ path: screenshotPath(`rekenhulp-desktop-${id}`) });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  test("phone width (390 px): the example candidate, rows stacked, nothing wider than the screen", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = watchErrors(page, /status of 422/);
    await page.goto(`${server.url}/rekenhulp?voorbeeld=havo#uitslag`);
    await expect
      .poll(() => page.locator("#uitslag-result .verdict").textContent())
      .toMatch(/Geslaagd|Afgewezen/);
    await page.locator("#part-1-grade").fill("7,4");
    await expect
      .poll(() => page.locator("#schoolexamen-result .big-number").first().textContent(), {
        timeout: 5000,
      })
      .toBe("7,4");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath("rekenhulp-mobile"), fullPage: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath("rekenhulp-mobile-top") });
    await page.locator("#uitslag-result").scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("rekenhulp-mobile-result") });
    await page.locator("#uitslag").screenshot({ path: screenshotPath("rekenhulp-mobile-uitslag") });
    expect(errors).toEqual([]);
    await page.close();
  });

  test("without JavaScript every form still calculates (full page, values kept)", async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/rekenhulp`);

    await page.locator("#part-1-grade").fill("6,3");
    await page.locator("#part-2-grade").fill("6,6");
    await page.locator("#schoolexamen").getByRole("button", { name: "Bereken" }).click();
    await expect.poll(() => page.locator("#schoolexamen-result").textContent()).toContain("6,45");
    expect(new URL(page.url()).pathname).toBe("/rekenhulp/schoolexamen");
    expect(await page.locator("#part-1-grade").inputValue()).toBe("6,3");

    await page.getByRole("button", { name: "Regel toevoegen" }).click();
    await expect.poll(() => page.locator("#part-9-grade").count()).toBe(1);
    expect(await page.locator("#part-2-grade").inputValue()).toBe("6,6");

    await page.locator("#schoolExam").fill("zes");
    await page.locator("#eindcijfer").getByRole("button", { name: "Bereken" }).click();
    await expect
      .poll(() => page.locator("#schoolExam-error").textContent())
      .toContain("is geen cijfer");
    await page.locator("#eindcijfer").screenshot({ path: screenshotPath("rekenhulp-nojs-error") });

    await page.locator("#subject-1-name").fill("Nederlands");
    await page.locator("#subject-1-final").fill("4");
    await page.locator("#subject-1-ce").fill("5,0");
    await page.locator("#subject-1-core").check();
    await page.getByRole("button", { name: "Bepaal de uitslag" }).click();
    await expect
      .poll(() => page.locator("#uitslag-result .verdict").textContent())
      .toContain("Afgewezen");
    expect(await page.locator("#subject-1-core").isChecked()).toBe(true);

    await page.locator("#date").fill("2026-05-13");
    await page.locator("#days").fill("1");
    await page.getByRole("button", { name: "Bereken de datum" }).click();
    await expect
      .poll(() => page.locator("#termijn-result .big-number").textContent())
      .toBe("vrijdag 15 mei 2026");
    expect(new URL(page.url()).searchParams.get("date")).toBe("2026-05-13");
    await page.screenshot({ path: screenshotPath("rekenhulp-nojs"), fullPage: true });
    await context.close();
  });
});
