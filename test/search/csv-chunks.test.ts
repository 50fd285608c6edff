// The whole-list CSV is read in chunks (keyset in name order, offset otherwise) with its lists as
// codes (assessor_lists, migration 0009) named in JS (issue 15): the text equals the reference
// formatting (csvLine of publicCsvRow) of the search's own rows, in the search's order.
import { beforeAll, expect, test } from "vitest";
import { csvLine } from "#src/lib/csv";
import { CSV_HEADER, publicCsvChunks, publicCsvRow } from "#src/search/csv";
import { parseSearchParams } from "#src/search/params";
import { searchAssessors } from "#src/search/search";
import { createTestApp, TEST_TODAY, type TestApp } from "../helpers/app";
import { createTestAssessor, CREBO, DE_MEERN, OTHER_CREBO, UTRECHT } from "../helpers/assessors";
import { createSchoolWithUser } from "../helpers/factories";

let t: TestApp;

/** Names a spreadsheet or a CSV reader could trip over: quotes, separators, formulas. */
const AWKWARD = [
  { firstName: '"Jo"', lastName: "Gelijk", organisation: "Bakker; Zonen" },
  { firstName: "=SOM(A1)", infix: "", lastName: "Gelijk", organisation: "+31 bedrijf" },
  { firstName: "'@x", lastName: "-Streep", organisation: "Regel\nTwee" },
];

beforeAll(async () => {
  t = await createTestApp();
  const one = await createSchoolWithUser(t.db, "Alfa College");
  const two = await createSchoolWithUser(t.db, 'Bravo; "College"');
  for (let i = 0; i < 23; i++)
    await createTestAssessor(t.db, i % 2 ? one : two, {
      // Equal last names, so the keyset has to use the id as the tie-breaker.
      firstName: `Voornaam${i % 4}`,
      infix: i % 5 ? "van der" : "",
      lastName: i % 3 ? "Gelijk" : `Anders ${i}`,
      places: i % 2 ? [UTRECHT, DE_MEERN] : [DE_MEERN],
      crebos: i % 3 ? [OTHER_CREBO, CREBO] : [CREBO],
      ...(i < AWKWARD.length ? AWKWARD[i] : {}),
    });
});

async function csvOf(query: Record<string, string>, chunkSize: number): Promise<string[]> {
  const parsed = parseSearchParams(query);
  if (!parsed.ok) throw new Error("bad parameters");
  const chunks: string[] = [];
  for await (const text of publicCsvChunks(t.db, parsed.params, TEST_TODAY, chunkSize))
    chunks.push(text);
  return chunks;
}

test.each([
  ["name order", {}],
  ["a province", { province: "UT" }],
  ["relevance", { q: "gelijk", sort: "relevance" }],
  ["a text", { q: "voornaam1" }],
  ["around a place, by distance", { near: "3511", radius_km: "50", sort: "distance" }],
])("chunks of 5 in %s give the search's rows, order and lists as CSV", async (_name, query) => {
  const parsed = parseSearchParams({ ...query, per_page: "100" });
  if (!parsed.ok) throw new Error("bad parameters");
  const search = await searchAssessors(t.db, parsed.params, TEST_TODAY);
  expect(search.total).toBeGreaterThan(0);
  const expected = `\uFEFF${csvLine(CSV_HEADER)}${search.items.map((a) => csvLine(publicCsvRow(a))).join("")}`;
  const chunks = await csvOf(query, 5);
  expect(chunks.length).toBe(Math.ceil(search.total / 5));
  expect(chunks.join("")).toBe(expected);
  // One chunk at a time, and the same text however it is cut.
  expect((await csvOf(query, 1000)).join("")).toBe(expected);
});

test("the awkward names are quoted and guarded as csvLine does", async () => {
  const text = (await csvOf({}, 5)).join("");
  expect(text).toContain('"""Jo""";');
  expect(text).toContain("'=SOM(A1) Gelijk;'=SOM(A1);;Gelijk;'+31 bedrijf;");
  expect(text).toContain(`;''@x;van der;'-Streep;"Regel\nTwee";`);
  expect(text).toContain('"Bravo; ""College"""');
});

test("an empty result is the header alone", async () => {
  expect(await csvOf({ q: "zzzgeenmatch" }, 5)).toEqual([`\uFEFF${csvLine(CSV_HEADER)}`]);
});
