// SECURITY 20: under load (loopback only, bounded) no 5xx and nothing lost; with the database
// unreachable /healthz answers 503 and pages a Dutch error, and the server keeps running.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { openDatabase } from "#src/db";
import { runMigrations } from "#src/migrate";
import { loadReferenceData } from "#src/reference-data";
import { createTestDb, TEST_TODAY } from "../helpers/app";
import { bearer, createSchoolWithUser } from "../helpers/factories";
import { freePort } from "../helpers/node-server";
import { startServer, type RunningServer } from "../helpers/server";

const SEARCHES = 200;
const WRITES = 50;

type Reply = { status: number; body: string };

async function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(url, { headers });
  return { status: res.status, body: await res.text() };
}

async function postJson(url: string, auth: string, body: unknown): Promise<Reply> {
  const res = await fetch(url, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.text() };
}

describe("under load: concurrent public searches and school writes", () => {
  let server: RunningServer;
  let closeDb: () => void;
  let auth: string;
  let placeCodes: string[];
  let crebo: string;

  beforeAll(async () => {
    const testDb = await createTestDb();
    closeDb = testDb.close;
    await seedDemo(testDb.db, { on: TEST_TODAY, count: 2500 });
    const { school, user } = await createSchoolWithUser(testDb.db, "Belastingtest College");
    auth = await bearer(testDb.db, user.id, school.id);
    placeCodes = (
      await testDb.db.all<{ code: string }>(
        sql`SELECT code FROM places WHERE province = 'UT' ORDER BY code LIMIT 5`,
      )
    ).map((r) => r.code);
    crebo = (
      await testDb.db.all<{ code: string }>(
        sql`SELECT crebo_code AS code FROM assessor_crebos GROUP BY crebo_code ORDER BY count(*) DESC LIMIT 1`,
      )
    )[0].code;
    server = await startServer({ db: testDb.db });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    closeDb?.();
  });

  const searchMixes = () => [
    "",
    "?q=jan",
    "?q=van%20der%20meer",
    "?q=ber&sort=relevance",
    "?q=de",
    `?province=UT&crebo=${crebo}`,
    `?place=${placeCodes[0]}&radius_km=30&sort=distance`,
    "?page=5&per_page=100",
    "?province=ZZ", // invalid: 422, never 5xx
    "?per_page=500", // invalid
  ];

  // Unique, letters-only surnames so each registration can be found again by public search.
  const surname = (i: number) =>
    `Lastig${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`;
  const registration = (i: number) => ({
    first_name: "Belasting",
    infix: "",
    last_name: surname(i),
    email: `belasting-${i}@voorbeeld.nl`,
    phone: "06-12345678",
    organisation: "Lasttest BV",
    places: [placeCodes[i % placeCodes.length]],
    crebos: [crebo],
    initial_training: {
      date: "2026-01-12",
      provider: "Opleider Lasttest",
      components: ["exam_process", "assessing", "final_interview"],
    },
    public_consent: true,
  });

  it(`${SEARCHES} concurrent searches and ${WRITES} concurrent registrations: no 5xx, every search consistent, every write kept`, async () => {
    const mixes = searchMixes();
    // What each search answers when asked alone, before the burst.
    const expected = new Map<string, Reply>();
    for (const mix of mixes) expected.set(mix, await get(`${server.url}/api/v1/assessors${mix}`));
    for (const [mix, reply] of expected)
      expect(reply.status, mix).toBe(mix.includes("ZZ") || mix.includes("500") ? 422 : 200);

    const searches = Array.from({ length: SEARCHES }, (_, i) => {
      const mix = mixes[i % mixes.length];
      return get(`${server.url}/api/v1/assessors${mix}`).then((reply) => ({ mix, reply }));
    });
    const writes = Array.from({ length: WRITES }, (_, i) =>
      postJson(`${server.url}/api/v1/school/assessors`, auth, registration(i)),
    );
    const [searchReplies, writeReplies] = await Promise.all([
      Promise.all(searches),
      Promise.all(writes),
    ]);

    expect(searchReplies).toHaveLength(SEARCHES);
    for (const { mix, reply } of searchReplies) {
      expect(reply.status, mix).toBeLessThan(500);
      const before = expected.get(mix)!;
      expect(reply.status, mix).toBe(before.status);
      // The registrations change totals and facets while the burst runs; invalid input and
      // pages far from the new names must answer exactly as before.
      if (reply.status === 200) {
        const body = JSON.parse(reply.body) as { items: unknown[]; total: number };
        expect(body.total).toBeGreaterThanOrEqual(JSON.parse(before.body).total);
      } else expect(reply.body).toBe(before.body);
    }

    const created = writeReplies.map((reply, i) => {
      expect(reply.status, `registration ${i}: ${reply.body}`).toBe(201);
      return (JSON.parse(reply.body) as { id: string }).id;
    });
    expect(new Set(created).size).toBe(WRITES);

    // 50 concurrent examinations, one per new assessor, again mixed with searches.
    const exams = created.map((id, i) =>
      postJson(`${server.url}/api/v1/school/assessors/${id}/examinations`, auth, {
        date: `2026-0${2 + (i % 4)}-1${i % 10}`,
        crebo,
        notes: `lasttest ${i}`,
      }),
    );
    const moreSearches = mixes.map((mix) => get(`${server.url}/api/v1/assessors${mix}`));
    const [examReplies, moreReplies] = await Promise.all([
      Promise.all(exams),
      Promise.all(moreSearches),
    ]);
    for (const reply of examReplies) expect(reply.status, reply.body).toBe(201);
    for (const reply of moreReplies) expect(reply.status).toBeLessThan(500);

    // Nothing lost: every registration and examination is there, in the database and the API.
    const ids = sql.join(
      created.map((id) => sql`${id}`),
      sql`, `,
    );
    const [{ n: stored }] = await server.db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM assessors WHERE id IN (${ids})`,
    );
    expect(stored).toBe(WRITES);
    const [{ n: examCount }] = await server.db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM examinations WHERE assessor_id IN (${ids}) AND notes LIKE 'lasttest %'`,
    );
    expect(examCount).toBe(WRITES);
    for (const id of created.slice(0, 10)) {
      const record = await get(`${server.url}/api/v1/school/assessors/${id}`, {
        authorization: auth,
      });
      expect(record.status).toBe(200);
      expect((JSON.parse(record.body) as { examinations: unknown[] }).examinations).toHaveLength(1);
    }
    // …and the public search sees all of them (derived columns and FTS were kept current).
    const publicReply = await get(`${server.url}/api/v1/assessors?q=belasting&per_page=100`);
    const found = JSON.parse(publicReply.body) as { total: number; items: { id: string }[] };
    expect(found.total).toBe(WRITES);
    expect(new Set(found.items.map((a) => a.id))).toEqual(new Set(created));
  }, 120_000);
});

describe("the database unreachable", () => {
  async function assertDegraded(server: RunningServer) {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: expect.any(String) });

      const page = await fetch(`${server.url}/?q=jan`);
      expect(page.status).toBeGreaterThanOrEqual(500);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('lang="nl"');
      expect(html).toMatch(/Probeer het (later )?opnieuw/);
      for (const leak of [
        "SELECT",
        "fetch failed",
        "ECONNREFUSED",
        "at async",
        "LibsqlError",
        "node_modules",
      ])
        expect(html).not.toContain(leak);
      // The error was logged with the request id the response carries (SECURITY 12).
      const requestId = page.headers.get("x-request-id");
      expect(requestId).toBeTruthy();
      expect(errors.mock.calls.some((call) => String(call[0]).includes(requestId!))).toBe(true);

      const api = await fetch(`${server.url}/api/v1/assessors?q=jan`);
      expect(api.status).toBeGreaterThanOrEqual(500);
      const body = (await api.json()) as { error: { code: string; message: string } };
      expect(body.error.message).toMatch(/Probeer het (later )?opnieuw/);
      expect(JSON.stringify(body)).not.toMatch(/SELECT|fetch failed|ECONNREFUSED/);

      // Still alive: a burst of requests gets answers, static files are still served.
      const burst = await Promise.all(
        Array.from({ length: 30 }, () => fetch(`${server.url}/healthz`)),
      );
      expect(burst.map((r) => r.status)).toEqual(Array(30).fill(503));
      const css = await fetch(`${server.url}/static/app.css`);
      expect(css.status).toBe(200);
    } finally {
      errors.mockRestore();
    }
  }

  it("a remote libSQL server that refuses connections", async () => {
    // A free loopback port: nobody listens there, so connections are refused at once.
    const { db } = await openDatabase(`http://127.0.0.1:${await freePort()}`);
    const server = await startServer({ db });
    try {
      await assertDegraded(server);
    } finally {
      await server.close();
    }
  });

  it("an embedded database whose client has gone away", async () => {
    const { db, client } = await openDatabase(":memory:");
    await runMigrations(db);
    await loadReferenceData(db);
    const server = await startServer({ db });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      client.close();
      await assertDegraded(server);
    } finally {
      await server.close();
    }
  });
});
