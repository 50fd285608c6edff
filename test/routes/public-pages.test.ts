// The public pages: full page, htmx partial, friendly errors, escaping, credit line.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { insertAssessor } from "../helpers/public-fixtures";

let t: TestApp;
let janId: string;
let xssId: string;

beforeAll(async () => {
  t = await createTestApp();
  janId = await insertAssessor(t.db, {
    firstName: "Jan",
    infix: "van der",
    lastName: "Meer",
    places: ["3295"],
    crebos: ["25332"],
  });
  xssId = await insertAssessor(t.db, {
    firstName: "<script>alert(1)</script>",
    lastName: "Xss<b>",
    places: ["1245"],
    crebos: ["25350"],
    organisation: '"><img src=x onerror=alert(1)>',
  });
});
afterAll(() => t.close());

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await t.app.request(path, { headers });
  return { res, status: res.status, html: await res.text() };
}

describe("search page /", () => {
  test("renders the form with labelled controls and the results", async () => {
    const { status, html, res } = await page("/");
    expect(status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("vary")).toContain("HX-Request");
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<html lang="nl">');
    for (const label of [
      'for="q"',
      'for="province"',
      'for="near"',
      'for="crebo"',
      'for="radius_km"',
    ])
      expect(html).toContain(label);
    expect(html).toContain("Jan van der Meer");
    expect(html).toContain("2 praktijkbeoordelaars");
    expect(html).toContain("Utrecht: 1 praktijkbeoordelaar");
    expect(html).toContain("/vendor/htmx.min.js");
    expect(html).not.toContain("cdn");
  });

  test("filters through the URL with the API's parameter names", async () => {
    const { html } = await page("/?province=UT&crebo=25332");
    expect(html).toContain("1 praktijkbeoordelaar");
    expect(html).toContain('<option value="UT" selected="">Utrecht</option>');
    expect(html).toContain("Jan van der Meer");
    expect(html).not.toContain("Xss");
  });

  test("a place with a radius is searched as near + radius_km", async () => {
    const { html, status } = await page("/?place=1245&radius_km=10");
    expect(status).toBe(200);
    expect(html).toContain("1 praktijkbeoordelaar");
    expect(html).toContain(" km");
  });

  test("the htmx partial is the results region only, with the canonical URL", async () => {
    const { html, res } = await page("/?q=meer&province=UT&place=&radius_km=", {
      "HX-Request": "true",
      "HX-Current-URL": "http://localhost/?province=UT",
    });
    expect(html).not.toContain("<html");
    expect(html).toContain('id="results"');
    expect(html).not.toContain('id="place-field"');
    expect(res.headers.get("hx-push-url")).toBe("/?q=meer&province=UT");
  });

  test("choosing a province after a place drops the place, and the Waar box is sent out of band", async () => {
    const { html, res } = await page("/?province=FR&near=3811", {
      "HX-Request": "true",
      "HX-Current-URL": "http://localhost/?near=3811",
    });
    expect(res.headers.get("hx-push-url")).toBe("/?province=FR");
    expect(html).toContain('id="where-field"');
    const where = html.slice(html.indexOf('id="where-field"'));
    expect(where).toContain('hx-swap-oob="true"');
    expect(where).toMatch(/id="near" name="near" value=""/);
  });

  test("choosing a place or postcode drops a chosen province", async () => {
    const { html, res } = await page("/?province=FR&near=3811", {
      "HX-Request": "true",
      "HX-Current-URL": "http://localhost/?province=FR",
    });
    expect(res.headers.get("hx-push-url")).toBe("/?near=3811");
    const field = html.slice(html.indexOf('id="province-field"'));
    expect(field).toContain('hx-swap-oob="true"');
    expect(field).toContain('<option value="">Alle provincies</option>');
    expect(field).not.toContain('selected=""');
    // Without JavaScript both come in one submit: the place wins.
    const full = await page("/?province=FR&near=3811");
    expect(full.html).toContain("binnen 25 km van postcode 3811 (Amersfoort)");
    expect(full.html).not.toContain('<option value="FR" selected="">');
  });

  test("a history restore request gets the full page", async () => {
    const { html } = await page("/?q=meer", {
      "HX-Request": "true",
      "HX-History-Restore-Request": "true",
    });
    expect(html).toContain("<html");
  });

  test.each([
    ["/?province=XX", "Provincie"],
    ["/?crebo=12", "Crebo"],
    [`/?q=${"x".repeat(250)}`, "Wie of wat"],
    ["/?place=0000", "Waar"],
    ["/?near=1029", "Postcode 1029 kennen wij niet"],
    ["/?near=Nergensdorp", "Waar"],
    ["/?near=3811&radius_km=500", "Straal"],
  ])("invalid input %s gives a friendly Dutch message, not a 5xx", async (path, label) => {
    const { status, html } = await page(path);
    expect(status).toBe(422);
    expect(html).toContain("Controleer uw zoekopdracht");
    expect(html).toContain(label);
  });

  test("user data is escaped", async () => {
    const { html } = await page("/?q=xss");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img src=x");
    const profile = await page(`/beoordelaars/${xssId}`);
    expect(profile.html).not.toContain("<script>alert(1)");
    expect(profile.html).toContain("Xss&lt;b&gt;");
  });

  test("the footer carries the data credit line", async () => {
    const { html } = await page("/over");
    expect(html).toContain("Bron: CBS (Woonplaatsen in Nederland 2024, gebiedsindelingen)");
  });
});

describe("profile and about", () => {
  test("public profile", async () => {
    const { status, html } = await page(`/beoordelaars/${janId}`);
    expect(status).toBe(200);
    expect(html).toContain("<h1>Jan van der Meer</h1>");
    expect(html).toContain("25332");
    expect(html).toContain("Utrecht");
  });
  test("unknown profile → Dutch 404 page", async () => {
    const { status, html } = await page("/beoordelaars/onbekend");
    expect(status).toBe(404);
    expect(html).toContain("niet gevonden");
  });
  test("about page explains criteria and privacy", async () => {
    const { status, html } = await page("/over");
    expect(status).toBe(200);
    for (const text of [
      "examenproces en rollen",
      "eindgesprek",
      "drie jaar",
      "Privacy",
      "/aanvragen",
    ])
      expect(html).toContain(text);
  });
  test("unknown page → Dutch 404", async () => {
    const { status, html } = await page("/bestaat-niet");
    expect(status).toBe(404);
    expect(html).toContain("Pagina niet gevonden");
  });
});
