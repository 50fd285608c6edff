// The public search: FTS5 + indexed filters, facets in grouped queries, public fields only.
import { sql, type SQL } from "drizzle-orm";
import type { DB } from "#src/db";
import type { SearchParams } from "./params";
import type { PublicAssessor, PublicPlace } from "#src/queries/public-assessor";
import { resolveNear, resolvePlaceOrigin, type Origin } from "./near";
import { placesWithinSql, type OriginSql } from "./near-sql";
import {
  buildFilters,
  conditions,
  publicVisible,
  rowOrder,
  rowsSql,
  verifyChecks,
  type Filters,
} from "./filters";
import { hydratedRows, ROW_COLUMNS, toPublicAssessor, type HydratedRow } from "./rows";
import { dataVersionQuery } from "#src/queries/meta";
import { runBatch, type Statement } from "#src/queries/batch";
import { countsAnswer, countStatements } from "./counts";
import { BROAD_MATCH } from "#src/rules/search-limits";

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
export { publicVisible };

/** Where a search is centred: `near`, or `place` with `radius_km`; null for other searches. */
export async function searchOrigin(db: DB, p: Partial<SearchParams>): Promise<Origin | null> {
  if (p.near) return resolveNear(db, p.near);
  if (p.place && p.aroundPlace) return resolvePlaceOrigin(db, p.place);
  return null;
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
