// SECURITY 10 (public side) and 8: property tests over the public search parameters. Valid
// input answers 200 with public fields only, invalid input 422 naming the field, nothing 5xx.
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { createTestApp, TEST_TODAY, type TestApp } from "../helpers/app";

const PARAMS = ["q", "province", "place", "crebo", "near", "radius_km", "sort", "page", "per_page"];
const PROVINCES = ["GR", "FR", "DR", "OV", "FL", "GE", "UT", "NH", "ZH", "ZE", "NB", "LI"];
const ITEM_KEYS = new Set([
  "id",
  "name",
  "first_name",
  "infix",
  "last_name",
  "organisation",
  "crebos",
  "schools",
  "places",
  "provinces",
  "distance_km",
]);
const RUNS = 120;

/** Pieces of text that break naive FTS5 or LIKE queries, or HTML. */
const NASTY = [
  '"',
  "'",
  "*",
  "NEAR(",
  "NEAR/2",
  "%",
  "_",
  "-",
  "^",
  ":",
  "(",
  ")",
  "AND",
  "OR",
  "NOT",
  "\\",
  ";",
  "--",
  "/*",
  "{",
  "<script>alert(1)</script>",
  "<b>",
  "&amp;",
  "\u0000",
  "\u200d",
  "\u202e",
  "\u0301\u0301\u0301",
  "\ud83d\ude00",
  "Çelik",
  "Sánchez",
  "ß",
  "ǅ",
  "ﬁ",
  "日本語",
  "van der",
  "ab",
  "a",
  " ",
];

const nastyText = fc
  .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 12, unit: "binary" })), {
    maxLength: 8,
  })
  .map((parts) => parts.join(""));

type Case = { query: Record<string, string>; invalid: string | null };

describe("public search parameters (fast-check)", () => {
  let t: TestApp;
  let placeCodes: string[];
  let unknownPlace: string;
  let postcodes: string[];
  let contacts: string[];

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.db, { on: TEST_TODAY, count: 150 });
    placeCodes = (await t.db.all<{ code: string }>(sql`SELECT code FROM places ORDER BY code`)).map(
      (r) => r.code,
    );
    const known = new Set(placeCodes);
    unknownPlace = ["0000", "0001", "9998", "9999"].find((c) => !known.has(c))!;
    // near takes postcodes (a 4-digit value is always a postcode), unique place names, lat,lon.
    postcodes = (await t.db.all<{ pc4: string }>(sql`SELECT pc4 FROM postcodes ORDER BY pc4`)).map(
      (r) => r.pc4,
    );
    contacts = (
      await t.db.all<{ email: string; phone: string }>(sql`SELECT email, phone FROM assessors`)
    ).flatMap((r) => [r.email, r.phone]);
  });
  afterAll(() => t.close());

  // ------------------------------------------------------------------ generators

  const spaced = (value: fc.Arbitrary<string>) =>
    fc
      .tuple(fc.constantFrom("", " "), value, fc.constantFrom("", " "))
      .map(([a, v, b]) => a + v + b);
  const intIn = (min: number, max: number) => fc.integer({ min, max }).map(String);

  const valid = () => ({
    q: nastyText.filter((s) => [...s.trim()].length <= 200),
    province: spaced(fc.constantFrom(...PROVINCES, ...PROVINCES.map((p) => p.toLowerCase()))),
    place: fc.constantFrom(...placeCodes),
    crebo: fc.stringMatching(/^\d{5}$/),
    near: fc.oneof(
      fc.constantFrom(...postcodes),
      fc.constantFrom(...postcodes).map((pc) => `${pc} AB`),
      fc.constantFrom("Amersfoort", "utrecht", "'s-Gravenhage", "Beek (Berg en Dal)"),
      fc
        .tuple(
          fc.integer({ min: -89, max: 89 }),
          fc.integer({ min: 0, max: 9999 }),
          fc.integer({ min: -179, max: 179 }),
          fc.integer({ min: 0, max: 9999 }),
          fc.constantFrom(",", ", "),
        )
        .map(([a, b, c, d, sep]) => `${a}.${b}${sep}${c}.${d}`),
    ),
    radius_km: fc.oneof(intIn(1, 200), fc.constantFrom("12.5", "1.0", "199.9")),
    page: fc.oneof(intIn(1, 5), intIn(1, 100000)),
    per_page: intIn(1, 100),
  });

  const invalid = () => ({
    q: fc
      .tuple(fc.integer({ min: 201, max: 600 }), fc.constantFrom("x", "é", "ab ", '"*'))
      .map(([n, unit]) => `z${unit.repeat(n)}`.slice(0, n) + "z"),
    province: fc.constantFrom("XX", "Utrecht", "U", "N-H", "12", "<b>", "GRR"),
    place: fc.oneof(
      fc.constantFrom("12", "abcd", "12345", "1 2 3", "-123", "<script>"),
      fc.constant(unknownPlace),
    ),
    crebo: fc.constantFrom("1234", "123456", "abcde", "2533a", "-1234", "25332,25333"),
    near: fc.oneof(
      fc.constantFrom("91,0", "0,181", "abc", "12345", "52.1;5.1", "52,", ",5", "NaN,NaN"),
      fc.constant(unknownPlace),
    ),
    radius_km: fc.constantFrom("0", "201", "-3", "abc", "0.5", "1e9", "Infinity"),
    page: fc.constantFrom("0", "-1", "1.5", "abc", "100001", "1,5"),
    per_page: fc.constantFrom("0", "101", "1.5", "x", "-1", "1000"),
  });

  /** A query with some valid parameters and at most one invalid one (whose name is returned). */
  const caseArb = (withInvalid: boolean): fc.Arbitrary<Case> => {
    const v = valid();
    const bad = invalid();
    const keys = Object.keys(v) as (keyof ReturnType<typeof valid>)[];
    return fc
      .record(
        Object.fromEntries(keys.map((k) => [k, fc.option(v[k], { nil: undefined })])) as {
          [K in keyof typeof v]: fc.Arbitrary<string | undefined>;
        },
      )
      .chain((base) =>
        fc.tuple(
          fc.constant(base),
          withInvalid ? fc.constantFrom(...keys) : fc.constant(null),
          fc.constantFrom("name", "relevance", "distance", undefined),
        ),
      )
      .chain(([base, badKey, sort]) =>
        (badKey ? bad[badKey] : fc.constant("")).map((badValue) => {
          const query: Record<string, string> = {};
          for (const [k, value] of Object.entries(base)) if (value !== undefined) query[k] = value;
          if (badKey) query[badKey] = badValue;
          // sort is only valid with what it sorts by.
          if (sort === "name") query.sort = sort;
          if (sort === "relevance" && query.q?.trim() && badKey !== "q") query.sort = sort;
          if (sort === "distance" && query.near && badKey !== "near") query.sort = sort;
          return { query, invalid: badKey };
        }),
      );
  };

  // ------------------------------------------------------------------ checks

  function assertErrorShape(body: unknown, field: string) {
    const error = (
      body as { error: { code: string; message: string; fields: Record<string, string> } }
    ).error;
    expect(error.code).toBe("invalid_parameter");
    expect(typeof error.message).toBe("string");
    expect(error.message.length).toBeGreaterThan(0);
    expect(Object.keys(error.fields)).toContain(field);
    for (const [name, message] of Object.entries(error.fields)) {
      expect(PARAMS).toContain(name);
      expect(typeof message).toBe("string");
      expect(message.length).toBeGreaterThan(0);
    }
  }

  function assertNoContactData(text: string) {
    for (const value of contacts)
      if (text.includes(value)) throw new Error(`contact value ${value} leaked`);
  }

  function assertSearchBody(body: Record<string, unknown>, query: Record<string, string>) {
    const items = body.items as Record<string, unknown>[];
    expect(Array.isArray(items)).toBe(true);
    expect(typeof body.total).toBe("number");
    expect(items.length).toBeLessThanOrEqual(Number(body.per_page));
    expect(items.length).toBeLessThanOrEqual(body.total as number);
    for (const item of items) {
      for (const key of Object.keys(item)) expect(ITEM_KEYS).toContain(key);
      const province = query.province?.trim().toUpperCase();
      if (province) expect(item.provinces).toContain(province);
      if (query.crebo)
        expect((item.crebos as { code: string }[]).map((c) => c.code)).toContain(query.crebo);
      const aroundPlace = query.place && query.radius_km && !query.near;
      if (query.place && !aroundPlace)
        expect((item.places as { code: string }[]).map((p) => p.code)).toContain(query.place);
      if (query.near || aroundPlace)
        expect(item.distance_km as number).toBeLessThanOrEqual(Number(query.radius_km ?? 25) + 0.1);
    }
  }

  const url = (path: string, query: Record<string, string>) =>
    `${path}?${new URLSearchParams(query)}`;

  it("valid parameters: 200 from the JSON API and the CSV, public fields only", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(false), async ({ query }) => {
        const res = await t.app.request(url("/api/v1/assessors", query));
        const text = await res.text();
        expect({ status: res.status, text: res.status === 200 ? "" : text }).toEqual({
          status: 200,
          text: "",
        });
        assertSearchBody(JSON.parse(text), query);
        assertNoContactData(text);

        const csv = await t.app.request(url("/api/v1/assessors.csv", query));
        expect(csv.status).toBe(200);
        expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
        const bytes = new Uint8Array(await csv.arrayBuffer());
        expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const csvText = new TextDecoder().decode(bytes);
        assertNoContactData(csvText);
      }),
      { numRuns: RUNS },
    );
  });

  it("one invalid parameter: 422 with the JSON error shape naming that field (API and CSV)", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(true), async ({ query, invalid: field }) => {
        for (const path of ["/api/v1/assessors", "/api/v1/assessors.csv"]) {
          const res = await t.app.request(url(path, query));
          expect(res.status).toBe(422);
          expect(res.headers.get("content-type")).toMatch(/^application\/json/);
          assertErrorShape(await res.json(), field!);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("sort needs what it sorts by: relevance without q, distance without near → 422 sort", async () => {
    const queries: Record<string, string>[] = [
      { sort: "relevance" },
      { sort: "distance", q: "jan" },
      { sort: "bogus" },
    ];
    for (const query of queries) {
      const res = await t.app.request(url("/api/v1/assessors", query));
      expect(res.status).toBe(422);
      assertErrorShape(await res.json(), "sort");
    }
  });

  it("FTS edge input in q never 5xx (API, CSV, search page), and is never echoed unescaped", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(nastyText, fc.string({ minLength: 190, maxLength: 200, unit: "grapheme" })),
        fc.constantFrom(undefined, "relevance"),
        async (q, sort) => {
          const query: Record<string, string> = { q };
          if (sort && q.trim()) query.sort = sort;
          // The limit counts characters (code points), not UTF-16 units.
          const tooLong = [...q.trim()].length > 200;
          for (const path of ["/api/v1/assessors", "/api/v1/assessors.csv"]) {
            const res = await t.app.request(url(path, query));
            expect(res.status).toBe(tooLong ? 422 : 200);
          }
          const page = await t.app.request(url("/", query));
          expect(page.status).toBeLessThan(500);
          const html = await page.text();
          if (q.includes("<")) expect(html).not.toContain(q.trim());
          assertNoContactData(html);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("the search page never 5xx on any parameter mix and never echoes markup", async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean().chain(caseArb), async ({ query }) => {
        const res = await t.app.request(url("/", query), { headers: { "HX-Request": "true" } });
        expect(res.status).toBeLessThan(500);
        const html = await res.text();
        for (const value of Object.values(query))
          if (value.includes("<")) expect(html).not.toContain(value.trim());
        const full = await t.app.request(url("/", query));
        expect(full.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });

  it.each([
    "q=%",
    "q=%25%",
    "q=%zz",
    "q=%E0%A4%A",
    "q=%C0%80%C0%80%C0%80",
    "q=%ED%A0%80abc",
    "q=%00%00%00",
    "q=abc&q=def",
    "q[]=abc",
    "province[]=UT",
    "page=1&page=2",
    "&&&=&=",
    "q=" + "%22".repeat(200),
    "q=" + "NEAR(".repeat(40),
    "q=" + "a%20".repeat(100),
    "near=52.0,5.0&radius_km=200&sort=distance&per_page=100",
    "per_page=100&page=100000",
  ])("raw query string %s never 5xx", async (raw) => {
    for (const path of ["/api/v1/assessors", "/api/v1/assessors.csv", "/"]) {
      const res = await t.app.request(`${path}?${raw}`);
      expect(res.status, `${path}?${raw}`).toBeLessThan(500);
      if (path.startsWith("/api") && res.status !== 200) {
        expect(res.status).toBe(422);
        const body = (await res.json()) as { error: { code: string } };
        expect(body.error.code).toBe("invalid_parameter");
      }
    }
  });

  it("profile ids: anything that is not a public id is a 404 in the JSON shape", async () => {
    await fc.assert(
      fc.asyncProperty(nastyText, async (id) => {
        const res = await t.app.request(`/api/v1/assessors/${encodeURIComponent(id)}`);
        expect(res.status).toBeLessThan(500);
        if (res.status !== 200) {
          expect(res.status).toBe(404);
          const body = (await res.json()) as { error: { code: string } };
          expect(body.error.code).toBe("not_found");
        }
      }),
      { numRuns: RUNS },
    );
  });
});
