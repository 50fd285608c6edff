// Reads of the reference tables: provinces, places, postcodes, crebos.
import { and, asc, between, eq, isNull, like, or, sql } from "drizzle-orm";
import { crebos, places, postcodes, provinces } from "#db/schema";
import type { DB } from "#src/db";
import { normalise } from "#src/lib/normalise";

export type Province = { code: string; name: string };
export type Place = {
  code: string;
  name: string;
  municipality: string;
  province: string;
  lat: number;
  lon: number;
};
export type Crebo = { code: string; name: string; level: number | null };

export async function listProvinces(db: DB): Promise<Province[]> {
  return db
    .select({ code: provinces.code, name: provinces.name })
    .from(provinces)
    .orderBy(asc(provinces.name));
}

const placeColumns = {
  code: places.code,
  name: places.name,
  municipality: places.municipality,
  province: places.province,
  lat: places.lat,
  lon: places.lon,
};

export async function listPlaces(
  db: DB,
  filter: { province?: string; q?: string; limit?: number },
): Promise<Place[]> {
  const conditions = [];
  if (filter.province) conditions.push(eq(places.province, filter.province));
  const q = filter.q ? normalise(filter.q) : "";
  if (q) conditions.push(like(places.nameNorm, `%${q.replace(/[%_]/g, "")}%`));
  return db
    .select(placeColumns)
    .from(places)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(
      // names starting with the query first, then alphabetical
      q
        ? sql`CASE WHEN ${places.nameNorm} LIKE ${q.replace(/[%_]/g, "") + "%"} THEN 0 ELSE 1 END`
        : asc(places.nameNorm),
      asc(places.nameNorm),
    )
    .limit(filter.limit ?? 5000);
}

export async function getPlace(db: DB, code: string): Promise<Place | undefined> {
  const [row] = await db.select(placeColumns).from(places).where(eq(places.code, code));
  return row;
}

/** Places whose normalised name is exactly `nameNorm` (names repeat across municipalities). */
export async function placesByName(db: DB, nameNorm: string): Promise<Place[]> {
  return db
    .select(placeColumns)
    .from(places)
    .where(eq(places.nameNorm, nameNorm))
    .orderBy(asc(places.province), asc(places.municipality));
}

/** Places inside a lat/lon box (reads the places_lat_lon_idx index). */
export async function placesInBox(
  db: DB,
  box: { minLat: number; maxLat: number; minLon: number; maxLon: number },
): Promise<{ code: string; lat: number; lon: number }[]> {
  return db
    .select({ code: places.code, lat: places.lat, lon: places.lon })
    .from(places)
    .where(
      and(between(places.lat, box.minLat, box.maxLat), between(places.lon, box.minLon, box.maxLon)),
    );
}

/** Every place with its name and municipality, for matching search words (reference data). */
export async function placeNames(
  db: DB,
): Promise<{ code: string; name: string; municipality: string }[]> {
  return db
    .select({ code: places.code, name: places.name, municipality: places.municipality })
    .from(places);
}

export type Postcode = { pc4: string; lat: number; lon: number; place: Omit<Place, "lat" | "lon"> };

/** Postcodes with their place, as one select the lookup and the typeahead narrow. */
function postcodeRows(db: DB) {
  return db
    .select({
      pc4: postcodes.pc4,
      lat: postcodes.lat,
      lon: postcodes.lon,
      code: places.code,
      name: places.name,
      municipality: places.municipality,
      province: places.province,
    })
    .from(postcodes)
    .innerJoin(places, eq(places.code, postcodes.placeCode));
}

function toPostcode(row: {
  pc4: string;
  lat: number;
  lon: number;
  code: string;
  name: string;
  municipality: string;
  province: string;
}): Postcode {
  const { pc4, lat, lon, code, name, municipality, province } = row;
  return { pc4, lat, lon, place: { code, name, municipality, province } };
}

export async function getPostcode(db: DB, pc4: string): Promise<Postcode | undefined> {
  const [row] = await postcodeRows(db).where(eq(postcodes.pc4, pc4));
  return row ? toPostcode(row) : undefined;
}

/** Postcodes starting with `prefix` (1–4 digits), for the Waar typeahead. */
export async function postcodesStartingWith(
  db: DB,
  prefix: string,
  limit = 8,
): Promise<Postcode[]> {
  const rows = await postcodeRows(db)
    .where(like(postcodes.pc4, `${prefix.replace(/\D/g, "")}%`))
    .orderBy(asc(postcodes.pc4))
    .limit(limit);
  return rows.map(toPostcode);
}

/** Active (not retired) crebos, the MEI ones first when `meiFirst`. */
export async function listCrebos(
  db: DB,
  filter: { q?: string; meiOnly?: boolean; limit?: number } = {},
): Promise<Crebo[]> {
  const conditions = [isNull(crebos.retiredAt)];
  if (filter.meiOnly) conditions.push(eq(crebos.mei, true));
  const q = filter.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[%_]/g, "")}%`;
    conditions.push(or(like(crebos.code, pattern), like(crebos.name, pattern))!);
  }
  return db
    .select({ code: crebos.code, name: crebos.name, level: crebos.level })
    .from(crebos)
    .where(and(...conditions))
    .orderBy(sql`${crebos.mei} DESC`, asc(crebos.name))
    .limit(filter.limit ?? 1000);
}
