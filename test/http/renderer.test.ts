// The page renderer (src/http/renderer.tsx): one frame around every page, the navigation from the
// request's login, error pages in the frame (API paths stay JSON), htmx fragments without it, and
// the anonymous page cache never mixing a signed-in frame into what it keeps.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { createSchoolWithUser, createUser, sessionCookie } from "../helpers/factories";
import { insertAssessor } from "../helpers/public-fixtures";

const ORIGIN = "http://localhost:8787";
const ANONYMOUS_NAV = '<a href="/inloggen">Inloggen voor scholen</a>';
const SCHOOL_NAV = '<a href="/school">Mijn school</a>';
const ADMIN_NAV = '<a href="/beheer">Beheer</a>';
const LOGOUT = '<form method="post" action="/uitloggen" class="inline-form">';

let t: TestApp;
let school: string;
let admin: string;
let assessorId: string;

beforeAll(async () => {
  t = await createTestApp();
  const { user } = await createSchoolWithUser(t.db, "ROC Renderer");
  school = await sessionCookie(t.db, user.id);
  admin = await sessionCookie(t.db, (await createUser(t.db, { role: "admin" })).id);
  assessorId = await insertAssessor(t.db, {
    firstName: "Jan",
    lastName: "Meer",
    places: ["3295"],
    crebos: ["25332"],
  });
});
afterAll(() => t.close());

async function get(path: string, cookie?: string, headers: Record<string, string> = {}) {
  const res = await t.app.request(path, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
  return { res, html: await res.text() };
}

/** The frame once: doctype, one <html>, header, main, footer. */
function expectFrame(html: string) {
  expect(html.startsWith('<!doctype html><html lang="nl">')).toBe(true);
  expect(html.match(/<html\b/g)).toHaveLength(1);
  expect(html.match(/<main id="inhoud"/g)).toHaveLength(1);
  expect(html).toContain('<footer class="site-footer">');
  expect(html.endsWith("</html>")).toBe(true);
}

describe("the frame and the navigation come from the request", () => {
  test("anonymous: the login link; the page's head (title, nav item, styles)", async () => {
    const { res, html } = await get("/over");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expectFrame(html);
    expect(html).toContain(ANONYMOUS_NAV);
    expect(html).not.toContain(LOGOUT);
    expect(html).toContain(
      "<title>Over het register · Register Gekwalificeerd Praktijkbeoordelaar</title>",
    );
    expect(html).toContain('<a href="/over" aria-current="page">Over het register</a>');
  });

  test("a school user and an admin see their own area and Uitloggen on a public page", async () => {
    const asSchool = await get("/over", school);
    expectFrame(asSchool.html);
    expect(asSchool.html).toContain(SCHOOL_NAV);
    expect(asSchool.html).toContain(LOGOUT);
    expect(asSchool.html).not.toContain(ANONYMOUS_NAV);
    const asAdmin = await get("/over", admin);
    expect(asAdmin.html).toContain(ADMIN_NAV);
    expect(asAdmin.html).not.toContain(SCHOOL_NAV);
  });

  test("a page that shows the account itself reads it from the same request", async () => {
    const { res, html } = await get("/school/team", school);
    expect(res.status).toBe(200);
    expectFrame(html);
    expect(html).toContain('<h1 class="page-title">Team van ROC Renderer</h1>');
    expect(html).toMatch(/<link rel="stylesheet" href="\/static\/account\.css[^"]*"\/>/);
    expect(html).toContain('<a href="/school" aria-current="page">Mijn school</a>');
  });

  test("the assessor's own-access pages show the signed-in navigation too", async () => {
    const { html } = await get("/mijn-gegevens", school);
    expectFrame(html);
    expect(html).toContain(SCHOOL_NAV);
  });

  test("a status other than 200 keeps the frame (422 of a form)", async () => {
    const res = await t.app.request("/inloggen", {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
      body: "email=&password=",
    });
    expect(res.status).toBe(422);
    expectFrame(await res.text());
  });
});

describe("error pages", () => {
  test("404 and a thrown error render in the frame, with the login's navigation", async () => {
    const missing = await get("/bestaat-niet", school);
    expect(missing.res.status).toBe(404);
    expectFrame(missing.html);
    expect(missing.html).toContain(SCHOOL_NAV);
    expect(missing.html).toContain("<title>Pagina niet gevonden · ");
    const forbidden = await get("/beheer", school);
    expect(forbidden.res.status).toBe(403);
    expectFrame(forbidden.html);
  });

  test("a CSRF refusal from middleware still gets the frame", async () => {
    const res = await t.app.request("/aanvragen", {
      method: "POST",
      headers: {
        origin: "http://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "school_name=x",
    });
    expect(res.status).toBe(403);
    const html = await res.text();
    expectFrame(html);
    expect(html).toContain("Verzoek geweigerd");
  });

  test("API paths answer JSON, never the frame", async () => {
    const { res, html } = await get("/api/v1/bestaat-niet", school);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(JSON.parse(html).error.code).toBe("not_found");
  });
});

describe("htmx fragments get no frame", () => {
  test("the search results", async () => {
    const { res, html } = await get("/?q=jan", school, { "HX-Request": "true" });
    expect(res.status).toBe(200);
    expect(html).not.toContain("<!doctype");
    expect(html).not.toContain("<html");
    expect(html).not.toContain("site-header");
  });

  test("a rekenhulp section", async () => {
    const res = await t.app.request("/rekenhulp/eindcijfer", {
      method: "POST",
      headers: {
        origin: ORIGIN,
        "content-type": "application/x-www-form-urlencoded",
        "HX-Request": "true",
      },
      body: "a=x",
    });
    const html = await res.text();
    expect(html).not.toContain("<html");
    expect(html).not.toContain("<main");
  });
});

describe("the anonymous page cache", () => {
  test("keeps the anonymous frame; a signed-in request in between gets its own", async () => {
    const path = `/beoordelaars/${assessorId}`;
    const first = await get(path);
    expect(first.html).toContain(ANONYMOUS_NAV);
    const signedIn = await get(path, school);
    expect(signedIn.html).toContain(SCHOOL_NAV);
    expect(signedIn.html).not.toContain(ANONYMOUS_NAV);
    const again = await get(path);
    expect(again.html).toBe(first.html);
    const search = [await get("/"), await get("/", admin), await get("/")];
    expect(search[0].html).toContain(ANONYMOUS_NAV);
    expect(search[1].html).toContain(ADMIN_NAV);
    expect(search[2].html).toBe(search[0].html);
  });
});
