// Reads of the reference tables: provinces, places, crebos.
import { and, asc, eq, isNull, like, or, sql } from "drizzle-orm";
import { crebos, places, provinces } from "../../db/schema";
import type { DB } from "../db";
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

export async function listPlaces(
  db: DB,
  filter: { province?: string; q?: string; limit?: number },
): Promise<Place[]> {
  const conditions = [];
  if (filter.province) conditions.push(eq(places.province, filter.province));
  const q = filter.q ? normalise(filter.q) : "";
  if (q) conditions.push(like(places.nameNorm, `%${q.replace(/[%_]/g, "")}%`));
  return db
    .select({
      code: places.code,
      name: places.name,
      municipality: places.municipality,
      province: places.province,
      lat: places.lat,
      lon: places.lon,
    })
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
  const [row] = await db
    .select({
      code: places.code,
      name: places.name,
      municipality: places.municipality,
      province: places.province,
      lat: places.lat,
      lon: places.lon,
    })
    .from(places)
    .where(eq(places.code, code));
  return row;
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
