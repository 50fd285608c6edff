// Issue 15: on Workers with D1 a public search is ONE round trip (the data version batched with
// the query). Cloudflare's D1 API is reproduced over a real libSQL database (real migrations), so
// every call the Worker's database layer makes can be counted; the answers must equal the embedded
// path's. (That the SQL itself runs on D1 is test/worker/smoke.test.ts, in workerd.)
import type { Client, InValue } from "@libsql/client";
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
      lastName: `Rondreis ${String(i).padStart(2, "0")}`,
      places: i % 3 === 0 ? [UTRECHT, DE_MEERN] : [UTRECHT],
      crebos: i % 2 === 0 ? [CREBO, OTHER_CREBO] : [CREBO],
    });
    ids.push(id);
  }
  d1 = new CountingD1(client);
  const config = parseConfig({ NODE_ENV: "test", SEED_DEMO: "0" });
  const database = openWorkerDatabase({ DB: d1 });
  // As src/worker.ts builds it: no data version in memory.
  worker = createApp({ db: database.db, config, now: () => TEST_NOW, ping: database.ping });
  embedded = createApp({ db, config, now: () => TEST_NOW });
});

afterAll(() => client.close());

describe("D1: one round trip for a public search", () => {
  test.each([
    ["no parameters", "/api/v1/assessors", 1],
    ["province and crebo", `/api/v1/assessors?province=UT&crebo=${CREBO}`, 1],
    ["page 2 of 10", "/api/v1/assessors?page=2&per_page=10", 1],
    // A text search first looks up place names among its words (the near search) and asks how
    // broad the text is (ADR 0004), then one batch.
    ["q", "/api/v1/assessors?q=rondreis", 3],
    ["relevance", "/api/v1/assessors?q=rondreis%2001&sort=relevance", 2],
  ])(
    "%s (%s): the version read in the search's batch, %i round trip(s), the same answer as embedded libSQL",
    async (_name, path, trips) => {
      d1.roundTrips = 0;
      const res = await worker.request(path);
      expect(res.status).toBe(200);
      expect(d1.roundTrips).toBe(trips);
      const body = await res.json();
      expect(body).toEqual(await (await embedded.request(path)).json());
      expect(body.items.length).toBeGreaterThan(0);
      expect(res.headers.get("etag")).toMatch(/^W\/"\d+-2026-06-15"$/);
    },
  );

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
