// assessor_lists (migration 0009) is kept by triggers: after every kind of write to the link
// tables (registration, edit of places and crebos, linking a second school, unlinking, a direct
// UPDATE, erasure) it holds exactly the codes of assessor_crebos, assessor_schools and
// assessor_places, for every assessor. The CSV reads it (test/search/csv-chunks.test.ts).
import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getAssessor, linkAssessor } from "#src/queries/assessors";
import { updateAssessor } from "#src/queries/assessor-update";
import { eraseAssessor } from "#src/queries/privacy";
import { createTestApp, type TestApp } from "../helpers/app";
import {
  createTestAssessor,
  CREBO,
  DE_MEERN,
  OTHER_CREBO,
  schoolActor,
  UTRECHT,
} from "../helpers/assessors";
import { createSchoolWithUser } from "../helpers/factories";

let t: TestApp;
let who: Awaited<ReturnType<typeof createSchoolWithUser>>;
let other: Awaited<ReturnType<typeof createSchoolWithUser>>;
const ids: string[] = [];

/** Per assessor: the sorted codes of the link tables and of assessor_lists. */
async function compare() {
  const rows = await t.db.all<{ id: string; kind: string; links: string; kept: string }>(sql`
    WITH kept AS (
      SELECT l.assessor_id, k.kind, j.value AS code
      FROM assessor_lists l,
        (SELECT 'c' AS kind UNION ALL SELECT 's' UNION ALL SELECT 'p') k,
        json_each('["' || replace(coalesce(CASE k.kind WHEN 'c' THEN l.crebos WHEN 's' THEN l.schools
          ELSE l.places END, ''), ',', '","') || '"]') j
      WHERE j.value <> ''),
    links AS (
      SELECT assessor_id, 'c' AS kind, crebo_code AS code FROM assessor_crebos
      UNION ALL SELECT assessor_id, 's', school_id FROM assessor_schools
      UNION ALL SELECT assessor_id, 'p', place_code FROM assessor_places)
    SELECT a.id, k.kind,
      coalesce((SELECT group_concat(code) FROM (SELECT code FROM links
        WHERE assessor_id = a.id AND kind = k.kind ORDER BY code)), '') AS links,
      coalesce((SELECT group_concat(code) FROM (SELECT code FROM kept
        WHERE assessor_id = a.id AND kind = k.kind ORDER BY code)), '') AS kept
    FROM assessors a, (SELECT 'c' AS kind UNION ALL SELECT 's' UNION ALL SELECT 'p') k
    ORDER BY a.id, k.kind`);
  const [{ n }] = await t.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM assessor_lists`);
  return { rows, n };
}

async function expectInStep() {
  const { rows, n } = await compare();
  expect(rows.length).toBe(ids.length * 3);
  expect(n).toBe(ids.length);
  for (const r of rows) expect(r.kept, `${r.id} ${r.kind}`).toBe(r.links);
  return rows;
}

beforeAll(async () => {
  t = await createTestApp();
  who = await createSchoolWithUser(t.db, "Alfa College");
  other = await createSchoolWithUser(t.db, "Bravo College");
  for (let i = 0; i < 6; i++) {
    const { id } = await createTestAssessor(t.db, who, {
      places: i % 2 ? [UTRECHT, DE_MEERN] : [DE_MEERN],
      crebos: i % 3 ? [OTHER_CREBO, CREBO] : [CREBO],
    });
    ids.push(id);
  }
});

test("after registration every assessor has its codes", async () => {
  const rows = await expectInStep();
  expect(rows.find((r) => r.id === ids[1] && r.kind === "p")!.kept).toBe(
    [UTRECHT, DE_MEERN].sort().join(","),
  );
});

test("an edit of places and crebos, a second school and an unlink keep it in step", async () => {
  const actor = schoolActor(who.user, who.school);
  const current = (await getAssessor(t.db, ids[0]))!;
  const result = await updateAssessor(t.db, actor, current, {
    version: current.version,
    places: [UTRECHT],
    crebos: [OTHER_CREBO, CREBO],
  });
  expect(result.ok).toBe(true);
  expect(await linkAssessor(t.db, schoolActor(other.user, other.school), ids[2])).toBe(true);
  expect(await linkAssessor(t.db, schoolActor(other.user, other.school), ids[3])).toBe(true);
  await t.db.run(
    sql`DELETE FROM assessor_schools WHERE assessor_id = ${ids[3]} AND school_id = ${who.school.id}`,
  );
  const rows = await expectInStep();
  expect(rows.find((r) => r.id === ids[0] && r.kind === "p")!.kept).toBe(UTRECHT);
  expect(rows.find((r) => r.id === ids[2] && r.kind === "s")!.kept.split(",")).toHaveLength(2);
  expect(rows.find((r) => r.id === ids[3] && r.kind === "s")!.kept).toBe(other.school.id);
});

test("a direct UPDATE of a link row moves the code to the other assessor", async () => {
  await t.db.run(
    sql`UPDATE assessor_crebos SET assessor_id = ${ids[3]} WHERE assessor_id = ${ids[4]} AND crebo_code = ${OTHER_CREBO}`,
  );
  await t.db.run(
    sql`UPDATE assessor_places SET place_code = ${UTRECHT} WHERE assessor_id = ${ids[4]} AND place_code = ${DE_MEERN}`,
  );
  await t.db.run(
    sql`UPDATE assessor_schools SET school_id = ${other.school.id} WHERE assessor_id = ${ids[4]}`,
  );
  const rows = await expectInStep();
  expect(rows.find((r) => r.id === ids[4] && r.kind === "c")!.kept).toBe(CREBO);
  expect(rows.find((r) => r.id === ids[3] && r.kind === "c")!.kept).toBe(
    [CREBO, OTHER_CREBO].sort().join(","),
  );
  expect(rows.find((r) => r.id === ids[4] && r.kind === "s")!.kept).toBe(other.school.id);
});

test("erasure empties the places, as it deletes them", async () => {
  await eraseAssessor(
    t.db,
    { userId: null, schoolId: null, isAdmin: true, requestId: null },
    ids[1],
    "2026-06-15T10:00:00.000Z",
  );
  const rows = await expectInStep();
  expect(rows.find((r) => r.id === ids[1] && r.kind === "p")!.kept).toBe("");
});
