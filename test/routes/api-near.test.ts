// Searching around a point through the public API (DESIGN §4): every form of `near`, place +
// radius_km, distances, the default distance order, the suggestion, province with near, places
// in q, postcodes, and every bad input.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { insertAssessor } from "../helpers/public-fixtures";
import { haversineKm } from "#src/search/near";

let t: TestApp;
let ids: Record<string, string>;

// 3811 = a postcode in Amersfoort (52.15468, 5.38865); places: 1664 Amersfoort, 1665 Hoogland
// (municipality Amersfoort), 2638 Leusden, 3597 Barneveld (GE), 3295 Utrecht, 1245 's-Gravenhage,
// 1070 Groningen.
const PC3811 = { lat: 52.15468, lon: 5.38865 };

beforeAll(async () => {
  t = await createTestApp();
  const make = (firstName: string, lastName: string, places: string[], crebos = ["25332"]) =>
    insertAssessor(t.db, { firstName, lastName, places, crebos });
  ids = {
    amersfoort: await make("Anna", "Amersfoorter", ["1664"]),
    hoogland: await make("Hugo", "Hooglander", ["1665"]),
    leusden: await make("Lotte", "Leusdenaar", ["2638"]),
    barneveld: await make("Bram", "Barnevelder", ["3597"]),
    utrecht: await make("Uri", "Utrechter", ["3295", "1070"], ["25332", "25350"]),
    haag: await make("Hanna", "Hagenaar", ["1245"], ["25350"]),
    groningen: await make("Gert", "Groninger", ["1070"], ["25297"]),
  };
});
afterAll(() => t.close());

async function get(path: string) {
  const res = await t.app.request(path);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) };
}

type Item = {
  id: string;
  last_name: string;
  distance_km?: number;
  provinces: string[];
  places: { code: string; name: string; province: string; lat: number; lon: number }[];
};

const names = (items: Item[]) => items.map((i) => i.last_name);

describe("near: a 4-digit postcode", () => {
  test("3811 → everyone within 25 km, nearest first, with distance_km to the nearest place", async () => {
    const { status, body } = await get("/api/v1/assessors?near=3811");
    expect(status).toBe(200);
    expect(names(body.items)).toEqual([
      "Amersfoorter",
      "Hooglander",
      "Leusdenaar",
      "Barnevelder",
      "Utrechter",
    ]);
    expect(body.total).toBe(5);
    const distances = body.items.map((i: Item) => i.distance_km);
    expect(distances).toEqual([...distances].sort((a: number, b: number) => a - b));
    for (const item of body.items as Item[]) {
      // One decimal, from the postcode to the assessor's nearest place (exact haversine).
      const nearest = Math.min(...item.places.map((p) => haversineKm(PC3811, p)));
      expect(item.distance_km).toBe(Math.round(nearest * 10) / 10);
      expect(String(item.distance_km)).toMatch(/^\d+(\.\d)?$/);
      expect(item.distance_km!).toBeLessThanOrEqual(25);
    }
    // Utrecht's assessor also works in Groningen: the distance is to Utrecht, the nearest.
    const utrecht = body.items.find((i: Item) => i.id === ids.utrecht);
    expect(utrecht.distance_km).toBeGreaterThan(15);
    expect(utrecht.distance_km).toBeLessThan(25);
  });

  test.each(["3811 AB", "3811AB", "3811ab", " 3811 "])("%j counts as 3811", async (near) => {
    const plain = (await get("/api/v1/assessors?near=3811")).body;
    const { status, body } = await get(`/api/v1/assessors?near=${encodeURIComponent(near)}`);
    expect(status).toBe(200);
    expect(body.items).toEqual(plain.items);
  });

  test("a 4-digit value is a postcode, never a place code", async () => {
    // 3295 is Utrecht's place code, but as a postcode it lies in 's-Gravendeel (ZH).
    const { status, body } = await get("/api/v1/assessors?near=3295&radius_km=10");
    expect(status).toBe(200);
    expect(body.total).toBe(0);
  });

  test("radius_km narrows and widens; sort=name keeps distances", async () => {
    expect(names((await get("/api/v1/assessors?near=3811&radius_km=5")).body.items)).toEqual([
      "Amersfoorter",
      "Hooglander",
      "Leusdenaar",
    ]);
    expect(names((await get("/api/v1/assessors?near=3811&radius_km=3")).body.items)).toEqual([
      "Amersfoorter",
    ]);
    const wide = (await get("/api/v1/assessors?near=3811&radius_km=200")).body;
    expect(wide.total).toBe(7);
    const byName = (await get("/api/v1/assessors?near=3811&sort=name")).body;
    expect(names(byName.items)).toEqual([
      "Amersfoorter",
      "Barnevelder",
      "Hooglander",
      "Leusdenaar",
      "Utrechter",
    ]);
    for (const item of byName.items) expect(typeof item.distance_km).toBe("number");
  });

  test("a postcode missing from the 2014 data → 422 naming near, saying so and pointing to the place name", async () => {
    const { status, body } = await get("/api/v1/assessors?near=1029");
    expect(status).toBe(422);
    expect(body.error.code).toBe("invalid_parameter");
    expect(body.error.fields.near).toContain("1029");
    expect(body.error.fields.near).toContain("2014");
    expect(body.error.fields.near).toContain("plaatsnaam");
  });
});

describe("near: a place name", () => {
  test.each(["Amersfoort", "amersfoort", "AMERSFOORT", " Amersfoort "])(
    "%j → around the place, case-insensitive",
    async (near) => {
      const { status, body } = await get(`/api/v1/assessors?near=${encodeURIComponent(near)}`);
      expect(status).toBe(200);
      expect(body.items[0].last_name).toBe("Amersfoorter");
      expect(body.items[0].distance_km).toBe(0);
      expect(body.total).toBe(5);
    },
  );

  test("accent- and punctuation-insensitive: 's-Gravenhage = s gravenhage", async () => {
    const a = (await get(`/api/v1/assessors?near=${encodeURIComponent("'s-Gravenhage")}`)).body;
    const b = (await get("/api/v1/assessors?near=s%20gravenhage")).body;
    expect(names(a.items)).toEqual(["Hagenaar"]);
    expect(b.items).toEqual(a.items);
    const frisian = await get(`/api/v1/assessors?near=${encodeURIComponent("Fryslan")}`);
    expect(frisian.status).toBe(422); // a province is not a place
  });

  test("a name several places share → 422 ambiguous_place with candidates", async () => {
    const { status, body } = await get("/api/v1/assessors?near=Beek");
    expect(status).toBe(422);
    expect(body.error.code).toBe("ambiguous_place");
    expect(body.error.message).toEqual(expect.any(String));
    expect(body.error.fields.near).toEqual(expect.any(String));
    expect(body.error.candidates).toHaveLength(3);
    for (const c of body.error.candidates)
      expect(Object.keys(c).sort()).toEqual(["code", "municipality", "name", "province"]);
    expect(body.error.candidates.map((c: { code: string }) => c.code).sort()).toEqual([
      "1670",
      "2203",
      "2872",
    ]);
    // A candidate's code searches around it.
    const around = await get("/api/v1/assessors?place=1670&radius_km=10");
    expect(around.status).toBe(200);
  });

  test("an unknown name → 422 naming near", async () => {
    const { status, body } = await get("/api/v1/assessors?near=Nergensdorp");
    expect(status).toBe(422);
    expect(body.error.code).toBe("invalid_parameter");
    expect(Object.keys(body.error.fields)).toEqual(["near"]);
  });
});

describe("near: lat,lon and place + radius_km", () => {
  test("lat,lon with or without a space", async () => {
    const a = (await get("/api/v1/assessors?near=52.15468,5.38865")).body;
    const b = (await get("/api/v1/assessors?near=52.15468,%205.38865")).body;
    const pc = (await get("/api/v1/assessors?near=3811")).body;
    expect(a.items).toEqual(pc.items);
    expect(b.items).toEqual(pc.items);
  });

  test.each(["91,5", "52,181", "52.1;5.1"])("%j → 422 naming near", async (near) => {
    const { status, body } = await get(`/api/v1/assessors?near=${encodeURIComponent(near)}`);
    expect(status).toBe(422);
    expect(body.error.fields.near).toEqual(expect.any(String));
  });

  test("place + radius_km searches around the place; place alone only in it", async () => {
    const around = (await get("/api/v1/assessors?place=1664&radius_km=25")).body;
    const byName = (await get("/api/v1/assessors?near=Amersfoort")).body;
    expect(around.items).toEqual(byName.items);
    const only = (await get("/api/v1/assessors?place=1664")).body;
    expect(names(only.items)).toEqual(["Amersfoorter"]);
    expect(only.items[0].distance_km).toBeUndefined();
    const sorted = await get("/api/v1/assessors?place=1664&radius_km=25&sort=distance");
    expect(sorted.status).toBe(200);
  });

  test("sort=distance needs a point", async () => {
    for (const q of ["sort=distance", "place=1664&sort=distance"]) {
      const { status, body } = await get(`/api/v1/assessors?${q}`);
      expect(status).toBe(422);
      expect(body.error.fields.sort).toEqual(expect.any(String));
    }
  });

  test.each(["0", "201", "-5", "abc", "1e9"])("radius_km=%s → 422 naming radius_km", async (r) => {
    const { status, body } = await get(`/api/v1/assessors?near=3811&radius_km=${r}`);
    expect(status).toBe(422);
    expect(body.error.fields.radius_km).toEqual(expect.any(String));
  });

  test("radius_km 1 and 200 are allowed", async () => {
    expect((await get("/api/v1/assessors?near=3811&radius_km=1")).status).toBe(200);
    expect((await get("/api/v1/assessors?near=3811&radius_km=200")).status).toBe(200);
  });
});

describe("province with near, facets, places", () => {
  test("an explicit province still narrows a near search", async () => {
    const { body } = await get("/api/v1/assessors?near=3811&province=UT");
    expect(names(body.items)).toEqual(["Amersfoorter", "Hooglander", "Leusdenaar", "Utrechter"]);
    const ge = (await get("/api/v1/assessors?near=3811&province=GE")).body;
    expect(names(ge.items)).toEqual(["Barnevelder"]);
    // The province facet ignores its own filter but keeps the radius.
    const facet = Object.fromEntries(
      body.facets.province.map((f: { code: string; count: number }) => [f.code, f.count]),
    );
    expect(facet).toEqual({ UT: 4, GE: 1, GR: 1 });
  });

  test("every item's places carry lat and lon", async () => {
    const { body } = await get("/api/v1/assessors?per_page=100");
    expect(body.items.length).toBe(7);
    for (const item of body.items as Item[])
      for (const p of item.places) {
        expect(Object.keys(p).sort()).toEqual(["code", "lat", "lon", "name", "province"]);
        expect(p.lat).toBeGreaterThan(50.7);
        expect(p.lon).toBeGreaterThan(3.3);
      }
    const one = (await get(`/api/v1/assessors/${ids.amersfoort}`)).body;
    expect(one.places[0]).toEqual({
      code: "1664",
      name: "Amersfoort",
      province: "UT",
      lat: 52.155,
      lon: 5.3875,
    });
  });
});

describe("the suggestion for an empty near search", () => {
  test("the smallest of 50, 100, 200 km that finds someone", async () => {
    // Only the Groningen assessor has crebo 25297.
    const near = (await get("/api/v1/assessors?near=3811&radius_km=10&crebo=25297")).body;
    expect(near.total).toBe(0);
    expect(near.suggestion).toEqual({ radius_km: 200, total: 1 });
    const utrecht = (await get("/api/v1/assessors?near=Leusden&radius_km=5&crebo=25350")).body;
    expect(utrecht.total).toBe(0);
    expect(utrecht.suggestion).toEqual({ radius_km: 50, total: 1 });
    const haag = (await get("/api/v1/assessors?near=Utrecht&radius_km=5&crebo=25350&province=ZH"))
      .body;
    expect(haag.suggestion).toEqual({ radius_km: 100, total: 1 });
  });

  test("no suggestion when something is found, when nothing is found within 200 km, or without near", async () => {
    expect((await get("/api/v1/assessors?near=3811")).body.suggestion).toBeUndefined();
    const nobody = (await get("/api/v1/assessors?near=3811&crebo=25124")).body;
    expect(nobody.total).toBe(0);
    expect(nobody).not.toHaveProperty("suggestion");
    const plain = (await get("/api/v1/assessors?crebo=25124")).body;
    expect(plain).not.toHaveProperty("suggestion");
    const widest = (await get("/api/v1/assessors?near=3811&radius_km=200&crebo=25124")).body;
    expect(widest).not.toHaveProperty("suggestion");
  });

  test("the suggested radius, asked for, finds exactly the suggested number", async () => {
    const first = (await get("/api/v1/assessors?near=Leusden&radius_km=5&crebo=25350")).body;
    const { radius_km, total } = first.suggestion;
    const again = (await get(`/api/v1/assessors?near=Leusden&radius_km=${radius_km}&crebo=25350`))
      .body;
    expect(again.total).toBe(total);
  });
});

describe("q matches places and municipalities", () => {
  test("a place name in q finds who works there; its municipality too", async () => {
    const { body } = await get("/api/v1/assessors?q=Amersfoort");
    // Amersfoort itself, and Hoogland (in the municipality Amersfoort).
    expect(names(body.items).sort()).toEqual(["Amersfoorter", "Hooglander"]);
    expect(body.items.every((i: Item) => i.distance_km === undefined)).toBe(true);
  });

  test("with other words all must match", async () => {
    expect(names((await get("/api/v1/assessors?q=hugo%20amersfoort")).body.items)).toEqual([
      "Hooglander",
    ]);
    expect((await get("/api/v1/assessors?q=hanna%20amersfoort")).body.total).toBe(0);
    expect(names((await get("/api/v1/assessors?q=barneveld")).body.items)).toEqual(["Barnevelder"]);
  });

  test("'s-Gravenhage by its words, case- and accent-insensitive", async () => {
    expect(names((await get("/api/v1/assessors?q=GRAVENHAGE")).body.items)).toEqual(["Hagenaar"]);
  });
});

describe("GET /api/v1/postcodes/{pc4}", () => {
  test("a known postcode → its point and woonplaats", async () => {
    const { status, body } = await get("/api/v1/postcodes/3811");
    expect(status).toBe(200);
    expect(body).toEqual({
      pc4: "3811",
      lat: 52.15468,
      lon: 5.38865,
      place: { code: "1664", name: "Amersfoort", municipality: "Amersfoort", province: "UT" },
    });
  });

  test.each(["1029", "0000", "abc", "12345"])("%s → 404 in the error shape", async (pc) => {
    const { status, body } = await get(`/api/v1/postcodes/${pc}`);
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_found");
    expect(body.error.message).toEqual(expect.any(String));
  });
});

describe("q: place phrases and stop words", () => {
  test("a whole multi-word place name is one phrase; 'de' alone names no place", async () => {
    const t2 = await createTestApp();
    try {
      const bergen = await insertAssessor(t2.db, {
        firstName: "Bert",
        lastName: "Zuidwester",
        places: [(await placeCode(t2, "Bergen op Zoom"))!],
        crebos: ["25332"],
      });
      await insertAssessor(t2.db, {
        firstName: "Dirk",
        lastName: "Bilter",
        places: [(await placeCode(t2, "De Bilt"))!],
        crebos: ["25332"],
      });
      const get2 = async (p: string) =>
        (await (await t2.app.request(p)).json()) as { items: Item[]; total: number };
      expect((await get2("/api/v1/assessors?q=bergen%20op%20zoom")).items.map((i) => i.id)).toEqual(
        [bergen],
      );
      // "de" is a prefix of no name word here and names no place: nobody.
      expect((await get2("/api/v1/assessors?q=de")).total).toBe(0);
      expect((await get2("/api/v1/assessors?q=de%20bilt")).items.map((i) => i.last_name)).toEqual([
        "Bilter",
      ]);
    } finally {
      t2.close();
    }
  });
});

async function placeCode(app: TestApp, name: string): Promise<string | undefined> {
  const res = await app.app.request(`/api/v1/places?q=${encodeURIComponent(name)}`);
  const places = (await res.json()) as { code: string; name: string }[];
  return places.find((p) => p.name === name)?.code;
}
