// Searching around a point: what `near` means (postcode, place name, lat,lon) and which places
// lie within a radius, by a bounding box on the indexed coordinates and then exact haversine.
import type { DB } from "#src/db";
import {
  getPlace,
  getPostcode,
  placesByName,
  placesInBox,
  type Place,
} from "#src/queries/reference";
import { normalise } from "#src/lib/normalise";

export type Origin = {
  lat: number;
  lon: number;
  /** What the origin is, for the page: "postcode 3811 (Amersfoort)", "Amersfoort". */
  label: string;
  kind: "postcode" | "place" | "point";
  /** The place the origin belongs to (a postcode's woonplaats, or the place itself). */
  place?: Omit<Place, "lat" | "lon">;
};

export type PlaceCandidate = { code: string; name: string; municipality: string; province: string };

/** Why `near` (or `place`) could not be turned into a point. */
export class NearError extends Error {
  constructor(
    readonly field: "near" | "place",
    readonly reason: "unknown_place" | "unknown_postcode" | "ambiguous_place",
    readonly candidates: PlaceCandidate[] = [],
    readonly input = "",
  ) {
    super(`${reason} in ${field}`);
  }

  /** The Dutch message for the field. */
  get fieldMessage(): string {
    if (this.reason === "unknown_postcode")
      return `Postcode ${this.input} kennen wij niet. Onze postcodelijst is uit 2014, dus nieuwere postcodes ontbreken. Probeer de plaatsnaam.`;
    if (this.reason === "ambiguous_place")
      return `Er zijn meerdere plaatsen met de naam ${this.input}. Kies de plaats die u bedoelt.`;
    return this.field === "place"
      ? "Deze plaats is niet bekend. Kies een plaats uit de lijst."
      : "Deze plaats of postcode is niet bekend. Geef een postcode (4 cijfers), een plaatsnaam of coördinaten.";
  }
}

const POSTCODE = /^(\d{4})(?:\s?[A-Za-z]{2})?$/;
const LAT_LON = /^(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)$/;

/** The 4 digits of a postcode as typed ("3811", "3811 AB", "3811ab"), else null. */
export function postcodeDigits(value: string): string | null {
  return POSTCODE.exec(value.trim())?.[1] ?? null;
}

export function parseLatLon(value: string): { lat: number; lon: number } | null {
  const m = LAT_LON.exec(value.trim());
  if (!m) return null;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
}

function placeLabel(p: { name: string; municipality: string; province: string }): string {
  return p.name === p.municipality ? p.name : `${p.name} (${p.municipality})`;
}

/**
 * Places a name stands for: an exact (normalised) name, or "Naam (gemeente)" as the page's
 * typeahead offers a name that several places share.
 */
export async function placesForName(db: DB, value: string): Promise<Place[]> {
  const exact = await placesByName(db, normalise(value));
  if (exact.length > 0) return exact;
  const m = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(value);
  if (!m) return [];
  const qualifier = normalise(m[2]);
  return (await placesByName(db, normalise(m[1]))).filter(
    (p) => normalise(p.municipality) === qualifier || normalise(p.province) === qualifier,
  );
}

/** `near` → a point; throws NearError for an unknown postcode or place, or an ambiguous name. */
export async function resolveNear(db: DB, near: string): Promise<Origin> {
  const pc4 = postcodeDigits(near);
  if (pc4) {
    const postcode = await getPostcode(db, pc4);
    if (!postcode) throw new NearError("near", "unknown_postcode", [], pc4);
    return {
      lat: postcode.lat,
      lon: postcode.lon,
      label: `postcode ${pc4} (${postcode.place.name})`,
      kind: "postcode",
      place: postcode.place,
    };
  }
  const point = parseLatLon(near);
  if (point) return { ...point, label: `${point.lat}, ${point.lon}`, kind: "point" };
  const matches = await placesForName(db, near);
  if (matches.length === 0) throw new NearError("near", "unknown_place", [], near);
  if (matches.length > 1)
    throw new NearError(
      "near",
      "ambiguous_place",
      matches.map(({ code, name, municipality, province }) => ({
        code,
        name,
        municipality,
        province,
      })),
      near,
    );
  return placeOrigin(matches[0]);
}

function placeOrigin(p: Place): Origin {
  const { lat, lon, ...place } = p;
  return { lat, lon, label: placeLabel(p), kind: "place", place };
}

/** A place code (the API's `place` with `radius_km`) → its point. */
export async function resolvePlaceOrigin(db: DB, code: string): Promise<Origin> {
  const place = await getPlace(db, code);
  if (!place) throw new NearError("place", "unknown_place", [], code);
  return placeOrigin(place);
}

export const EARTH_RADIUS_KM = 6371.0088;
export const KM_PER_DEGREE_LAT = (Math.PI * EARTH_RADIUS_KM) / 180;

/** Great-circle distance in km (haversine). */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The places within `radiusKm` of the origin with their distance in km: a bounding box read on
 * the places' coordinate index, then the exact distance for each place in the box.
 */
export async function placesWithin(
  db: DB,
  origin: { lat: number; lon: number },
  radiusKm: number,
): Promise<Map<string, number>> {
  const dLat = radiusKm / KM_PER_DEGREE_LAT;
  const dLon =
    dLat / Math.max(0.01, Math.cos((Math.min(89, Math.abs(origin.lat)) * Math.PI) / 180));
  const box = await placesInBox(db, {
    minLat: origin.lat - dLat,
    maxLat: origin.lat + dLat,
    minLon: origin.lon - dLon,
    maxLon: origin.lon + dLon,
  });
  const within = new Map<string, number>();
  for (const p of box) {
    const km = haversineKm(origin, p);
    if (km <= radiusKm) within.set(p.code, km);
  }
  return within;
}
