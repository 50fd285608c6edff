// The maintained public counts (migration 0008) against the same totals and facets counted from
// the rows, after every kind of write the app makes, on several days (visibility ends by date).
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { parseSearchParams, PROVINCE_CODES } from "#src/search/params";
import { listPublicSchools, publicAssessorsOfSchool } from "#src/queries/school-profile";
import { provinceTotals } from "#src/search/counts";
import { BROAD_MATCH, searchAssessors, type Facet } from "#src/search/search";
import { createTestApp, TEST_TODAY, type TestApp } from "../helpers/app";
import { createTestAssessor, CREBO, DE_MEERN, OTHER_CREBO, UTRECHT } from "../helpers/assessors";
import { bearer, createSchoolWithUser } from "../helpers/factories";

let t: TestApp;
let auth: string;
let ids: string[] = [];
let nh: string;
let gr: string;

const DAYS = [TEST_TODAY, "2026-09-01", "2027-03-01", "2028-01-10", "2030-01-01"];

/** Public assessors per province (every province, in name order), counted from the rows. */
function provinceCounts(day: string): Promise<Facet[]> {
  return t.db.all<Facet>(sql`SELECT pr.code, pr.name, count(DISTINCT v.assessor_id) AS count
    FROM provinces pr
    LEFT JOIN (SELECT ap.assessor_id, ap.province FROM assessor_places ap
               JOIN assessors a ON a.id = ap.assessor_id WHERE a.public_until >= ${day}) v
      ON v.province = pr.code
    GROUP BY pr.code ORDER BY pr.name`);
}

function params(query: Record<string, string> = {}) {
  const parsed = parseSearchParams(query);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
  return parsed.params;
}

/** Every answer the counts give, compared with the counted one, on every day of DAYS. */
async function expectCountsMatchRows(label: string) {
  for (const day of DAYS)
    for (const province of [undefined, ...PROVINCE_CODES]) {
      const p = params(province ? { province } : {});
      const counted = await searchAssessors(t.db, p, day, { maintainedCounts: false });
      const maintained = await searchAssessors(t.db, p, day);
      expect(
        { total: maintained.total, facets: maintained.facets },
        `${label}, ${day}, ${province ?? "no filter"}`,
      ).toEqual({ total: counted.total, facets: counted.facets });
    }
  for (const day of DAYS) {
    expect(await provinceTotals(t.db, day), `${label}, ${day}, /api/v1/provinces`).toEqual(
      await provinceCounts(day),
    );
    // Per school (migration 0010), as /api/v1/schools and the school pages show it.
    const counted = await t.db.all<{ id: string; n: number }>(
      sql`SELECT s.id, (SELECT count(*) FROM assessor_schools l JOIN assessors a ON a.id = l.assessor_id
            WHERE l.school_id = s.id AND a.public_until >= ${day}) AS n FROM schools s ORDER BY s.name, s.id`,
    );
    const listed = await listPublicSchools(t.db, day);
    expect(
      listed.map((s) => ({ id: s.id, n: s.assessors })),
      `${label}, ${day}, per school`,
    ).toEqual(counted.map((r) => ({ id: r.id, n: Number(r.n) })));
    for (const { id, n } of counted)
      expect((await publicAssessorsOfSchool(t.db, id, day, 1)).total).toBe(Number(n));
  }
}

async function api(method: string, path: string, body?: unknown) {
  const res = await t.app.request(path, {
    method,
    headers: { authorization: auth, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return res.status === 204 ? null : res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  const who = await createSchoolWithUser(t.db);
  auth = await bearer(t.db, who.user.id, who.school.id);
  const place = async (province: string) =>
    (
      await t.db.all<{ code: string }>(
        sql`SELECT code FROM places WHERE province = ${province} ORDER BY code LIMIT 1`,
      )
    )[0].code;
  nh = await place("NH");
  gr = await place("GR");
  const shapes = [
    { places: [UTRECHT], crebos: [CREBO], date: "2024-01-10" },
    { places: [UTRECHT, DE_MEERN], crebos: [CREBO, OTHER_CREBO], date: "2025-03-01" },
    { places: [UTRECHT, nh], crebos: [OTHER_CREBO], date: "2023-09-01" },
    { places: [nh, gr], crebos: [CREBO], date: "2025-11-20" },
    { places: [gr], crebos: [CREBO, OTHER_CREBO], date: "2026-01-05", publicConsent: false },
    { places: [DE_MEERN, nh], crebos: [CREBO], date: "2024-06-15" },
  ];
  ids = [];
  for (let i = 0; i < 12; i++) {
    const s = shapes[i % shapes.length];
    const { id } = await createTestAssessor(t.db, who, {
      places: s.places,
      crebos: s.crebos,
      publicConsent: s.publicConsent ?? true,
      initialTraining: {
        date: s.date,
        provider: "Kenniscentrum Techniek",
        components: ["exam_process", "assessing", "final_interview"],
      },
    });
    ids.push(id);
  }
});

describe("maintained public counts equal the counted ones", () => {
  test("after registration (several provinces, two places in one province, no consent)", async () => {
    const counts = await t.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM public_counts`);
    expect(counts[0].n).toBeGreaterThan(0);
    await expectCountsMatchRows("registered");
  });

  test("after examinations, bijscholing and their deletion (valid_until moves)", async () => {
    const exam = (await api("POST", `/api/v1/school/assessors/${ids[0]}/examinations`, {
      date: "2026-05-01",
      crebo: CREBO,
      notes: "",
    })) as { id: string };
    await api("POST", `/api/v1/school/assessors/${ids[2]}/refresher-trainings`, {
      date: "2026-02-01",
      kind: "terugkomdag",
      description: "",
      provider: "ROC",
    });
    await expectCountsMatchRows("logged");
    await api("DELETE", `/api/v1/school/assessors/${ids[0]}/examinations/${exam.id}`);
    await expectCountsMatchRows("exam deleted");
  });

  test("after place and crebo changes, consent, afmelding (past and future), its undo and erasure", async () => {
    const record = (await api("GET", `/api/v1/school/assessors/${ids[1]}`)) as { version: number };
    await api("PATCH", `/api/v1/school/assessors/${ids[1]}`, {
      version: record.version,
      places: [nh, gr, UTRECHT],
      crebos: [OTHER_CREBO],
    });
    await expectCountsMatchRows("places and crebos changed");
    // Linked to a second school, moved between schools, unlinked again (migration 0010's triggers).
    const other = await createSchoolWithUser(t.db);
    await t.db.run(
      sql`INSERT INTO assessor_schools (assessor_id, school_id) VALUES (${ids[1]}, ${other.school.id}), (${ids[2]}, ${other.school.id})`,
    );
    await expectCountsMatchRows("linked to a second school");
    await t.db.run(
      sql`UPDATE assessor_schools SET assessor_id = ${ids[3]} WHERE assessor_id = ${ids[2]} AND school_id = ${other.school.id}`,
    );
    await expectCountsMatchRows("link moved to another assessor");
    await t.db.run(
      sql`DELETE FROM assessor_schools WHERE assessor_id = ${ids[1]} AND school_id = ${other.school.id}`,
    );
    await expectCountsMatchRows("unlinked");
    await api("POST", `/api/v1/school/assessors/${ids[3]}/consent`, { public_consent: false });
    await api("POST", `/api/v1/school/assessors/${ids[4]}/consent`, { public_consent: true });
    await expectCountsMatchRows("consent");
    await api("POST", `/api/v1/school/assessors/${ids[5]}/deregistration`, {
      date: "2026-03-01",
      reason: "Gestopt",
    });
    await api("POST", `/api/v1/school/assessors/${ids[6]}/deregistration`, {
      date: TEST_TODAY,
      reason: "Verhuisd",
    });
    await expectCountsMatchRows("deregistered");
    await api("DELETE", `/api/v1/school/assessors/${ids[5]}/deregistration`);
    await api("POST", `/api/v1/school/assessors/${ids[7]}/erasure`);
    await expectCountsMatchRows("undone and erased");
  });
});

test("a broad text search (more matches than the cap) is counted up to the cap, in name order, without facets", async () => {
  // BROAD_MATCH + 100 copies of a public assessor, each with "zzbreed" in its search text.
  const extra = BROAD_MATCH + 100;
  await t.db.run(sql`INSERT INTO assessors (id, first_name, infix, last_name, email, email_norm,
      phone, organisation, initial_training_date, initial_training_provider,
      initial_training_components, public_consent, deregistered_on, deregistration_reason,
      registering_school_id, version, updated_at, erased_at, demo, last_examination_date,
      last_refresher_date, exam_valid_until, refresher_valid_until, valid_until, public_eligible,
      sort_key, name_words, search_text)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${extra})
    SELECT 'breed' || i, first_name, infix, 'Breed ' || i, 'breed' || i || '@voorbeeld.nl',
      'breed' || i || '@voorbeeld.nl', phone, organisation, initial_training_date,
      initial_training_provider, initial_training_components, 1, NULL, NULL,
      registering_school_id, 1, updated_at, NULL, 0, last_examination_date, last_refresher_date,
      exam_valid_until, refresher_valid_until, valid_until, 1,
      'breed' || printf('%05d', ${extra} - i), name_words, search_text || ' zzbreed'
    FROM n, assessors WHERE id = ${ids[0]}`);
  await t.db.run(sql`INSERT INTO assessor_places (assessor_id, place_code, province)
    SELECT id, ${UTRECHT}, 'UT' FROM assessors WHERE id LIKE 'breed%'`);

  const broad = await searchAssessors(t.db, params({ q: "zzbreed" }), TEST_TODAY);
  expect(broad.capped).toBe(true);
  expect(broad.total).toBe(BROAD_MATCH);
  expect(broad.facets).toEqual({ province: [], crebo: [] });
  const expected = await t.db.all<{ id: string }>(
    sql`SELECT id FROM assessors WHERE search_text LIKE '%zzbreed%' AND public_until >= ${TEST_TODAY}
        ORDER BY sort_key, id LIMIT 20 OFFSET 20`,
  );
  const page2 = await searchAssessors(t.db, params({ q: "zzbreed", page: "2" }), TEST_TODAY);
  expect(page2.items.map((i) => i.id)).toEqual(expected.map((r) => r.id));
  // Other filters still narrow exactly below the cap.
  const elsewhere = await searchAssessors(
    t.db,
    params({ q: "zzbreed", province: "GR" }),
    TEST_TODAY,
  );
  expect(elsewhere).toMatchObject({ capped: true, total: 0, items: [] });

  // The page says so in words.
  const html = await (await t.app.request("/?q=zzbreed")).text();
  expect(html).toContain(`Meer dan ${BROAD_MATCH.toLocaleString("nl-NL")} praktijkbeoordelaars`);
  expect(html).toContain("typ verder om te verfijnen");
});
