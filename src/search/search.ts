// The public search: FTS5 + indexed filters, facets in grouped queries, public fields only.
import { sql, type SQL } from "drizzle-orm";
import type { DB } from "#src/db";
import { DEFAULT_RADIUS_KM, type SearchParams } from "./params";
import { words } from "#src/lib/normalise";
import type { PublicAssessor, PublicPlace } from "#src/queries/public-assessor";
import { resolveNear, resolvePlaceOrigin, type Origin } from "./near";
import {
  needsJsResolution,
  originSql,
  placeCheck,
  placesWithinSql,
  pointSql,
  type OriginCheck,
  type OriginSql,
} from "./near-sql";
import {
  codedRows,
  hydratedRows,
  listNameQueries,
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
  /** Around a point: a select of (code, km), the places within the radius (near-sql.ts). */
  near: SQL | null;
  /** The plan for a q that matches more than BROAD_MATCH register entries (ADR 0004). */
  broad: boolean;
  /** With a text: SQL that is true when it is broad, decided inside the statements. */
  broadTest: SQL | null;
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
      WHERE place_code IN (SELECT code FROM (${f.near})))`);
  return sql.join(parts, sql` AND `);
}

/** Where a search is centred: `near`, or `place` with `radius_km`; null for other searches. */
export async function searchOrigin(db: DB, p: Partial<SearchParams>): Promise<Origin | null> {
  if (p.near) return resolveNear(db, p.near);
  if (p.place && p.aroundPlace) return resolvePlaceOrigin(db, p.place);
  return null;
}

/**
 * Counts the raw matches only up to the cap (well under a millisecond however broad the text):
 * an uncorrelated scalar subquery, so SQLite evaluates it once per statement.
 */
function broadTest(fts: string): SQL {
  return sql`((SELECT count(*) FROM (SELECT 1 FROM assessor_fts WHERE assessor_fts MATCH ${fts}
    LIMIT ${BROAD_MATCH + 1})) > ${BROAD_MATCH})`;
}

type Built = { filters: Filters; checks: OriginCheck[]; origin: OriginSql | null };

/**
 * The filters as SQL, with no statement of their own: the place or postcode is resolved inside
 * the statements, and `checks` (to run in the same batch) say afterwards whether it existed. Only
 * a "Naam (gemeente)" near and the place words' first load (once per database) ask the database
 * first.
 */
async function buildFilters(db: DB, p: Partial<SearchParams>, today: string): Promise<Built> {
  const origin =
    p.near && needsJsResolution(p.near) ? pointSql(await resolveNear(db, p.near)) : originSql(p);
  // `place` alone narrows to that place; with radius_km it is the origin (unless near is given).
  const placeFilter = p.place && !(p.aroundPlace && !p.near) ? p.place : undefined;
  const checks = [origin?.check, placeFilter ? placeCheck(placeFilter) : null].filter(
    (c): c is OriginCheck => !!c,
  );
  const all = words(p.q ?? "");
  const named = await placesNamedBy(db, all);
  const namingPlaces = new Set(named.flatMap((n) => n.words));
  const plain = all.filter((w) => !namingPlaces.has(w));
  const fts = ftsOf(plain.filter((w) => w.length >= 3));
  return {
    origin,
    checks,
    filters: {
      today,
      fts,
      short: plain.filter((w) => w.length < 3),
      placeWords: named.map((n) => ({ words: n.words, placeCodes: JSON.stringify(n.codes) })),
      province: p.province,
      place: placeFilter,
      crebo: p.crebo,
      near: origin ? placesWithinSql(origin.row, p.radiusKm ?? DEFAULT_RADIUS_KM) : null,
      broad: false,
      broadTest: fts ? broadTest(fts) : null,
    },
  };
}

/** Throws the NearError of the first check whose rows say that its place or postcode is unknown. */
function verifyChecks(checks: OriginCheck[], results: unknown[][]): void {
  for (let i = 0; i < checks.length; i++) checks[i].verify(results[i]);
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
  limit: number | SQL,
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
    // (A correlated subquery per row would compute the places in range once per assessor.)
    return sql`WITH near(code, km) AS (${f.near}),
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
 * The page's rows, hydrated. With a text in name order the plan depends on whether the text is
 * broad (ADR 0004): both plans as one UNION ALL, each with a LIMIT that is 0 unless it is the
 * plan for this text. SQLite computes the LIMIT before the loop and skips a select whose LIMIT is
 * 0, so only one plan runs (a WHERE on the arm would still run the other arm's sort).
 */
function pageSql(f: Filters, p: SearchParams): SQL {
  const offset = (p.page - 1) * p.perPage;
  const order = rowOrder(p, f);
  const nameOrder = p.sort !== "distance" && p.sort !== "relevance";
  if (!f.broadTest || f.near || !nameOrder)
    return hydratedRows(rowsSql(f, p, p.perPage, offset), order);
  const ifBroad = sql`CASE WHEN ${f.broadTest} THEN ${p.perPage} ELSE 0 END`;
  const ifNot = sql`CASE WHEN ${f.broadTest} THEN 0 ELSE ${p.perPage} END`;
  return hydratedRows(
    sql`SELECT * FROM (${rowsSql({ ...f, broad: true }, p, ifBroad, offset)})
      UNION ALL SELECT * FROM (${rowsSql(f, p, ifNot, offset)})`,
    order,
  );
}

/** The total: counted exactly, or for a broad text up to the cap, with `broad` (0/1) beside it. */
function totalSql(f: Filters): SQL {
  const exact = sql`SELECT count(*) FROM assessors a WHERE ${conditions(f)}`;
  if (!f.broadTest) return sql`SELECT (${exact}) AS total, 0 AS broad`;
  // Driven from the text index, stopping at the cap. CASE runs only the branch it needs.
  const capped = sql`SELECT count(*) FROM (SELECT 1
    FROM assessor_fts fm JOIN assessors a ON a.fts_rowid = fm.rowid
    WHERE assessor_fts MATCH ${f.fts} AND ${conditions({ ...f, broad: true }, "fts")}
    LIMIT ${BROAD_MATCH + 1})`;
  return sql`SELECT CASE WHEN b.broad THEN (${capped}) ELSE (${exact}) END AS total, b.broad
    FROM (SELECT ${f.broadTest} AS broad) b`;
}

/**
 * A page of results with its total and facets in ONE batch (one round trip on D1), the place or
 * postcode resolved inside it; with `withVersion` the data version is read in the same batch, so
 * the ETag describes these rows.
 */
export async function searchAssessors(
  db: DB,
  p: SearchParams,
  today: string,
  opts: { withVersion?: boolean; maintainedCounts?: boolean } = {},
): Promise<SearchResult & { dataVersion?: string }> {
  const { filters: f, checks, origin } = await buildFilters(db, p, today);
  const maintained = opts.maintainedCounts !== false && countsAnswer(f);
  const [totalQuery, provinceQuery, creboQuery] = maintained
    ? countStatements(db, today, f.province)
    : [db.all<{ total: number; broad: number }>(totalSql(f)), ...computedStatements(db, f)];
  const suggestion = origin ? suggestionSql(f, origin, p.radiusKm) : null;
  const statements: Statement[] = [
    ...checks.map((c) => db.all(c.statement)),
    totalQuery,
    db.all<HydratedRow>(pageSql(f, p)),
    provinceQuery,
    creboQuery,
  ];
  if (suggestion) statements.push(db.all(suggestion.statement));
  if (opts.withVersion) statements.push(dataVersionQuery(db));
  const results = (await runBatch(db, statements)) as unknown[][];
  verifyChecks(checks, results);
  const [[{ total, broad }], rows, province, crebo] = results.slice(checks.length) as [
    { total: number; broad?: number }[],
    HydratedRow[],
    Facet[],
    Facet[],
  ];
  const capped = !!broad;
  const version = opts.withVersion ? (results.at(-1) as { value: string }[]) : null;
  const result: SearchResult & { dataVersion?: string } = {
    items: rows.map(toPublicAssessor),
    total: capped ? Math.min(total, BROAD_MATCH) : total,
    page: p.page,
    per_page: p.perPage,
    // A broad text's facets are not counted (their statements returned no rows).
    facets: capped ? { province: [], crebo: [] } : { province, crebo },
    ...(capped ? { capped: true as const } : {}),
    ...(version ? { dataVersion: version[0]?.value ?? "0" } : {}),
  };
  if (suggestion && total === 0) {
    const found = suggestion.pick(results[checks.length + 4] as Record<string, number>[]);
    if (found) result.suggestion = found;
  }
  return result;
}

/**
 * Facets counted over the matching assessors (any filter); none for a broad text: LIMIT 0 (see
 * pageSql) skips the grouping, where a WHERE would still group first.
 */
function computedStatements(db: DB, f: Filters) {
  const notBroad = f.broadTest ? sql` LIMIT CASE WHEN ${f.broadTest} THEN 0 ELSE -1 END` : sql``;
  return [
    // Group first, name afterwards: the grouping then runs on covering indexes only.
    db.all<Facet>(sql`SELECT pr.code, pr.name, f.count FROM (
        SELECT ap.province, count(DISTINCT ap.assessor_id) AS count FROM assessor_places ap
        WHERE ap.assessor_id IN (SELECT a.id FROM assessors a WHERE ${conditions(f, "province")})
        GROUP BY ap.province) f
      JOIN provinces pr ON pr.code = f.province ORDER BY f.count DESC, pr.name${notBroad}`),
    db.all<Facet>(sql`SELECT c.code, c.name, f.count FROM (
        SELECT ac.crebo_code, count(*) AS count FROM assessor_crebos ac
        WHERE ac.assessor_id IN (SELECT a.id FROM assessors a WHERE ${conditions(f, "crebo")})
        GROUP BY ac.crebo_code) f
      JOIN crebos c ON c.code = f.crebo_code ORDER BY f.count DESC, c.code${notBroad}`),
  ] as const;
}

const SUGGESTED_RADII = [50, 100, 200];

/**
 * For an empty search around a point: the same search counted at 50, 100 and 200 km (the places
 * of the widest box, then each radius, as before), as one statement that returns no row when the
 * search found someone (NOT EXISTS depends on no table: tested once, before anything is counted).
 * `f.near` is set whenever there is an origin.
 */
function suggestionSql(
  f: Filters,
  origin: OriginSql,
  radiusKm: number,
): { statement: SQL; pick: (rows: Record<string, number>[]) => Suggestion | null } | null {
  const radii = SUGGESTED_RADII.filter((r) => r > radiusKm);
  if (radii.length === 0) return null;
  const widest = radii[radii.length - 1];
  const counts = radii.map(
    (r, i) => sql`(SELECT count(*) FROM assessors a
      WHERE ${conditions({ ...f, near: placesWithinSql(origin.row, r, widest) })}) AS ${sql.raw(`t${i}`)}`,
  );
  return {
    // Joined from the places in range, the check stops at the first assessor found.
    statement: sql`SELECT ${sql.join(counts, sql`, `)}
      WHERE NOT EXISTS (SELECT 1 FROM (${f.near}) n
        JOIN assessor_places ap ON ap.place_code = n.code JOIN assessors a ON a.id = ap.assessor_id
        WHERE ${conditions({ ...f, near: null })})`,
    pick: (rows) => {
      if (rows.length === 0) return null;
      for (let i = 0; i < radii.length; i++) {
        const total = rows[0][`t${i}`];
        if (total > 0) return { radius_km: radii[i], total };
      }
      return null;
    },
  };
}

/** Rows per CSV chunk: fewer statements, still a bounded few MB of text at a time. */
const CSV_CHUNK = 5000;

/**
 * The whole filtered public result for the CSV, in chunks of coded rows (see codedRows): by keyset
 * in name order (each chunk an index range), by offset in the other orders. Only one chunk is in
 * memory at a time; the names of the lists' codes are read once, with the first chunk.
 */
export async function* publicCodedChunks(
  db: DB,
  p: SearchParams,
  today: string,
  chunkSize = CSV_CHUNK,
): AsyncGenerator<{ rows: unknown[][]; names: ListNames }> {
  const built = await buildFilters(db, p, today);
  const { checks } = built;
  const q = listNameQueries();
  // First the checks, the names of the lists' codes and how broad the text is (it picks the plan).
  const results = (await runBatch(db, [
    ...checks.map((c) => db.all(c.statement)),
    db.all(q.crebos),
    db.all(q.schools),
    db.all(q.places),
    db.all(sql`SELECT ${built.filters.broadTest ?? sql`0`} AS broad`),
  ])) as unknown[][];
  verifyChecks(checks, results);
  const [crebos, schools, places, [{ broad }]] = results.slice(checks.length) as [
    { code: string; name: string }[],
    { code: string; name: string }[],
    { code: string; name: string; province: string }[],
    { broad: number }[],
  ];
  const names: ListNames = {
    crebos: new Map(crebos.map((r) => [r.code, r.name])),
    schools: new Map(schools.map((r) => [r.code, r.name])),
    places: new Map(places.map((r) => [r.code, { name: r.name, province: r.province }])),
  };
  const f = { ...built.filters, broad: !!broad };
  const order = rowOrder(p, f);
  const byName = order === "name";
  let after: { sortKey: string; id: string } | undefined;
  for (let offset = 0; ; offset += chunkSize) {
    const [chunk] = await db.all<{ rows: string }>(
      codedRows(rowsSql(f, p, chunkSize, byName ? 0 : offset, after), order),
    );
    const rows = JSON.parse(chunk.rows) as unknown[][];
    if (rows.length > 0) yield { rows, names };
    if (rows.length < chunkSize) return;
    const last = rows[rows.length - 1];
    after = byName ? { sortKey: last[5] as string, id: last[0] as string } : undefined;
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

export async function provinceCounts(db: DB, today: string): Promise<Facet[]> {
  return db.all<Facet>(sql`SELECT pr.code, pr.name, count(DISTINCT v.assessor_id) AS count
    FROM provinces pr
    LEFT JOIN (SELECT ap.assessor_id, ap.province FROM assessor_places ap
               JOIN assessors a ON a.id = ap.assessor_id WHERE ${publicVisible(today)}) v ON v.province = pr.code
    GROUP BY pr.code ORDER BY pr.name`);
}
