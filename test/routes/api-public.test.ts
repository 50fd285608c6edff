// The public JSON API against a real database with assessors in known states.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestApp, TEST_TODAY, type TestApp } from "../helpers/app";
import { insertAssessor, CONTACT_MARKERS } from "../helpers/public-fixtures";
import { addDays } from "#src/rules";

let t: TestApp;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  ids = {
    jan: await insertAssessor(t.db, {
      firstName: "Jan",
      infix: "van der",
      lastName: "Meer",
      places: ["3484"],
      crebos: ["25332"],
    }),
    sanchez: await insertAssessor(t.db, {
      firstName: "María",
      lastName: "Sánchez",
      places: ["1245"],
      crebos: ["25350"],
      organisation: "Klimaat Zuid",
    }),
    celik: await insertAssessor(t.db, {
      firstName: "Ömer",
      lastName: "Çelik",
      places: ["1245", "3484"],
      crebos: ["25332", "25350"],
    }),
    aal: await insertAssessor(t.db, {
      firstName: "Bert",
      lastName: "Aalders",
      places: ["3295"],
      crebos: ["25332"],
    }),
    noConsent: await insertAssessor(t.db, {
      firstName: "Geheim",
      lastName: "Zonder",
      consent: false,
      places: ["1245"],
      crebos: ["25332"],
    }),
    lapsed: await insertAssessor(t.db, {
      firstName: "Oud",
      lastName: "Verlopen",
      start: addDays(TEST_TODAY, -1200),
      places: ["1245"],
      crebos: ["25332"],
    }),
    deregistered: await insertAssessor(t.db, {
      firstName: "Weg",
      lastName: "Afgemeld",
      deregisteredOn: addDays(TEST_TODAY, -1),
      places: ["1245"],
      crebos: ["25332"],
    }),
    futureDereg: await insertAssessor(t.db, {
      firstName: "Nog",
      lastName: "Even",
      deregisteredOn: addDays(TEST_TODAY, 10),
      places: ["1245"],
      crebos: ["25332"],
    }),
    expiring: await insertAssessor(t.db, {
      firstName: "Bijna",
      lastName: "Klaar",
      start: addDays(TEST_TODAY, -1050),
      places: ["1245"],
      crebos: ["25332"],
    }),
  };
});
afterAll(() => t.close());

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await t.app.request(path, { headers });
  const text = await res.text();
  return { res, status: res.status, text, json: () => JSON.parse(text) };
}

describe("GET /api/v1/assessors", () => {
  test("lists only public assessors (consent, qualified or expiring, not deregistered), sorted by last name", async () => {
    const r = await get("/api/v1/assessors");
    expect(r.status).toBe(200);
    expect(r.res.headers.get("content-type")).toContain("application/json");
    const body = r.json();
    const names = body.items.map((i: { last_name: string }) => i.last_name);
    expect(names).toEqual(["Aalders", "Çelik", "Even", "Klaar", "Meer", "Sánchez"]);
    expect(body.total).toBe(6);
    expect(body.page).toBe(1);
    expect(body.per_page).toBe(20);
  });

  test("an item has exactly the allow-listed fields", async () => {
    const body = (await get(`/api/v1/assessors?q=celik`)).json();
    expect(body.items).toHaveLength(1);
    const item = body.items[0];
    expect(Object.keys(item).sort()).toEqual(
      [
        "crebos",
        "first_name",
        "id",
        "infix",
        "last_name",
        "name",
        "organisation",
        "places",
        "provinces",
        "schools",
      ].sort(),
    );
    expect(item.name).toBe("Ömer Çelik");
    expect(item.places.map((p: { code: string }) => p.code).sort()).toEqual(["1245", "3484"]);
    expect(item.provinces).toEqual(["GR", "ZH"]);
    expect(item.crebos[0]).toEqual({ code: "25332", name: expect.any(String) });
    expect(item.schools[0]).toEqual({ id: expect.any(String), name: expect.any(String) });
  });

  test.each([
    ["sanchez", ["Sánchez"]],
    ["SÁNCHEZ", ["Sánchez"]],
    ["celik", ["Çelik"]],
    ["van der meer", ["Meer"]],
    ["meer", ["Meer"]],
    ["Jan van der Meer", ["Meer"]],
    ["ma", ["Sánchez"]],
    ["j", ["Meer"]],
    ["klimaat", ["Sánchez"]],
    ["25350", ["Çelik", "Sánchez"]],
    ["jan 25332", ["Meer"]],
    ["jan zzz", []],
  ])("q=%s finds %j", async (q, expected) => {
    const body = (await get(`/api/v1/assessors?q=${encodeURIComponent(q)}`)).json();
    expect(body.items.map((i: { last_name: string }) => i.last_name)).toEqual(expected);
  });

  test("filters: province, place, crebo", async () => {
    expect((await get("/api/v1/assessors?province=GR")).json().total).toBe(2);
    expect((await get("/api/v1/assessors?province=gr")).json().total).toBe(2);
    expect((await get("/api/v1/assessors?place=1245")).json().total).toBe(4);
    expect((await get("/api/v1/assessors?crebo=25350")).json().total).toBe(2);
    expect((await get("/api/v1/assessors?crebo=25350&province=GR")).json().items[0].last_name).toBe(
      "Çelik",
    );
  });

  test("facets count matching assessors per value, each ignoring its own filter", async () => {
    const body = (await get("/api/v1/assessors?province=GR&crebo=25350")).json();
    expect(body.total).toBe(1);
    const province = Object.fromEntries(
      body.facets.province.map((f: { code: string; count: number }) => [f.code, f.count]),
    );
    expect(province).toEqual({ GR: 1, ZH: 2 });
    const crebo = Object.fromEntries(
      body.facets.crebo.map((f: { code: string; count: number }) => [f.code, f.count]),
    );
    expect(crebo).toEqual({ "25332": 2, "25350": 1 });
    expect(body.facets.province[0]).toEqual({
      code: expect.any(String),
      name: expect.any(String),
      count: expect.any(Number),
    });
  });

  test("place with radius: distance_km and sort=distance", async () => {
    // 1245 = 's-Gravenhage; 3295 = a place elsewhere in the country.
    const body = (await get("/api/v1/assessors?place=1245&radius_km=5&sort=distance")).json();
    expect(body.items.length).toBe(4);
    for (const item of body.items) expect(item.distance_km).toBe(0);
    const wide = (
      await get("/api/v1/assessors?near=52.08,4.30&radius_km=200&sort=distance")
    ).json();
    const distances = wide.items.map((i: { distance_km: number }) => i.distance_km);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances[0]).toBeLessThan(2);
  });

  test("paging", async () => {
    const p1 = (await get("/api/v1/assessors?per_page=2")).json();
    const p3 = (await get("/api/v1/assessors?per_page=2&page=3")).json();
    expect(p1.items.map((i: { last_name: string }) => i.last_name)).toEqual(["Aalders", "Çelik"]);
    expect(p3.items.map((i: { last_name: string }) => i.last_name)).toEqual(["Meer", "Sánchez"]);
    expect(p3.total).toBe(6);
    expect((await get("/api/v1/assessors?per_page=2&page=99")).json().items).toEqual([]);
  });

  test("sort=relevance with q", async () => {
    const r = await get("/api/v1/assessors?q=meer&sort=relevance");
    expect(r.status).toBe(200);
    expect(r.json().items[0].last_name).toBe("Meer");
  });

  test.each([
    ["province=XX", "province"],
    ["place=abc", "place"],
    ["place=9999", "place"],
    ["crebo=123", "crebo"],
    ["near=abc", "near"],
    ["near=3811&radius_km=500", "radius_km"],
    ["near=3811&radius_km=nul", "radius_km"],
    ["sort=bogus", "sort"],
    ["sort=relevance", "sort"],
    ["sort=distance", "sort"],
    ["page=0", "page"],
    ["page=1.5", "page"],
    ["per_page=101", "per_page"],
    ["per_page=0", "per_page"],
    [`q=${"a".repeat(201)}`, "q"],
  ])("invalid %s → 422 naming %s", async (query, field) => {
    const r = await get(`/api/v1/assessors?${query}`);
    expect(r.status).toBe(422);
    const body = r.json();
    expect(body.error.code).toBe("invalid_parameter");
    expect(typeof body.error.message).toBe("string");
    expect(body.error.fields[field]).toEqual(expect.any(String));
  });

  test.each([
    '"',
    "*",
    "NEAR(",
    "%",
    "a AND",
    "' OR 1=1 --",
    "\\",
    "()",
    "^",
    "-",
    "x".repeat(200),
    "💡 ü",
    "   ",
  ])("FTS edge input %j never fails", async (q) => {
    const r = await get(`/api/v1/assessors?q=${encodeURIComponent(q)}`);
    expect(r.status).toBe(200);
    expect(Array.isArray(r.json().items)).toBe(true);
  });

  test("ETag and 304", async () => {
    const first = await get("/api/v1/assessors?province=GR");
    const etag = first.res.headers.get("etag");
    expect(etag).toBeTruthy();
    const second = await get("/api/v1/assessors?province=GR", { "if-none-match": etag! });
    expect(second.status).toBe(304);
  });
});

describe("GET /api/v1/assessors/{id}", () => {
  test("a public assessor", async () => {
    const r = await get(`/api/v1/assessors/${ids.jan}`);
    expect(r.status).toBe(200);
    expect(r.json().name).toBe("Jan van der Meer");
  });
  test.each(["noConsent", "lapsed", "deregistered"])(
    "%s → 404 with the error shape",
    async (key) => {
      const r = await get(`/api/v1/assessors/${ids[key]}`);
      expect(r.status).toBe(404);
      expect(r.json().error.code).toBe("not_found");
    },
  );
  test("unknown id → 404", async () => {
    expect((await get("/api/v1/assessors/doesnotexist")).status).toBe(404);
    expect((await get("/api/v1/assessors/%3Cscript%3E")).status).toBe(404);
  });
  test("ids are opaque random strings", () => {
    for (const id of Object.values(ids)) expect(id).toMatch(/^[a-z2-9]{16}$/);
  });
});

describe("CSV", () => {
  test("the whole filtered result, semicolons, UTF-8 with BOM", async () => {
    const r = await t.app.request("/api/v1/assessors.csv?province=ZH");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "");
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe(
      "id;naam;voornaam;tussenvoegsel;achternaam;organisatie;crebos;scholen;plaatsen;provincies",
    );
    expect(lines).toHaveLength(1 + 4);
    expect(text).toContain("María Sánchez");
  });
  test("invalid parameter → 422 JSON", async () => {
    const r = await get("/api/v1/assessors.csv?crebo=x");
    expect(r.status).toBe(422);
    expect(r.json().error.fields.crebo).toBeTruthy();
  });
});

describe("privacy: contact data never leaves the school area", () => {
  test("no contact value in public JSON, CSV or HTML", async () => {
    const pages = [
      "/api/v1/assessors?per_page=100",
      "/api/v1/assessors.csv",
      `/api/v1/assessors/${ids.jan}`,
      "/",
      "/?q=meer",
      `/beoordelaars/${ids.jan}`,
      `/beoordelaars/${ids.celik}`,
    ];
    for (const path of pages) {
      const { text, status } = await get(path);
      expect(status).toBe(200);
      for (const marker of CONTACT_MARKERS) expect(text).not.toContain(marker);
    }
  });
});

describe("reference lists", () => {
  test("provinces with counts of public assessors", async () => {
    const body = (await get("/api/v1/provinces")).json();
    expect(body).toHaveLength(12);
    expect(body.find((p: { code: string }) => p.code === "GR")).toEqual({
      code: "GR",
      name: "Groningen",
      count: 2,
    });
    expect(body.find((p: { code: string }) => p.code === "ZH").count).toBe(4);
  });
  test("places by province and text", async () => {
    const body = (await get("/api/v1/places?province=UT&q=utrecht")).json();
    expect(body[0]).toEqual({
      code: expect.any(String),
      name: "Utrecht",
      municipality: "Utrecht",
      province: "UT",
      lat: expect.any(Number),
      lon: expect.any(Number),
    });
    expect((await get("/api/v1/places?province=ZZ")).status).toBe(422);
    expect(
      (await get("/api/v1/places?province=FR"))
        .json()
        .every((p: { province: string }) => p.province === "FR"),
    ).toBe(true);
  });
  test("crebos", async () => {
    const body = (await get("/api/v1/crebos?q=25332")).json();
    expect(body).toEqual([
      { code: "25332", name: expect.stringContaining("elektrotechnische"), level: 3 },
    ]);
  });
  test("healthz", async () => {
    const r = await get("/healthz");
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ status: "ok" });
  });
  test("unknown API path → 404 JSON", async () => {
    const r = await get("/api/v1/nope");
    expect(r.status).toBe(404);
    expect(r.json().error.code).toBe("not_found");
  });
});

describe("result cache", () => {
  test("a write (data version bump) is visible in the next search at once", async () => {
    const { assessors } = await import("#db/schema");
    const { eq } = await import("drizzle-orm");
    const { refreshAssessorDerived } = await import("#src/queries/assessor-derived");
    const { bumpDataVersion } = await import("#src/queries/meta");
    const before = (await get("/api/v1/assessors?q=aalders")).json();
    expect(before.total).toBe(1);
    await t.db.update(assessors).set({ publicConsent: false }).where(eq(assessors.id, ids.aal));
    await refreshAssessorDerived(t.db, ids.aal);
    await bumpDataVersion(t.db);
    const after = (await get("/api/v1/assessors?q=aalders")).json();
    expect(after.total).toBe(0);
    expect((await get("/")).text).not.toContain("Aalders");
  });
});
