// `near` and `place` resolved inside the search's own statements (issue 15: one D1 round trip):
// the origin is a one-row select over postcodes or places, the places within the radius a select
// over the places' coordinate index with the same box and haversine as near.ts, and a check
// statement in the same batch tells afterwards whether the place or postcode exists (NearError).
import { sql, type SQL } from "drizzle-orm";
import { normalise } from "#src/lib/normalise";
import type { SearchParams } from "./params";
import { EARTH_RADIUS_KM, KM_PER_DEGREE_LAT, NearError, parseLatLon, postcodeDigits } from "./near";

/** A statement of the search's batch whose rows say whether `near`/`place` named something. */
export type OriginCheck = { statement: SQL; verify: (rows: unknown[]) => void };

/** The origin as a select of one row (lat, lon), or of none when it names nothing (or several). */
export type OriginSql = { row: SQL; check: OriginCheck | null };

/** "Naam (gemeente)", as the page's typeahead offers a shared name: resolved in JS (near.ts). */
export function needsJsResolution(near: string): boolean {
  return !postcodeDigits(near) && !parseLatLon(near) && /\(([^)]+)\)\s*$/.test(near);
}

/** `near` (postcode, lat,lon or a unique place name) or `place` with radius_km, as SQL. */
export function originSql(p: Partial<SearchParams>): OriginSql | null {
  if (p.near) {
    const pc4 = postcodeDigits(p.near);
    if (pc4)
      return {
        row: sql`SELECT lat, lon FROM postcodes WHERE pc4 = ${pc4}`,
        check: {
          statement: sql`SELECT pc4 FROM postcodes WHERE pc4 = ${pc4}`,
          verify: (rows) => {
            if (rows.length === 0) throw new NearError("near", "unknown_postcode", [], pc4);
          },
        },
      };
    const point = parseLatLon(p.near);
    if (point) return { row: sql`SELECT ${point.lat} AS lat, ${point.lon} AS lon`, check: null };
    const near = p.near;
    const name = normalise(near);
    return {
      // A name shared by several places is no origin (the check reports the candidates).
      row: sql`SELECT lat, lon FROM places WHERE name_norm = ${name}
        AND (SELECT count(*) FROM places WHERE name_norm = ${name}) = 1`,
      check: {
        statement: sql`SELECT code, name, municipality, province FROM places
          WHERE name_norm = ${name} ORDER BY province, municipality`,
        verify: (rows) => {
          if (rows.length === 0) throw new NearError("near", "unknown_place", [], near);
          if (rows.length > 1)
            throw new NearError(
              "near",
              "ambiguous_place",
              (rows as Record<string, string>[]).map((r) => ({
                code: r.code,
                name: r.name,
                municipality: r.municipality,
                province: r.province,
              })),
              near,
            );
        },
      },
    };
  }
  if (p.place && p.aroundPlace)
    return {
      row: sql`SELECT lat, lon FROM places WHERE code = ${p.place}`,
      check: placeCheck(p.place),
    };
  return null;
}

/** An origin already resolved in JS (near.ts), as the same kind of select. */
export function pointSql(point: { lat: number; lon: number }): OriginSql {
  return { row: sql`SELECT ${point.lat} AS lat, ${point.lon} AS lon`, check: null };
}

/** `place` as a filter or an origin: an unknown code is a 422 naming `place`. */
export function placeCheck(code: string): OriginCheck {
  return {
    statement: sql`SELECT code FROM places WHERE code = ${code}`,
    verify: (rows) => {
      if (rows.length === 0) throw new NearError("place", "unknown_place", [], code);
    },
  };
}

/**
 * The places within `radiusKm` of the origin as rows (code, km), km rounded to 4 decimals: the
 * box of `boxKm` around the origin on places_lat_lon_idx, then the exact distance, computed as
 * placesWithin and haversineKm in near.ts do (same operations in the same order, the constants
 * bound from JS), so that the same places and the same distances come out.
 */
export function placesWithinSql(origin: SQL, radiusKm: number, boxKm = radiusKm): SQL {
  const rad = Math.PI / 180;
  const dLat = boxKm / KM_PER_DEGREE_LAT;
  const km = sql`(${2 * EARTH_RADIUS_KM} * asin(min(1, sqrt(
      sin(((pl.lat - o.lat) * ${rad}) / 2) * sin(((pl.lat - o.lat) * ${rad}) / 2)
      + cos(o.lat * ${rad}) * cos(pl.lat * ${rad})
        * (sin(((pl.lon - o.lon) * ${rad}) / 2) * sin(((pl.lon - o.lon) * ${rad}) / 2))))))`;
  const dLon = sql`(${dLat} / max(0.01, cos((min(89, abs(o.lat)) * ${Math.PI}) / 180)))`;
  // Math.round(km * 10000) / 10000 for km ≥ 0: floor(x + 0.5), and the same division.
  return sql`SELECT code, CAST(exact_km * 10000 + 0.5 AS INTEGER) / 10000.0 AS km FROM (
      SELECT pl.code, ${km} AS exact_km FROM (${origin}) o JOIN places pl
      ON pl.lat BETWEEN o.lat - ${dLat} AND o.lat + ${dLat}
        AND pl.lon BETWEEN o.lon - ${dLon} AND o.lon + ${dLon})
    WHERE exact_km <= ${radiusKm}`;
}
