// Browser: finding an assessor near you, at 390 px and 1280 px, with and without JavaScript —
// a postcode, a place typed into the first box, the suggestion for an empty radius, a map dot.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { axeViolations, browserAvailable, launchBrowser, watchErrors } from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";
import { insertAssessor } from "../helpers/public-fixtures";

const SHOTS = "/tmp/shots-near";

const MODES = [
  { width: 1280, height: 900, js: true },
  { width: 390, height: 844, js: true },
  { width: 1280, height: 900, js: false },
  { width: 390, height: 844, js: false },
] as const;

type Mode = (typeof MODES)[number];
const tag = (m: Mode) => `${m.width}${m.js ? "-js" : "-nojs"}`;

describe.skipIf(!browserAvailable)("searching near a place in the browser", () => {
  let server: RunningServer;
  let browser: Browser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    const make = async (first: string, last: string, places: string[], crebos = ["25332"]) =>
      (ids[last] = await insertAssessor(server.db, {
        firstName: first,
        lastName: last,
        places,
        crebos,
      }));
    // Around Amersfoort (postcode 3811): Amersfoort, Leusden, Barneveld, Utrecht; far: Den Haag.
    await make("Anna", "Amersfoorter", ["1664"]);
    await make("Lotte", "Leusdenaar", ["2638"]);
    await make("Bram", "Barnevelder", ["3597"]);
    await make("Uri", "Utrechter", ["3295"], ["25332", "25350"]);
    await make("Hanna", "Hagenaar", ["1245"], ["25350"]);
    await make("Gert", "Groninger", ["1070"], ["25297"]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(mode: Mode, path = "/"): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({
      viewport: { width: mode.width, height: mode.height },
      javaScriptEnabled: mode.js,
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}${path}`);
    return { page, errors };
  }

  async function distances(page: Page): Promise<number[]> {
    const texts = await page.locator(".results .distance").allTextContents();
    return texts.map((t) => Number(t.replace(/[^\d,]/g, "").replace(",", ".")));
  }

  async function submitFrom(page: Page, selector: string) {
    await page.locator(selector).press("Enter");
  }

  test.each(MODES)(
    "postcode 3811 → results in distance order with distances (%o)",
    async (mode) => {
      const { page, errors } = await open(mode);
      await page.locator("#near").fill("3811");
      if (mode.js) await page.locator("#near").dispatchEvent("change");
      else await submitFrom(page, "#near");
      await expect
        .poll(() => page.locator(".result-count").textContent(), { timeout: 5000 })
        .toContain("4 praktijkbeoordelaars gevonden binnen 25 km van postcode 3811 (Amersfoort)");
      await expect
        .poll(() => new URL(page.url()).searchParams.get("near"), { timeout: 5000 })
        .toBe("3811");
      if (mode.js) expect(new URL(page.url()).search).toBe("?near=3811");
      const names = await page.locator(".results h3 a").allTextContents();
      expect(names).toEqual([
        "Anna Amersfoorter",
        "Lotte Leusdenaar",
        "Bram Barnevelder",
        "Uri Utrechter",
      ]);
      const km = await distances(page);
      expect(km).toHaveLength(4);
      expect(km).toEqual([...km].sort((a, b) => a - b));
      expect(await page.locator(".results .distance").first().textContent()).toMatch(
        /^, afstand \d+(,\d)? km$|^\d+(,\d)? km$|km$/,
      );
      // The map shows the origin and one dot per result, each a link with a text alternative.
      expect(await page.locator(".map-origin").count()).toBe(1);
      expect(await page.locator("a.map-dot").count()).toBe(4);
      expect(await page.locator("a.map-dot").first().getAttribute("aria-label")).toContain(
        "Anna Amersfoorter",
      );
      if (mode.width === 390) {
        // On a phone, the count and the first result's name are in the first screen (boxes are
        // relative to the viewport; with JS the update may have scrolled them into view).
        const count = await page.locator(".result-count").boundingBox();
        const first = await page.locator(".results .result h3").first().boundingBox();
        expect(count!.y).toBeGreaterThanOrEqual(0);
        expect(first!.y + first!.height).toBeLessThanOrEqual(mode.height);
        // The filters are folded away on a phone.
        expect(await page.locator("#province").isVisible()).toBe(false);
      }
      await page.screenshot({ path: `${SHOTS}/postcode-3811-${tag(mode)}.png`, fullPage: false });
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );

  test.each(MODES)("Amersfoort in the first box → offered as a place search (%o)", async (mode) => {
    const { page, errors } = await open(mode);
    await page.locator("#q").fill("Amersfoort");
    if (!mode.js) await submitFrom(page, "#q");
    const offer = page.locator(".offer a");
    await expect.poll(() => offer.count(), { timeout: 5000 }).toBe(1);
    expect(await offer.textContent()).toBe("Zoek binnen 25 km van Amersfoort");
    // q itself finds who works in Amersfoort.
    expect(await page.locator(".results h3 a").allTextContents()).toEqual(["Anna Amersfoorter"]);
    await page.screenshot({ path: `${SHOTS}/offer-amersfoort-${tag(mode)}.png` });
    await offer.click();
    await expect.poll(() => new URL(page.url()).search, { timeout: 5000 }).toBe("?near=Amersfoort");
    await expect
      .poll(() => page.locator(".result-count").textContent(), { timeout: 5000 })
      .toContain("binnen 25 km van Amersfoort");
    expect(await page.locator("#near").inputValue()).toBe("Amersfoort");
    expect(await page.locator("#q").inputValue()).toBe("");
    expect((await distances(page))[0]).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test.each(MODES)("an empty small radius → the suggestion link → results (%o)", async (mode) => {
    // Crebo 25350 near Leusden: Utrecht's assessor is ~20 km away, so 5 km finds nobody.
    const { page, errors } = await open(mode, "/?crebo=25350");
    await page.locator("#near").fill("Leusden");
    await page.locator("#radius_km").selectOption("5");
    if (mode.js) await page.locator("#near").dispatchEvent("change");
    else await submitFrom(page, "#near");
    const link = page.locator(".suggestion a");
    await expect.poll(() => link.count(), { timeout: 5000 }).toBe(1);
    expect(await link.textContent()).toBe("Binnen 50 km is er 1");
    await page.screenshot({ path: `${SHOTS}/suggestion-${tag(mode)}.png` });
    await link.click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get("radius_km"), { timeout: 5000 })
      .toBe("50");
    await expect
      .poll(() => page.locator(".results h3 a").allTextContents(), { timeout: 5000 })
      .toEqual(["Uri Utrechter"]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test.each(MODES)("a map dot → its profile (%o)", async (mode) => {
    const { page, errors } = await open(mode, "/?near=3811&radius_km=10");
    const dot = page.locator("a.map-dot").first();
    expect(await dot.getAttribute("aria-label")).toMatch(/^Anna Amersfoorter, Amersfoort, /);
    await page.screenshot({ path: `${SHOTS}/map-${tag(mode)}.png`, fullPage: true });
    await dot.click();
    await expect
      .poll(() => new URL(page.url()).pathname, { timeout: 5000 })
      .toBe(`/beoordelaars/${ids.Amersfoorter}`);
    expect(await page.locator("h1").textContent()).toContain("Anna Amersfoorter");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("the map shows each province's count, a legend and the chosen province", async () => {
    const { page } = await open(MODES[0], "/?province=UT");
    const labels = await page.locator(".map-counts text").allTextContents();
    expect(labels).toHaveLength(12);
    expect(await page.locator(".map-counts text.chosen").textContent()).toBe("3");
    expect(await page.locator(".map-legend li").count()).toBeGreaterThan(1);
    expect(await page.locator(".province-map figcaption").textContent()).toContain(
      "Gekozen provincie: Utrecht",
    );
    expect(
      await page.locator('.province-map a[aria-current="true"]').getAttribute("aria-label"),
    ).toBe("Utrecht: 3 praktijkbeoordelaars (gekozen)");
    await page.screenshot({ path: `${SHOTS}/map-province-1280-js.png`, fullPage: true });
    await page.context().close();
  });

  test("an ambiguous place offers the candidates; a missing postcode says so", async () => {
    const { page } = await open(MODES[0], "/?near=Beek");
    expect(await page.locator(".error-summary").textContent()).toContain(
      "Er zijn meerdere plaatsen met de naam Beek",
    );
    expect(await page.locator(".candidates a").count()).toBe(3);
    await page.locator(".candidates a", { hasText: "Berg en Dal" }).click();
    await expect
      .poll(() => page.locator(".result-count").textContent())
      .toContain("binnen 25 km van Beek (Berg en Dal)");
    await page.goto(`${server.url}/?near=1029`);
    expect(await page.locator("#near-error").textContent()).toContain(
      "Postcode 1029 kennen wij niet",
    );
    expect(await page.locator("#near-error").textContent()).toContain("Probeer de plaatsnaam");
    await page.screenshot({ path: `${SHOTS}/postcode-unknown-1280-js.png` });
    await page.context().close();
  });

  test("with JavaScript: typing a place offers suggestions, choosing one searches", async () => {
    const { page, errors } = await open(MODES[1]);
    await page.locator("#near").pressSequentially("Leusd", { delay: 40 });
    await expect
      .poll(
        () =>
          page
            .locator("#near-options option")
            .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
        { timeout: 5000 },
      )
      .toContain("Leusden");
    // Choosing the suggestion (the browser fills the box with it) searches at once.
    await page.locator("#near").evaluate((el: HTMLInputElement) => {
      el.value = "Leusden";
      el.dispatchEvent(
        new InputEvent("input", { bubbles: true, inputType: "insertReplacementText" }),
      );
    });
    await expect
      .poll(() => page.locator(".result-count").textContent(), { timeout: 5000 })
      .toContain("binnen 25 km van Leusden");
    await page.locator("summary").click();
    // The crebo select got a typeahead over code and name.
    await page.locator("#crebo-zoek").fill("25350 Monteur werktuigkundige installaties (niveau 2)");
    await expect.poll(() => page.locator("#crebo").inputValue(), { timeout: 5000 }).toBe("25350");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test.each([
    [1280, "/?near=3811&radius_km=10"],
    [390, "/?near=3811&radius_km=10"],
    [1280, "/?near=Beek"],
    [1280, "/?q=Amersfoort&province=UT"],
  ])("axe finds no WCAG A/AA violations at %i px on %s", async (width, path) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
