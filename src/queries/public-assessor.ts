// The public assessor record (the allow-list) and how rows become it: crebos, schools and places
// loaded for a set of assessors at once. Shared by the public search and the school's list.
import { sql, type SQL } from "drizzle-orm";
import type { DB } from "#src/db";
import { words } from "#src/lib/normalise";

/** The allow-list of public fields. Nothing else about an assessor ever leaves through here. */
export type PublicAssessor = {
  id: string;
  name: string;
  first_name: string;
  infix: string;
  last_name: string;
  organisation: string;
  crebos: { code: string; name: string }[];
  schools: { id: string; name: string }[];
  places: PublicPlace[];
  provinces: string[];
  distance_km?: number;
};

/** A place is public reference data, with its coordinate so that clients can map it. */
export type PublicPlace = {
  code: string;
  name: string;
  province: string;
  lat: number;
  lon: number;
};

export type PublicAssessorRow = {
  id: string;
  first_name: string;
  infix: string;
  last_name: string;
  organisation: string;
  /** km to the nearest of the assessor's places within the radius (around a point only). */
  dist: number | null;
};

/** An FTS5 query: every word as a quoted phrase, all required. */
export function ftsOf(long: string[]): string | null {
  if (long.length === 0) return null;
  return long.map((w) => `"${w.replace(/"/g, '""')}"`).join(" AND ");
}

/** The FTS5 query for a typed text: its words of ≥ 3 characters (shorter ones have no trigram). */
export function ftsExpression(q: string | undefined): string | null {
  return ftsOf(words(q ?? "").filter((w) => w.length >= 3));
}

/** The allow-list record from an assessor's row and its lists (already in their order). */
export function toPublic(
  r: PublicAssessorRow,
  lists: Pick<PublicAssessor, "crebos" | "schools" | "places">,
): PublicAssessor {
  const item: PublicAssessor = {
    id: r.id,
    name: [r.first_name, r.infix, r.last_name].filter(Boolean).join(" "),
    first_name: r.first_name,
    infix: r.infix,
    last_name: r.last_name,
    organisation: r.organisation,
    ...lists,
    provinces: [...new Set(lists.places.map((p) => p.province))].sort(),
  };
  if (r.dist !== null && r.dist !== undefined) item.distance_km = Math.round(r.dist * 10) / 10;
  return item;
}

/** Loads crebos, schools and places for a set of assessors in a few queries (no N+1). */
export async function hydrate(
  db: DB,
  rows: PublicAssessorRow[],
  scope?: SQL,
): Promise<PublicAssessor[]> {
  const crebosBy = new Map<string, { code: string; name: string }[]>();
  const schoolsBy = new Map<string, { id: string; name: string }[]>();
  const placesBy = new Map<string, PublicPlace[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  // A large result (the CSV) is hydrated with one subquery over the same filter; a page by its
  // ids, in chunks that keep every statement under D1's limit of 100 bound parameters.
  const scopes: SQL[] = [];
  if (scope && rows.length > 90) scopes.push(scope);
  else
    for (let i = 0; i < rows.length; i += 90)
      scopes.push(
        sql.join(
          rows.slice(i, i + 90).map((r) => sql`${r.id}`),
          sql`, `,
        ),
      );
  for (const ids of scopes) {
    const [creboRows, schoolRows, placeRows] = await db.batch([
      db.all<{ assessor_id: string; code: string; name: string }>(
        sql`SELECT ac.assessor_id, c.code, c.name FROM assessor_crebos ac JOIN crebos c ON c.code = ac.crebo_code WHERE ac.assessor_id IN (${ids}) ORDER BY c.code`,
      ),
      db.all<{ assessor_id: string; id: string; name: string }>(
        sql`SELECT s2.assessor_id, s.id, s.name FROM assessor_schools s2 JOIN schools s ON s.id = s2.school_id WHERE s2.assessor_id IN (${ids}) ORDER BY s.name`,
      ),
      db.all<PublicPlace & { assessor_id: string }>(
        sql`SELECT ap.assessor_id, p.code, p.name, p.province, p.lat, p.lon FROM assessor_places ap JOIN places p ON p.code = ap.place_code WHERE ap.assessor_id IN (${ids}) ORDER BY p.name`,
      ),
    ]);
    for (const r of creboRows) push(crebosBy, r.assessor_id, { code: r.code, name: r.name });
    for (const r of schoolRows) push(schoolsBy, r.assessor_id, { id: r.id, name: r.name });
    for (const r of placeRows)
      push(placesBy, r.assessor_id, {
        code: r.code,
        name: r.name,
        province: r.province,
        lat: r.lat,
        lon: r.lon,
      });
  }
  return rows.map((r) =>
    toPublic(r, {
      crebos: crebosBy.get(r.id) ?? [],
      schools: schoolsBy.get(r.id) ?? [],
      places: placesBy.get(r.id) ?? [],
    }),
  );
}
