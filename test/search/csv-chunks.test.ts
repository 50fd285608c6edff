// The whole-list CSV is read in chunks (keyset in name order, offset otherwise) with its lists as
// codes named in JS (issue 15): the rows, their order and their lists equal the search's.
import { beforeAll, expect, test } from "vitest";
import { parseSearchParams } from "#src/search/params";
import { publicAssessorChunks, searchAssessors } from "#src/search/search";
import { createTestApp, TEST_TODAY, type TestApp } from "../helpers/app";
import { createTestAssessor, CREBO, DE_MEERN, OTHER_CREBO, UTRECHT } from "../helpers/assessors";
import { createSchoolWithUser } from "../helpers/factories";

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const one = await createSchoolWithUser(t.db, "Alfa College");
  const two = await createSchoolWithUser(t.db, "Bravo College");
  for (let i = 0; i < 23; i++)
    await createTestAssessor(t.db, i % 2 ? one : two, {
      // Equal last names, so the keyset has to use the id as the tie-breaker.
      firstName: `Voornaam${i % 4}`,
      lastName: i % 3 ? "Gelijk" : `Anders ${i}`,
      places: i % 2 ? [UTRECHT, DE_MEERN] : [DE_MEERN],
      crebos: i % 3 ? [OTHER_CREBO, CREBO] : [CREBO],
    });
});

test.each([
  ["name order", {}],
  ["a province", { province: "UT" }],
  ["relevance", { q: "gelijk", sort: "relevance" }],
  ["a text", { q: "voornaam1" }],
])("chunks of 5 in %s give the search's rows, order and lists", async (_name, query) => {
  const parsed = parseSearchParams({ ...query, per_page: "100" });
  if (!parsed.ok) throw new Error("bad parameters");
  const all = [];
  for await (const chunk of publicAssessorChunks(t.db, parsed.params, TEST_TODAY, 5))
    all.push(...chunk);
  const search = await searchAssessors(t.db, parsed.params, TEST_TODAY);
  expect(all.length).toBe(search.total);
  expect(all.length).toBeGreaterThan(0);
  expect(all).toEqual(search.items);
});
