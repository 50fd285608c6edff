// The public search: FTS5 + indexed filters, facets in grouped queries, public fields only.
import { sql, type SQL } from "drizzle-orm";
import type { DB } from "#src/db";
import { getPlace } from "#src/queries/reference";
import type { SearchParams } from "./params";
import { words } from "#src/lib/normalise";
import type { PublicAssessor, PublicPlace } from "#src/queries/public-assessor";
import { NearError, placesWithin, resolveNear, resolvePlaceOrigin, type Origin } from "./near";
import {
  codedRows,
  fromCodes,
  hydratedRows,
  listNameQueries,
  parseCodedRows,
  ROW_COLUMNS,
  toPublicAssessor,
  type HydratedRow,
  type ListNames,
} from "./rows";
import { dataVersionQuery } from "#src/queries/meta";
import { runBatch, type Statement } from "#src/queries/batch";
import { countsAnswer, countStatements } from "./counts";
import { BROAD_MATCH } from "#src/rules/search-limits";
import { placesNamedBy } from "./place-words";

export type { PublicAssessor, PublicPlace };

/** An empty search around a point: the smallest wider radius (50, 100, 200 km) that finds someone. */
export type Suggestion = { radius_km: number; total: number };

export type Facet = { code: string; name: string; count: number };

export type SearchResult = {
  items: PublicAssessor[];
  total: number;
  page: number;
  per_page: number;
  facets: { province: Facet[]; crebo: Facet[] };
  suggestion?: Suggestion;
  /** q is broad (ADR 0004): total counted up to BROAD_MATCH, facets not counted. */
  capped?: true;
};

export { BROAD_MATCH };

export { NearError } from "./near";

/** Visible to the public on `today`: consent, not erased, valid, not deregistered. */
export function publicVisible(today: string): SQL {
  // public_until is a generated column: consent ∧ not erased → min(valid_until, afmelding − 1 day).
  return sql`a.public_until >= ${today}`;
}

/** An FTS5 query: every word as a quoted phrase, all required. */
function ftsOf(long: string[]): string | null {
  if (long.length === 0) return null;
  return long.map((w) => `"${w.replace(/"/g, '""')}"`).join(" AND ");
}

/** Query words that name places: they match the person's own fields or one of those places. */
type PlaceWord = { words: string[]; placeCodes: string };

type Filters = {
  today: string;
  fts: string | null;
  short: string[];
  placeWords: PlaceWord[];
  province?: string;
  place?: string;
  crebo?: string;
  /** Around a point: JSON {place code: km} of the places within the radius. */
  near: string | null;
  /** q matches more than BROAD_MATCH register entries (ADR 0004): facets are not counted. */
  broad: boolean;
};

/** True when nothing but visibility narrows the result: then reading in name order is cheapest. */
function unfiltered(f: Filters): boolean {
  return (
    !f.fts &&
    f.short.length === 0 &&
    f.placeWords.length === 0 &&
    !f.province &&
    !f.place &&
    !f.crebo &&
    !f.near
  );
}

/** The words matched against the person's own fields: FTS for the long ones, name prefixes for the short. */
function wordsCondition(ws: string[]): SQL {
  const parts: SQL[] = [];
  const fts = ftsOf(ws.filter((w) => w.length >= 3));
  if (fts)
    parts.push(sql`a.id IN (SELECT assessor_id FROM assessor_fts WHERE assessor_fts MATCH ${fts})`);
  for (const w of ws.filter((x) => x.length < 3)) parts.push(sql`a.name_words LIKE ${`% ${w}%`}`);
  return sql.join(parts, sql` AND `);
}

function conditions(
  f: Filters,
  skip: "province" | "crebo" | "fts" | null = null,
  nameOrder = false,
): SQL {
  // In name order without a selective filter, `+` keeps SQLite from using the visibility index,
  // so that a page is read straight from the (sort_key, id, public_until) index in order instead
  // of sorting every visible row; a broad text match is then checked row by row (EXISTS).
  const provinceOnly = !!f.province && unfiltered({ ...f, province: undefined });
  const scanByName = nameOrder && (unfiltered(f) || provinceOnly || (f.broad && !f.near));
  const parts: SQL[] = [scanByName ? sql`+a.public_until >= ${f.today}` : publicVisible(f.today)];
  if (f.fts && skip !== "fts")
    parts.push(
      scanByName
        ? sql`EXISTS (SELECT 1 FROM assessor_fts fm WHERE assessor_fts MATCH ${f.fts} AND fm.rowid = a.fts_rowid)`
        : sql`a.fts_rowid IN (SELECT rowid FROM assessor_fts WHERE assessor_fts MATCH ${f.fts})`,
    );
  for (const w of f.short) parts.push(sql`a.name_words LIKE ${`% ${w}%`}`);
  for (const w of f.placeWords)
    parts.push(sql`((${wordsCondition(w.words)}) OR a.id IN (SELECT assessor_id FROM assessor_places
      WHERE place_code IN (SELECT value FROM json_each(${w.placeCodes}))))`);
  if (f.province && skip !== "province")
    parts.push(
      scanByName
        ? sql`EXISTS (SELECT 1 FROM assessor_places ap WHERE ap.assessor_id = a.id AND ap.province = ${f.province})`
        : sql`a.id IN (SELECT assessor_id FROM assessor_places WHERE province = ${f.province})`,
    );
  if (f.place)
    parts.push(
      sql`a.id IN (SELECT assessor_id FROM assessor_places WHERE place_code = ${f.place})`,
    );
  if (f.crebo && skip !== "crebo")
    parts.push(
      sql`a.id IN (SELECT assessor_id FROM assessor_crebos WHERE crebo_code = ${f.crebo})`,
    );
  if (f.near)
    parts.push(sql`a.id IN (SELECT assessor_id FROM assessor_places
      WHERE place_code IN (SELECT key FROM json_each(${f.near})))`);
  return sql.join(parts, sql` AND `);
}

/** Where a search is centred: `near`, or `place` with `radius_km`; null for other searches. */
export async function searchOrigin(db: DB, p: Partial<SearchParams>): Promise<Origin | null> {
  if (p.near) return resolveNear(db, p.near);
  if (p.place && p.aroundPlace) return resolvePlaceOrigin(db, p.place);
  return null;
}

function distancesJson(within: Map<string, number>): string {
  const out: Record<string, number> = {};
  for (const [code, km] of within) out[code] = Math.round(km * 10000) / 10000;
  return JSON.stringify(out);
}

/** Counts the raw matches only up to the cap: cheap however broad the text is. */
async function isBroad(db: DB, fts: string): Promise<boolean> {
  const [{ n }] = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM (SELECT 1 FROM assessor_fts WHERE assessor_fts MATCH ${fts} LIMIT ${BROAD_MATCH + 1})`,
  );
  return n > BROAD_MATCH;
}

async function buildFilters(
  db: DB,
  p: Partial<SearchParams>,
  today: string,
): Promise<{ filters: Filters; origin: Origin | null }> {
  const origin = await searchOrigin(db, p);
  // `place` alone narrows to that place; with radius_km it is the origin (unless near is given).
  const placeFilter = p.place && !(p.aroundPlace && !p.near) ? p.place : undefined;
  if (placeFilter && !(await getPlace(db, placeFilter)))
    throw new NearError("place", "unknown_place", [], placeFilter);
  const all = words(p.q ?? "");
  const named = await placesNamedBy(db, all);
  const namingPlaces = new Set(named.flatMap((n) => n.words));
  const plain = all.filter((w) => !namingPlaces.has(w));
  const fts = ftsOf(plain.filter((w) => w.length >= 3));
  return {
    origin,
    filters: {
      today,
      fts,
      short: plain.filter((w) => w.length < 3),
      placeWords: named.map((n) => ({ words: n.words, placeCodes: JSON.stringify(n.codes) })),
      province: p.province,
      place: placeFilter,
      crebo: p.crebo,
      near: origin ? distancesJson(await placesWithin(db, origin, p.radiusKm ?? 25)) : null,
      broad: fts ? await isBroad(db, fts) : false,
    },
  };
}

function orderBy(p: Partial<SearchParams>, f: Filters): SQL {
  if (p.sort === "distance" && f.near) return sql`d.dist ASC, a.sort_key ASC, a.id ASC`;
  if (p.sort === "relevance" && f.fts) return sql`rank ASC, a.sort_key ASC, a.id ASC`;
  return sql`a.sort_key ASC, a.id ASC`;
}

function rowOrder(p: Partial<SearchParams>, f: Filters): "name" | "distance" | "relevance" {
  if (p.sort === "distance" && f.near) return "distance";
  if (p.sort === "relevance" && f.fts) return "relevance";
  return "name";
}

/**
 * The filtered, ordered rows (ROW_COLUMNS, dist, rank), `limit` from `offset`, or in name order
 * after the keyset `after` (the CSV reads the whole list in chunks that way).
 */
function rowsSql(
  f: Filters,
  p: Partial<SearchParams>,
  limit: number,
  offset: number,
  after?: { sortKey: string; id: string },
): SQL {
  const ranked = rowOrder(p, f) === "relevance";
  const rankJoin = ranked
    ? sql`JOIN (SELECT assessor_id, min(rank) AS rank FROM assessor_fts WHERE assessor_fts MATCH ${f.fts} GROUP BY assessor_id) r ON r.assessor_id = a.id`
    : sql``;
  const rank = ranked ? sql`r.rank` : sql`NULL`;
  const keyset = after ? sql` AND (a.sort_key, a.id) > (${after.sortKey}, ${after.id})` : sql``;
  const page = sql`LIMIT ${limit} OFFSET ${offset}`;
  if (f.near) {
    // Around a point: the nearest distance per assessor is grouped once, walking from the places
    // in range over the (place_code, assessor_id) index; the join then also does the radius filter.
    // (A correlated subquery per row would read the whole JSON once per assessor.)
    return sql`WITH near(code, km) AS (SELECT key, value FROM json_each(${f.near})),
      d AS (SELECT ap.assessor_id, min(near.km) AS dist FROM near
            JOIN assessor_places ap ON ap.place_code = near.code GROUP BY ap.assessor_id)
      SELECT ${ROW_COLUMNS}, d.dist AS dist, ${rank} AS rank
      FROM d JOIN assessors a ON a.id = d.assessor_id ${rankJoin}
      WHERE ${conditions({ ...f, near: null })}${keyset}
      ORDER BY ${orderBy(p, f)} ${page}`;
  }
  return sql`SELECT ${ROW_COLUMNS}, NULL AS dist, ${rank} AS rank
    FROM assessors a ${rankJoin}
    WHERE ${conditions(f, null, p.sort !== "distance" && p.sort !== "relevance")}${keyset}
    ORDER BY ${orderBy(p, f)} ${page}`;
}

/**
 * A page of results with its total and facets in ONE batch (one round trip on D1); with
 * `withVersion` the data version is read in the same batch, so the ETag describes these rows.
 */
export async function searchAssessors(
  db: DB,
  p: SearchParams,
  today: string,
  opts: { withVersion?: boolean; maintainedCounts?: boolean } = {},
): Promise<SearchResult & { dataVersion?: string }> {
  const { filters: f, origin } = await buildFilters(db, p, today);
  const [totalQuery, provinceQuery, creboQuery] =
    opts.maintainedCounts !== false && countsAnswer(f)
      ? countStatements(db, today, f.province)
      : f.broad
        ? [
            // Driven from the text index, stopping at the cap; facets are not counted.
            db.all<{ total: number }>(sql`SELECT count(*) AS total FROM (SELECT 1
              FROM assessor_fts fm JOIN assessors a ON a.fts_rowid = fm.rowid
              WHERE assessor_fts MATCH ${f.fts} AND ${conditions(f, "fts")} LIMIT ${BROAD_MATCH + 1})`),
            null,
            null,
          ]
        : computedStatements(db, f);
  const statements: Statement[] = [
    totalQuery,
    db.all<HydratedRow>(
      hydratedRows(rowsSql(f, p, p.perPage, (p.page - 1) * p.perPage), rowOrder(p, f)),
    ),
  ];
  if (provinceQuery) statements.push(provinceQuery);
  if (creboQuery) statements.push(creboQuery);
  if (opts.withVersion) statements.push(dataVersionQuery(db));
  const results = (await runBatch(db, statements)) as unknown[][];
  const [[{ total }], rows] = results as [{ total: number }[], HydratedRow[]];
  const facets = provinceQuery
    ? { province: results[2] as Facet[], crebo: results[3] as Facet[] }
    : { province: [], crebo: [] };
  const version = opts.withVersion ? (results.at(-1) as { value: string }[]) : null;
  const result: SearchResult & { dataVersion?: string } = {
    items: rows.map(toPublicAssessor),
    total: f.broad ? Math.min(total, BROAD_MATCH) : total,
    page: p.page,
    per_page: p.perPage,
    facets,
    ...(f.broad ? { capped: true as const } : {}),
    ...(version ? { dataVersion: version[0]?.value ?? "0" } : {}),
  };
  if (total === 0 && origin) {
    const suggestion = await suggestRadius(db, f, origin, p.radiusKm);
    if (suggestion) result.suggestion = suggestion;
  }
  return result;
}

/** Total and facets counted over the matching assessors (any filter). */
function computedStatements(db: DB, f: Filters) {
  return [
    db.all<{ total: number }>(
      sql`SELECT count(*) AS total FROM assessors a WHERE ${conditions(f)}`,
    ),
    // Group first, name afterwards: the grouping then runs on covering indexes only.
    db.all<Facet>(sql`SELECT pr.code, pr.name, f.count FROM (
        SELECT ap.province, count(DISTINCT ap.assessor_id) AS count FROM assessor_places ap
        WHERE ap.assessor_id IN (SELECT a.id FROM assessors a WHERE ${conditions(f, "province")})
        GROUP BY ap.province) f
      JOIN provinces pr ON pr.code = f.province ORDER BY f.count DESC, pr.name`),
    db.all<Facet>(sql`SELECT c.code, c.name, f.count FROM (
        SELECT ac.crebo_code, count(*) AS count FROM assessor_crebos ac
        WHERE ac.assessor_id IN (SELECT a.id FROM assessors a WHERE ${conditions(f, "crebo")})
        GROUP BY ac.crebo_code) f
      JOIN crebos c ON c.code = f.crebo_code ORDER BY f.count DESC, c.code`),
  ] as const;
}

const SUGGESTED_RADII = [50, 100, 200];

/** Counts the same search at 50, 100 and 200 km (one box read, one batch) and returns the first hit. */
async function suggestRadius(
  db: DB,
  f: Filters,
  origin: Origin,
  radiusKm: number,
): Promise<Suggestion | null> {
  const radii = SUGGESTED_RADII.filter((r) => r > radiusKm);
  if (radii.length === 0) return null;
  const widest = await placesWithin(db, origin, radii[radii.length - 1]);
  const counts = await db.batch(
    radii.map((r) => {
      const within = new Map([...widest].filter(([, km]) => km <= r));
      return db.all<{ total: number }>(
        sql`SELECT count(*) AS total FROM assessors a WHERE ${conditions({ ...f, near: distancesJson(within) })}`,
      );
    }) as [ReturnType<typeof db.all<{ total: number }>>],
  );
  for (let i = 0; i < radii.length; i++) {
    const total = counts[i][0].total;
    if (total > 0) return { radius_km: radii[i], total };
  }
  return null;
}

/**
 * The whole filtered public result for the CSV, in chunks: by keyset in name order (each chunk
 * an index range), by offset in the other orders. Only one chunk is in memory at a time.
 */
export async function* publicAssessorChunks(
  db: DB,
  p: SearchParams,
  today: string,
  chunkSize = 2000,
): AsyncGenerator<PublicAssessor[]> {
  const { filters: f } = await buildFilters(db, p, today);
  const q = listNameQueries();
  const [crebos, schools, places] = await db.batch([
    db.all<{ code: string; name: string }>(q.crebos),
    db.all<{ code: string; name: string }>(q.schools),
    db.all<{ code: string; name: string; province: string; lat: number; lon: number }>(q.places),
  ]);
  const names: ListNames = {
    crebos: new Map(crebos.map((r) => [r.code, r.name])),
    schools: new Map(schools.map((r) => [r.code, r.name])),
    places: new Map(
      places.map((r) => [r.code, { name: r.name, province: r.province, lat: r.lat, lon: r.lon }]),
    ),
  };
  const order = rowOrder(p, f);
  const byName = order === "name";
  let after: { sortKey: string; id: string } | undefined;
  for (let offset = 0; ; offset += chunkSize) {
    const inner = rowsSql(f, p, chunkSize, byName ? 0 : offset, after);
    const [chunk] = await db.all<{ rows: string }>(codedRows(inner, order));
    const rows = parseCodedRows(chunk.rows);
    if (rows.length > 0) yield rows.map((r) => fromCodes(r, names));
    if (rows.length < chunkSize) return;
    const last = rows[rows.length - 1];
    after = byName ? { sortKey: last.sort_key, id: last.id } : undefined;
  }
}

export async function getPublicAssessor(
  db: DB,
  id: string,
  today: string,
): Promise<PublicAssessor | null> {
  const rows = await db.all<HydratedRow>(
    hydratedRows(
      sql`SELECT ${ROW_COLUMNS}, NULL AS dist, NULL AS rank FROM assessors a WHERE a.id = ${id} AND ${publicVisible(today)}`,
      "name",
    ),
  );
  return rows.length === 0 ? null : toPublicAssessor(rows[0]);
}

/** Public assessors per province (every province, in name order), counted from the rows. */
export async function provinceCounts(db: DB, today: string): Promise<Facet[]> {
  return db.all<Facet>(sql`SELECT pr.code, pr.name, count(DISTINCT v.assessor_id) AS count
    FROM provinces pr
    LEFT JOIN (SELECT ap.assessor_id, ap.province FROM assessor_places ap
               JOIN assessors a ON a.id = ap.assessor_id WHERE ${publicVisible(today)}) v ON v.province = pr.code
    GROUP BY pr.code ORDER BY pr.name`);
}
