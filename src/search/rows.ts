// Public result rows with their crebos, schools and places in ONE statement (JSON subqueries per
// row), so a page of results needs no second round trip to hydrate (one batch on D1), and the CSV
// can be read in chunks without holding the whole list.
import { sql, type SQL } from "drizzle-orm";
import type { PublicAssessor } from "./search";

/** What the inner (filtered, ordered, limited) select must return per assessor. */
export const ROW_COLUMNS = sql`a.id, a.first_name, a.infix, a.last_name, a.organisation, a.sort_key`;

export type HydratedRow = {
  id: string;
  first_name: string;
  infix: string;
  last_name: string;
  organisation: string;
  sort_key: string;
  d2: number | null;
  crebos: string;
  schools: string;
  places: string;
};

/**
 * Wraps `inner` (a select of ROW_COLUMNS, d2 and rank, with its own ORDER BY and LIMIT) so each
 * row carries its lists as JSON. The JSON is built only for the rows the inner select kept; the
 * outer ORDER BY repeats the inner one (on at most a page of rows) so the order is guaranteed.
 */
export function hydratedRows(inner: SQL, order: "name" | "distance" | "relevance"): SQL {
  const outerOrder =
    order === "distance"
      ? sql`p.d2, p.sort_key, p.id`
      : order === "relevance"
        ? sql`p.rank, p.sort_key, p.id`
        : sql`p.sort_key, p.id`;
  return sql`SELECT p.id, p.first_name, p.infix, p.last_name, p.organisation, p.sort_key, p.d2,
    (SELECT json_group_array(json_object('code', x.code, 'name', x.name)) FROM (
       SELECT c.code, c.name FROM assessor_crebos ac JOIN crebos c ON c.code = ac.crebo_code
       WHERE ac.assessor_id = p.id ORDER BY c.code) x) AS crebos,
    (SELECT json_group_array(json_object('id', x.id, 'name', x.name)) FROM (
       SELECT s.id, s.name FROM assessor_schools s2 JOIN schools s ON s.id = s2.school_id
       WHERE s2.assessor_id = p.id ORDER BY s.name) x) AS schools,
    (SELECT json_group_array(json_object('code', x.code, 'name', x.name, 'province', x.province)) FROM (
       SELECT pl.code, pl.name, pl.province FROM assessor_places ap JOIN places pl ON pl.code = ap.place_code
       WHERE ap.assessor_id = p.id ORDER BY pl.name) x) AS places
    FROM (${inner}) p ORDER BY ${outerOrder}`;
}

/** A hydrated row → the public allow-list shape. */
export function toPublicAssessor(r: HydratedRow): PublicAssessor {
  const places = JSON.parse(r.places) as PublicAssessor["places"];
  const item: PublicAssessor = {
    id: r.id,
    name: [r.first_name, r.infix, r.last_name].filter(Boolean).join(" "),
    first_name: r.first_name,
    infix: r.infix,
    last_name: r.last_name,
    organisation: r.organisation,
    crebos: JSON.parse(r.crebos) as PublicAssessor["crebos"],
    schools: JSON.parse(r.schools) as PublicAssessor["schools"],
    places,
    provinces: [...new Set(places.map((p) => p.province))].sort(),
  };
  if (r.d2 !== null && r.d2 !== undefined) item.distance_km = Math.round(Math.sqrt(r.d2) * 10) / 10;
  return item;
}
