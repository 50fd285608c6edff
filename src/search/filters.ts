// The public search's filters as SQL (DESIGN §4): visibility, text (FTS5 and name prefixes),
// place words, province, place, crebo and radius, and the ordered rows of a result.
import { sql, type SQL } from "drizzle-orm";
import { isEmbeddedDb, type DB } from "#src/db";
import { words } from "#src/lib/normalise";
import { ftsOf } from "#src/queries/public-assessor";
import { BROAD_MATCH } from "#src/rules/search-limits";
import { resolveNear } from "./near";
import {
  needsJsResolution,
  originSql,
  placeCheck,
  placesWithinSql,
  pointSql,
  type OriginCheck,
  type OriginSql,
} from "./near-sql";
import { DEFAULT_RADIUS_KM, type SearchParams } from "./params";
import { placesNamedBy } from "./place-words";
import { ROW_COLUMNS } from "./rows";

/** Visible to the public on `today`: consent, not erased, valid, not deregistered. */
export function publicVisible(today: string): SQL {
  // public_until is a generated column: consent ∧ not erased → min(valid_until, afmelding − 1 day).
  return sql`a.public_until >= ${today}`;
}

/** Query words that name places: they match the person's own fields or one of those places. */
type PlaceWord = { words: string[]; placeCodes: string };

export type Filters = {
  today: string;
  fts: string | null;
  /** The words of `fts` (3 letters or more), normalised as the stored search text is. */
  ftsWords: string[];
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
    // By rowid (index assessors(fts_rowid, …)), not by reading assessor_id from the FTS content.
    parts.push(
      sql`a.fts_rowid IN (SELECT rowid FROM assessor_fts WHERE assessor_fts MATCH ${fts})`,
    );
  for (const w of ws.filter((x) => x.length < 3)) parts.push(sql`a.name_words LIKE ${`% ${w}%`}`);
  return sql.join(parts, sql` AND `);
}

export function conditions(
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
        ? // Row by row, the match is a substring test on the row's own search text: the same
          // answer as the trigram MATCH (both sides normalised alike: lower case, no accents,
          // words of letters and digits), at microseconds a row where an FTS probe per row cost
          // milliseconds (q=jansen, whose 1,550 matches sit together in name order: 5 s → ms).
          sql.join(
            f.ftsWords.map((w) => sql`instr(a.search_text, ${w}) > 0`),
            sql` AND `,
          )
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
export async function buildFilters(
  db: DB,
  p: Partial<SearchParams>,
  today: string,
): Promise<Built> {
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
  const ftsWords = plain.filter((w) => w.length >= 3);
  const fts = ftsOf(ftsWords);
  // Every statement of the batch tests the breadth again (a subquery is evaluated once per
  // statement). Over a network (D1, Turso) that is cheaper than a round trip; on the embedded
  // database it is asked once and the statements get the answer as a constant.
  let broad = fts ? broadTest(fts) : null;
  if (broad && isEmbeddedDb(db)) {
    const [row] = await db.all<{ broad: number }>(sql`SELECT ${broad} AS broad`);
    broad = row.broad ? sql`1` : sql`0`;
  }
  return {
    origin,
    checks,
    filters: {
      today,
      fts,
      ftsWords,
      short: plain.filter((w) => w.length < 3),
      placeWords: named.map((n) => ({ words: n.words, placeCodes: JSON.stringify(n.codes) })),
      province: p.province,
      place: placeFilter,
      crebo: p.crebo,
      near: origin ? placesWithinSql(origin.row, p.radiusKm ?? DEFAULT_RADIUS_KM) : null,
      broad: false,
      broadTest: broad,
    },
  };
}

/** Throws the NearError of the first check whose rows say that its place or postcode is unknown. */
export function verifyChecks(checks: OriginCheck[], results: unknown[][]): void {
  for (let i = 0; i < checks.length; i++) checks[i].verify(results[i]);
}

function orderBy(p: Partial<SearchParams>, f: Filters): SQL {
  if (p.sort === "distance" && f.near) return sql`d.dist ASC, a.sort_key ASC, a.id ASC`;
  if (p.sort === "relevance" && f.fts) return sql`rank ASC, a.sort_key ASC, a.id ASC`;
  return sql`a.sort_key ASC, a.id ASC`;
}

export function rowOrder(p: Partial<SearchParams>, f: Filters): "name" | "distance" | "relevance" {
  if (p.sort === "distance" && f.near) return "distance";
  if (p.sort === "relevance" && f.fts) return "relevance";
  return "name";
}

/**
 * The filtered, ordered rows (ROW_COLUMNS, dist, rank), `limit` from `offset`, or in name order
 * after the keyset `after` (the CSV reads the whole list in chunks that way).
 */
export function rowsSql(
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
