// The public search: FTS5 + indexed filters, facets in grouped queries, public fields only.
import { sql, type SQL } from "drizzle-orm";
import type { DB } from "../db";
import { getPlace } from "../queries/reference";
import type { SearchParams } from "./params";
import { words } from "#src/lib/normalise";
import {
  ftsExpression,
  hydrate,
  type PublicAssessor,
  type PublicAssessorRow,
} from "#src/queries/public-assessor";

export type { PublicAssessor };

export type Facet = { code: string; name: string; count: number };

export type SearchResult = {
  items: PublicAssessor[];
  total: number;
  page: number;
  per_page: number;
  facets: { province: Facet[]; crebo: Facet[] };
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
};

/** True when nothing but visibility narrows the result: then reading in name order is cheapest. */
function unfiltered(f: Filters): boolean {
  return !f.fts && !f.province && !f.place && !f.crebo && !f.origin;
}

function conditions(f: Filters, skip: "province" | "crebo" | null = null, nameOrder = false): SQL {
  // With no other filter, `+` keeps SQLite from using the visibility index, so that a page is
  // read straight from the (sort_key, id, public_until) index instead of sorting every visible row.
  const parts: SQL[] = [
    nameOrder && unfiltered(f) ? sql`+a.public_until >= ${f.today}` : publicVisible(f.today),
  ];
  if (f.fts)
    parts.push(
      sql`a.id IN (SELECT assessor_id FROM assessor_fts WHERE assessor_fts MATCH ${f.fts})`,
    );
  for (const w of f.short) parts.push(sql`a.name_words LIKE ${`% ${w}%`}`);
  if (f.province && skip !== "province")
    parts.push(
      sql`a.id IN (SELECT assessor_id FROM assessor_places WHERE province = ${f.province})`,
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

async function buildFilters(db: DB, p: Partial<SearchParams>, today: string): Promise<Filters> {
  if (p.place) {
    const place = await getPlace(db, p.place);
    if (!place) throw new UnknownPlaceError("place");
  }
  return {
    today,
    fts: ftsExpression(p.q),
    short: shortWords(p.q),
    province: p.province,
    place: p.place,
    crebo: p.crebo,
    origin: await resolveOrigin(db, p.near),
    radiusKm: p.radiusKm ?? 25,
  };
}

function orderBy(p: Partial<SearchParams>, f: Filters): SQL {
  if (p.sort === "distance" && f.origin) return sql`d2 ASC, a.sort_key ASC, a.id ASC`;
  if (p.sort === "relevance" && f.fts) return sql`rank ASC, a.sort_key ASC, a.id ASC`;
  return sql`a.sort_key ASC, a.id ASC`;
}

async function selectRows(
  db: DB,
  f: Filters,
  p: Partial<SearchParams>,
  limit: number | null,
  offset: number,
) {
  const d2 = f.origin
    ? sql`(SELECT min(${distance2(f.origin)}) FROM assessor_places ap JOIN places p ON p.code = ap.place_code WHERE ap.assessor_id = a.id)`
    : sql`NULL`;
  const rankJoin =
    p.sort === "relevance" && f.fts
      ? sql`JOIN (SELECT assessor_id, min(rank) AS rank FROM assessor_fts WHERE assessor_fts MATCH ${f.fts} GROUP BY assessor_id) r ON r.assessor_id = a.id`
      : sql``;
  const page = limit === null ? sql`` : sql`LIMIT ${limit} OFFSET ${offset}`;
  return db.all<PublicAssessorRow>(sql`SELECT a.id, a.first_name, a.infix, a.last_name, a.organisation, ${d2} AS d2
    FROM assessors a ${rankJoin}
    WHERE ${conditions(f, null, p.sort !== "distance" && p.sort !== "relevance")}
    ORDER BY ${orderBy(p, f)} ${page}`);
}

export async function searchAssessors(
  db: DB,
  p: SearchParams,
  today: string,
): Promise<SearchResult> {
  const f = await buildFilters(db, p, today);
  const [[{ total }], provinceFacet, creboFacet] = await db.batch([
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
  ]);
  const rows = await selectRows(db, f, p, p.perPage, (p.page - 1) * p.perPage);
  return {
    items: await hydrate(db, rows),
    total,
    page: p.page,
    per_page: p.perPage,
    facets: { province: provinceFacet, crebo: creboFacet },
  };
}

/** The whole filtered public result, for the CSV download. */
export async function searchAllAssessors(
  db: DB,
  p: SearchParams,
  today: string,
): Promise<PublicAssessor[]> {
  const f = await buildFilters(db, p, today);
  return hydrate(
    db,
    await selectRows(db, f, p, null, 0),
    sql`SELECT a.id FROM assessors a WHERE ${conditions(f)}`,
  );
}

export async function getPublicAssessor(
  db: DB,
  id: string,
  today: string,
): Promise<PublicAssessor | null> {
  const rows =
    await db.all<PublicAssessorRow>(sql`SELECT a.id, a.first_name, a.infix, a.last_name, a.organisation, NULL AS d2
    FROM assessors a WHERE a.id = ${id} AND ${publicVisible(today)}`);
  if (rows.length === 0) return null;
  return (await hydrate(db, rows))[0];
}

export async function provinceCounts(db: DB, today: string): Promise<Facet[]> {
  return db.all<Facet>(sql`SELECT pr.code, pr.name, count(DISTINCT v.assessor_id) AS count
    FROM provinces pr
    LEFT JOIN (SELECT ap.assessor_id, ap.province FROM assessor_places ap
               JOIN assessors a ON a.id = ap.assessor_id WHERE ${publicVisible(today)}) v ON v.province = pr.code
    GROUP BY pr.code ORDER BY pr.name`);
}
