// The public search: FTS5 + indexed filters, facets in grouped queries, public fields only.
import { sql, type SQL } from "drizzle-orm";
import type { DB } from "../db";
import { getPlace } from "../queries/reference";
import type { SearchParams } from "./params";
import { words } from "#src/lib/normalise";
import { ftsExpression, type PublicAssessor } from "#src/queries/public-assessor";
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
import { dataVersionQuery } from "../queries/meta";
import { runBatch, type Statement } from "../queries/batch";
import { countsAnswer, countStatements } from "./counts";
import { BROAD_MATCH } from "../rules/search-limits";

export type { PublicAssessor };

export type Facet = { code: string; name: string; count: number };

export type SearchResult = {
  items: PublicAssessor[];
  /** With `capped`, counted up to BROAD_MATCH: "more than 2,000". */
  total: number;
  page: number;
  per_page: number;
  facets: { province: Facet[]; crebo: Facet[] };
  /** q is broad (ADR 0004): total counted up to BROAD_MATCH, facets not counted. */
  capped?: true;
};

export class UnknownPlaceError extends Error {
  constructor(readonly field: "place" | "near") {
    super(`unknown place in ${field}`);
  }
}

const KM_PER_DEGREE = 111.195;

type Origin = { lat: number; lon: number };

/** Visible to the public on `today`: consent, not erased, valid, not deregistered. */
export function publicVisible(today: string): SQL {
  // public_until is a generated column: consent ∧ not erased → min(valid_until, afmelding − 1 day).
  return sql`a.public_until >= ${today}`;
}

function shortWords(q: string | undefined): string[] {
  return words(q ?? "").filter((w) => w.length < 3);
}

async function resolveOrigin(db: DB, near: string | undefined): Promise<Origin | null> {
  if (!near) return null;
  const m = /^(-?[\d.]+),\s*(-?[\d.]+)$/.exec(near);
  if (m) return { lat: Number(m[1]), lon: Number(m[2]) };
  const place = await getPlace(db, near);
  if (!place) throw new UnknownPlaceError("near");
  return { lat: place.lat, lon: place.lon };
}

/** Squared distance in km² between a place row `p` and the origin (equirectangular; fine at NL scale). */
function distance2(origin: Origin): SQL {
  const kx = KM_PER_DEGREE * Math.cos((origin.lat * Math.PI) / 180);
  const ky = KM_PER_DEGREE;
  return sql`(((p.lat - ${origin.lat}) * ${ky}) * ((p.lat - ${origin.lat}) * ${ky}) + ((p.lon - ${origin.lon}) * ${kx}) * ((p.lon - ${origin.lon}) * ${kx}))`;
}

type Filters = {
  today: string;
  fts: string | null;
  short: string[];
  province?: string;
  place?: string;
  crebo?: string;
  origin: Origin | null;
  radiusKm: number;
  /** q matches more than BROAD_MATCH register entries (ADR 0004): facets are not counted. */
  broad: boolean;
};

export { BROAD_MATCH };

/** True when nothing but visibility narrows the result: then reading in name order is cheapest. */
function unfiltered(f: Filters): boolean {
  return !f.fts && !f.province && !f.place && !f.crebo && !f.origin;
}

function conditions(
  f: Filters,
  skip: "province" | "crebo" | "fts" | null = null,
  nameOrder = false,
): SQL {
  // In name order without a selective filter, `+` keeps SQLite from using the visibility index,
  // so that a page is read straight from the (sort_key, id, public_until) index in order instead
  // of sorting every visible row; a broad text match is then checked row by row (EXISTS).
  const provinceOnly = !!f.province && unfiltered({ ...f, province: undefined }) && !f.short.length;
  const scanByName = nameOrder && (unfiltered(f) || f.broad || provinceOnly);
  const parts: SQL[] = [scanByName ? sql`+a.public_until >= ${f.today}` : publicVisible(f.today)];
  if (f.fts && skip !== "fts")
    parts.push(
      scanByName
        ? sql`EXISTS (SELECT 1 FROM assessor_fts fm WHERE assessor_fts MATCH ${f.fts} AND fm.rowid = a.fts_rowid)`
        : sql`a.fts_rowid IN (SELECT rowid FROM assessor_fts WHERE assessor_fts MATCH ${f.fts})`,
    );
  for (const w of f.short) parts.push(sql`a.name_words LIKE ${`% ${w}%`}`);
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
  if (f.origin) {
    const dLat = f.radiusKm / KM_PER_DEGREE;
    const dLon = dLat / Math.max(0.1, Math.cos((f.origin.lat * Math.PI) / 180));
    parts.push(sql`a.id IN (SELECT ap.assessor_id FROM assessor_places ap JOIN places p ON p.code = ap.place_code
      WHERE p.lat BETWEEN ${f.origin.lat - dLat} AND ${f.origin.lat + dLat}
        AND p.lon BETWEEN ${f.origin.lon - dLon} AND ${f.origin.lon + dLon}
        AND ${distance2(f.origin)} <= ${f.radiusKm * f.radiusKm})`);
  }
  return sql.join(parts, sql` AND `);
}

/** Counts the raw matches only up to the cap: cheap however broad the text is. */
async function isBroad(db: DB, fts: string): Promise<boolean> {
  const [{ n }] = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM (SELECT 1 FROM assessor_fts WHERE assessor_fts MATCH ${fts} LIMIT ${BROAD_MATCH + 1})`,
  );
  return n > BROAD_MATCH;
}

async function buildFilters(db: DB, p: Partial<SearchParams>, today: string): Promise<Filters> {
  if (p.place) {
    const place = await getPlace(db, p.place);
    if (!place) throw new UnknownPlaceError("place");
  }
  const fts = ftsExpression(p.q);
  return {
    today,
    fts,
    short: shortWords(p.q),
    province: p.province,
    place: p.place,
    crebo: p.crebo,
    origin: await resolveOrigin(db, p.near),
    radiusKm: p.radiusKm ?? 25,
    broad: fts ? await isBroad(db, fts) : false,
  };
}

function orderBy(p: Partial<SearchParams>, f: Filters): SQL {
  if (p.sort === "distance" && f.origin) return sql`d2 ASC, a.sort_key ASC, a.id ASC`;
  if (p.sort === "relevance" && f.fts) return sql`rank ASC, a.sort_key ASC, a.id ASC`;
  return sql`a.sort_key ASC, a.id ASC`;
}

function rowOrder(p: Partial<SearchParams>, f: Filters): "name" | "distance" | "relevance" {
  if (p.sort === "distance" && f.origin) return "distance";
  if (p.sort === "relevance" && f.fts) return "relevance";
  return "name";
}

/**
 * The filtered, ordered rows (ROW_COLUMNS, d2, rank), `limit` from `offset`, or in name order
 * after the keyset `after` (the CSV reads the whole list in chunks that way).
 */
function rowsSql(
  f: Filters,
  p: Partial<SearchParams>,
  limit: number,
  offset: number,
  after?: { sortKey: string; id: string },
): SQL {
  const d2 = f.origin
    ? sql`(SELECT min(${distance2(f.origin)}) FROM assessor_places ap JOIN places p ON p.code = ap.place_code WHERE ap.assessor_id = a.id)`
    : sql`NULL`;
  const ranked = rowOrder(p, f) === "relevance";
  const rankJoin = ranked
    ? sql`JOIN (SELECT assessor_id, min(rank) AS rank FROM assessor_fts WHERE assessor_fts MATCH ${f.fts} GROUP BY assessor_id) r ON r.assessor_id = a.id`
    : sql``;
  const keyset = after ? sql` AND (a.sort_key, a.id) > (${after.sortKey}, ${after.id})` : sql``;
  return sql`SELECT ${ROW_COLUMNS}, ${d2} AS d2, ${ranked ? sql`r.rank` : sql`NULL`} AS rank
    FROM assessors a ${rankJoin}
    WHERE ${conditions(f, null, p.sort !== "distance" && p.sort !== "relevance")}${keyset}
    ORDER BY ${orderBy(p, f)} LIMIT ${limit} OFFSET ${offset}`;
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
  const f = await buildFilters(db, p, today);
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
  return {
    items: rows.map(toPublicAssessor),
    total: f.broad ? Math.min(total, BROAD_MATCH) : total,
    page: p.page,
    per_page: p.perPage,
    facets,
    ...(f.broad ? { capped: true as const } : {}),
    ...(version ? { dataVersion: version[0]?.value ?? "0" } : {}),
  };
}

/** Total and facets counted over the matching assessors (any filter; bounded work for q). */
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
  const f = await buildFilters(db, p, today);
  const q = listNameQueries();
  const [crebos, schools, places] = await db.batch([
    db.all<{ code: string; name: string }>(q.crebos),
    db.all<{ code: string; name: string }>(q.schools),
    db.all<{ code: string; name: string; province: string }>(q.places),
  ]);
  const names: ListNames = {
    crebos: new Map(crebos.map((r) => [r.code, r.name])),
    schools: new Map(schools.map((r) => [r.code, r.name])),
    places: new Map(places.map((r) => [r.code, { name: r.name, province: r.province }])),
  };
  const byName = rowOrder(p, f) === "name";
  let after: { sortKey: string; id: string } | undefined;
  for (let offset = 0; ; offset += chunkSize) {
    const inner = rowsSql(f, p, chunkSize, byName ? 0 : offset, after);
    const [chunk] = await db.all<{ rows: string }>(codedRows(inner, rowOrder(p, f)));
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
      sql`SELECT ${ROW_COLUMNS}, NULL AS d2, NULL AS rank FROM assessors a WHERE a.id = ${id} AND ${publicVisible(today)}`,
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
