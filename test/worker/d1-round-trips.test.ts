// Issue 15: on Workers with D1 a public search is ONE round trip (the data version batched with
// the query; a text's breadth, the place or postcode and the suggestion decided inside it). Cloudflare's D1 API is reproduced over a real libSQL database (real migrations), so
// every call the Worker's database layer makes can be counted; the answers must equal the embedded
// path's. (That the SQL itself runs on D1 is test/worker/smoke.test.ts, in workerd.)
import type { Client, InValue } from "@libsql/client";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "#src/app";
import { parseConfig } from "#src/config";
import {
  openDatabase,
  openWorkerDatabase,
  type D1Database,
  type D1PreparedStatement,
  type D1Result,
  type DB,
} from "#src/db";
import { runMigrations } from "#src/migrate";
import { loadReferenceData } from "#src/reference-data";
import { BROAD_MATCH } from "#src/rules/search-limits";
import { createTestAssessor, CREBO, DE_MEERN, OTHER_CREBO, UTRECHT } from "../helpers/assessors";
import { TEST_NOW } from "../helpers/app";
import { bearer, createSchoolWithUser } from "../helpers/factories";

/** D1's statement API over libSQL; every execution is one counted round trip. */
class CountingD1 implements D1Database {
  roundTrips = 0;
  constructor(private readonly client: Client) {}

  prepare(query: string): D1PreparedStatement {
    return new Statement(this, query, []);
  }

  async run(query: string, params: unknown[]) {
    return this.client.execute({ sql: query, args: params as InValue[] });
  }

  async batch(statements: D1PreparedStatement[]): Promise<D1Result[]> {
    this.roundTrips++;
    const list = statements as Statement[];
    const sets = await this.client.batch(
      list.map((s) => ({ sql: s.query, args: s.params as InValue[] })),
      "write",
    );
    return sets.map(toD1Result);
  }

  async exec(query: string) {
    this.roundTrips++;
    return this.client.executeMultiple(query);
  }
}

type ResultSet = Awaited<ReturnType<Client["execute"]>>;

function toD1Result(set: ResultSet): D1Result {
  return {
    // D1 answers rows as objects: a repeated column name keeps one value (as on Cloudflare).
    results: set.rows.map((row) => Object.fromEntries(set.columns.map((c, i) => [c, row[i]]))),
    success: true,
    meta: {
      changes: set.rowsAffected,
      last_row_id: set.lastInsertRowid === undefined ? undefined : Number(set.lastInsertRowid),
    },
  };
}

class Statement implements D1PreparedStatement {
  constructor(
    private readonly d1: CountingD1,
    readonly query: string,
    readonly params: unknown[],
  ) {}
  bind(...values: unknown[]) {
    return new Statement(this.d1, this.query, values);
  }
  private async exec() {
    this.d1.roundTrips++;
    return this.d1.run(this.query, this.params);
  }
  async first(column?: string) {
    const row = toD1Result(await this.exec()).results[0];
    if (!row) return null;
    return column ? row[column] : row;
  }
  async run() {
    return toD1Result(await this.exec());
  }
  async all() {
    return toD1Result(await this.exec());
  }
  async raw() {
    const set = await this.exec();
    return set.rows.map((row) => set.columns.map((_, i) => row[i]));
  }
}

let client: Client;
let db: DB;
let d1: CountingD1;
let worker: ReturnType<typeof createApp>;
let embedded: ReturnType<typeof createApp>;
let auth: string;
let ids: string[] = [];

beforeAll(async () => {
  const opened = await openDatabase(":memory:");
  client = opened.client;
  db = opened.db;
  await runMigrations(db);
  await loadReferenceData(db);
  const who = await createSchoolWithUser(db);
  auth = await bearer(db, who.user.id, who.school.id);
  ids = [];
  for (let i = 0; i < 30; i++) {
    const { id } = await createTestAssessor(db, who, {
      firstName: i % 5 === 0 ? "Jan" : "Test",
      lastName: `Rondreis ${String(i).padStart(2, "0")}`,
      places: i % 3 === 0 ? [UTRECHT, DE_MEERN] : [UTRECHT],
      crebos: i % 2 === 0 ? [CREBO, OTHER_CREBO] : [CREBO],
    });
    ids.push(id);
  }
  // More than BROAD_MATCH public copies with "zzbreed" in their text: a broad (capped) search.
  await db.run(sql`INSERT INTO assessors (id, first_name, infix, last_name, email, email_norm,
      phone, organisation, initial_training_date, initial_training_provider,
      initial_training_components, public_consent, registering_school_id, version, demo,
      last_examination_date, last_refresher_date, exam_valid_until, refresher_valid_until,
      valid_until, public_eligible, sort_key, name_words, search_text)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${BROAD_MATCH + 50})
    SELECT 'breed' || i, first_name, infix, 'Breed ' || i, NULL, NULL, phone, organisation,
      initial_training_date, initial_training_provider, initial_training_components, 1,
      registering_school_id, 1, 0, last_examination_date, last_refresher_date, exam_valid_until,
      refresher_valid_until, valid_until, 1, 'breed' || printf('%05d', i), name_words,
      search_text || ' zzbreed'
    FROM n, assessors WHERE id = ${ids[0]}`);
  await db.run(sql`INSERT INTO assessor_places (assessor_id, place_code, province)
    SELECT id, ${UTRECHT}, 'UT' FROM assessors WHERE id LIKE 'breed%'`);
  d1 = new CountingD1(client);
  const config = parseConfig({ NODE_ENV: "test", SEED_DEMO: "0" });
  const database = openWorkerDatabase({ DB: d1 });
  // As src/worker.ts builds it: no data version in memory.
  worker = createApp({ db: database.db, config, now: () => TEST_NOW, ping: database.ping });
  embedded = createApp({ db, config, now: () => TEST_NOW });
  // The place names are read once per database (see the first test); the rest count searches.
  await worker.request("/api/v1/assessors?q=rondreis");
});

afterAll(() => client.close());

/** A fresh Worker app on the same D1 database, as a new isolate would build it. */
function freshWorker() {
  const config = parseConfig({ NODE_ENV: "test", SEED_DEMO: "0" });
  const database = openWorkerDatabase({ DB: d1 });
  return createApp({ db: database.db, config, now: () => TEST_NOW, ping: database.ping });
}

describe("D1: one round trip for a public search", () => {
  test("a new isolate reads the place names once, with its first text search", async () => {
    const fresh = freshWorker();
    d1.roundTrips = 0;
    expect((await fresh.request("/api/v1/assessors?q=rondreis")).status).toBe(200);
    // Place names (2,501 rows of reference data, kept per database in memory), then the search.
    expect(d1.roundTrips).toBe(2);
    d1.roundTrips = 0;
    expect((await fresh.request("/api/v1/assessors?q=jan")).status).toBe(200);
    expect(d1.roundTrips).toBe(1);
  });

  test.each([
    ["no parameters", "/api/v1/assessors"],
    ["province and crebo", `/api/v1/assessors?province=UT&crebo=${CREBO}`],
    ["page 2 of 10", "/api/v1/assessors?page=2&per_page=10"],
    ["q=jan", "/api/v1/assessors?q=jan"],
    ["q", "/api/v1/assessors?q=rondreis"],
    ["q, broad (capped)", "/api/v1/assessors?q=zzbreed&page=2"],
    ["q, province and crebo", `/api/v1/assessors?q=rondreis&province=UT&crebo=${OTHER_CREBO}`],
    ["relevance", "/api/v1/assessors?q=rondreis%2001&sort=relevance"],
    ["place", `/api/v1/assessors?place=${DE_MEERN}`],
    ["place with radius", `/api/v1/assessors?place=${UTRECHT}&radius_km=10`],
    ["near a postcode with radius", "/api/v1/assessors?near=3511&radius_km=10"],
    ["near a place name", "/api/v1/assessors?near=De%20Meern&sort=name"],
    ["near a point, broad text", "/api/v1/assessors?near=52.09,5.12&q=zzbreed"],
    ["an empty radius with its suggestion", "/api/v1/assessors?near=3811&radius_km=5"],
  ])(
    "%s (%s): the version read in the search's batch, ONE round trip, the same answer as embedded libSQL",
    async (_name, path) => {
      d1.roundTrips = 0;
      const res = await worker.request(path);
      expect(res.status).toBe(200);
      expect(d1.roundTrips).toBe(1);
      const body = await res.json();
      expect(body).toEqual(await (await embedded.request(path)).json());
      if (path.includes("3811"))
        expect(body.suggestion).toEqual({ radius_km: 50, total: 30 + BROAD_MATCH + 50 });
      else expect(body.items.length).toBeGreaterThan(0);
      if (path.includes("zzbreed")) expect(body.capped).toBe(true);
      expect(res.headers.get("etag")).toMatch(/^W\/"\d+-2026-06-15"$/);
    },
  );

  test.each([
    ["an unknown postcode", "/api/v1/assessors?near=0000", "near"],
    ["an unknown place name", "/api/v1/assessors?near=Nergenshuizen", "near"],
    ["a place name shared by several places", "/api/v1/assessors?near=Bergen", "near"],
    ["an unknown place code", "/api/v1/assessors?place=9999", "place"],
    ["an unknown place code with radius", "/api/v1/assessors?place=9999&radius_km=5", "place"],
  ])("%s is a 422 naming the field, also in one round trip", async (_name, path, field) => {
    d1.roundTrips = 0;
    const res = await worker.request(path);
    expect(res.status).toBe(422);
    expect(d1.roundTrips).toBe(1);
    const body = (await res.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(body.error.fields)).toEqual([field]);
    expect(body).toEqual(await (await embedded.request(path)).json());
  });

  test("a 304 costs the same one round trip, and a write changes the ETag at once", async () => {
    const first = await worker.request("/api/v1/assessors");
    const etag = first.headers.get("etag")!;
    d1.roundTrips = 0;
    const again = await worker.request("/api/v1/assessors", {
      headers: { "if-none-match": etag },
    });
    expect(again.status).toBe(304);
    expect(d1.roundTrips).toBe(1);

    const write = await worker.request(`/api/v1/school/assessors/${ids[0]}/consent`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({ public_consent: false }),
    });
    expect(write.status).toBe(200);
    const after = await worker.request("/api/v1/assessors?per_page=100", {
      headers: { "if-none-match": etag },
    });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    const items = ((await after.json()) as { items: { id: string }[] }).items.map((i) => i.id);
    expect(items).not.toContain(ids[0]);
  });
});
