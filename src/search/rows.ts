// Public result rows with their crebos, schools and places in ONE statement (JSON subqueries per
// row), so a page of results needs no second round trip to hydrate (one batch on D1), and the CSV
// can be read in chunks without holding the whole list.
import { sql, type SQL } from "drizzle-orm";
import { toPublic } from "#src/queries/public-assessor";
import type { PublicAssessor } from "./search";

/** What the inner (filtered, ordered, limited) select must return per assessor, with dist and rank. */
export const ROW_COLUMNS = sql`a.id, a.first_name, a.infix, a.last_name, a.organisation, a.sort_key`;

export type HydratedRow = {
  id: string;
  first_name: string;
  infix: string;
  last_name: string;
  organisation: string;
  sort_key: string;
  dist: number | null;
  crebos: string;
  schools: string;
  places: string;
};

/**
 * Wraps `inner` (a select of ROW_COLUMNS, dist and rank, with its own ORDER BY and LIMIT) so each
 * row carries its lists as JSON. The JSON is built only for the rows the inner select kept; the
 * outer ORDER BY repeats the inner one (on at most a page of rows) so the order is guaranteed.
 */
export function hydratedRows(inner: SQL, order: "name" | "distance" | "relevance"): SQL {
  const outerOrder =
    order === "distance"
      ? sql`p.dist, p.sort_key, p.id`
      : order === "relevance"
        ? sql`p.rank, p.sort_key, p.id`
        : sql`p.sort_key, p.id`;
  // No ORDER BY inside the lists (a sorter per row would dominate the CSV): sorted in JS below.
  return sql`SELECT p.id, p.first_name, p.infix, p.last_name, p.organisation, p.sort_key, p.dist,
    (SELECT json_group_array(json_object('code', c.code, 'name', c.name))
       FROM assessor_crebos ac JOIN crebos c ON c.code = ac.crebo_code WHERE ac.assessor_id = p.id) AS crebos,
    (SELECT json_group_array(json_object('id', s.id, 'name', s.name))
       FROM assessor_schools s2 JOIN schools s ON s.id = s2.school_id WHERE s2.assessor_id = p.id) AS schools,
    (SELECT json_group_array(json_object('code', pl.code, 'name', pl.name, 'province', pl.province, 'lat', pl.lat, 'lon', pl.lon))
       FROM assessor_places ap JOIN places pl ON pl.code = ap.place_code WHERE ap.assessor_id = p.id) AS places
    FROM (${inner}) p ORDER BY ${outerOrder}`;
}

/** SQLite's binary order (the lists were ordered by code or name in SQL before). */
function byKey<T>(key: (item: T) => string) {
  return (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

/** A hydrated row → the public allow-list shape. */
export function toPublicAssessor(r: HydratedRow): PublicAssessor {
  return toPublic(r, {
    crebos: (JSON.parse(r.crebos) as PublicAssessor["crebos"]).sort(byKey((c) => c.code)),
    schools: (JSON.parse(r.schools) as PublicAssessor["schools"]).sort(byKey((s) => s.name)),
    places: (JSON.parse(r.places) as PublicAssessor["places"]).sort(byKey((p) => p.name)),
  });
}

/**
 * Like hydratedRows, but the lists as comma-separated codes, read from assessor_lists (one narrow
 * row per assessor, kept by triggers, migration 0009), for the whole-list CSV. The whole chunk
 * comes back as ONE JSON value of arrays [id, first_name, infix, last_name, organisation,
 * sort_key, dist, crebos, schools, places]: turning thousands of rows into objects in the driver
 * cost more than the query itself. (Codes and ids never contain a comma.)
 */
export function codedRows(inner: SQL, order: "name" | "distance" | "relevance"): SQL {
  // In name order the LEFT JOIN keeps the ordered `inner` as its outer loop, so the rows come in
  // that order without sorting the chunk again (the aggregate relies on subquery order anyway);
  // the other orders are sorted again, as in hydratedRows.
  const outerOrder =
    order === "distance"
      ? sql` ORDER BY p.dist, p.sort_key, p.id`
      : order === "relevance"
        ? sql` ORDER BY p.rank, p.sort_key, p.id`
        : sql``;
  return sql`SELECT json_group_array(json_array(r.id, r.first_name, r.infix, r.last_name,
      r.organisation, r.sort_key, r.dist, r.crebos, r.schools, r.places)) AS rows FROM (
    SELECT p.id, p.first_name, p.infix, p.last_name, p.organisation, p.sort_key, p.dist,
      l.crebos, l.schools, l.places
    FROM (${inner}) p LEFT JOIN assessor_lists l ON l.assessor_id = p.id${outerOrder}) r`;
}

/** Names of crebos, schools and places by code, read once per CSV. */
export type ListNames = {
  crebos: Map<string, string>;
  schools: Map<string, string>;
  places: Map<string, { name: string; province: string }>;
};

export function listNameQueries() {
  return {
    crebos: sql`SELECT code, name FROM crebos`,
    schools: sql`SELECT id AS code, name FROM schools`,
    places: sql`SELECT code, name, province FROM places`,
  };
}
