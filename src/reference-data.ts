// Loads the reference CSVs from db/reference/ into the database on first start (idempotent).
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { crebos, municipalities, places, postcodes, provinces } from "#db/schema";
import type { DB } from "./db";
import { parseCsvRecords } from "./lib/csv";
import { normalise } from "./lib/normalise";

const referenceDir = new URL("../db/reference/", import.meta.url);

async function readRecords(name: string) {
  return parseCsvRecords(await readFile(fileURLToPath(new URL(name, referenceDir)), "utf8"), ",");
}

async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Inserts what is missing; existing rows (possibly edited by the admin) are left alone. */
export async function loadReferenceData(db: DB): Promise<void> {
  const [{ n }] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM places`);
  const [{ c }] = await db.all<{ c: number }>(sql`SELECT count(*) AS c FROM crebos`);
  const [{ pc }] = await db.all<{ pc: number }>(sql`SELECT count(*) AS pc FROM postcodes`);
  if (n > 0 && c > 0) {
    // A database from before the postcodes gets them now, with the updated place coordinates.
    if (pc === 0) await loadPostcodes(db, true);
    return;
  }

  const provinceRows = (await readRecords("provinces.csv")).map((r) => ({
    code: r.code,
    iso: r.iso,
    name: r.name,
    cbsCode: r.cbs_code,
  }));
  await db.insert(provinces).values(provinceRows).onConflictDoNothing();

  const municipalityRows = (await readRecords("gemeenten.csv")).map((r) => ({
    code: r.code,
    name: r.name,
    province: r.province,
  }));
  await insertChunked(municipalityRows, 200, (chunk) =>
    db.insert(municipalities).values(chunk).onConflictDoNothing(),
  );

  const placeRows = (await readRecords("places.csv")).map((r) => ({
    code: r.code,
    name: r.name,
    nameNorm: normalise(r.name),
    municipalityCode: r.municipality_code,
    municipality: r.municipality,
    province: r.province,
    lat: Number(r.lat),
    lon: Number(r.lon),
  }));
  await insertChunked(placeRows, 200, (chunk) =>
    db.insert(places).values(chunk).onConflictDoNothing(),
  );

  await loadPostcodes(db, false);

  const creboRows = (await readRecords("crebos.csv")).map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level ? Number(r.level) : null,
    sector: r.sector,
    mei: r.mei === "1",
  }));
  await insertChunked(creboRows, 200, (chunk) =>
    db.insert(crebos).values(chunk).onConflictDoNothing(),
  );
}

/**
 * Postcodes (4pp, 2014). `refreshPlaces`: also bring existing places to the coordinates of
 * places.csv (updated 2026-11-29); places are reference data the admin does not edit.
 */
async function loadPostcodes(db: DB, refreshPlaces: boolean): Promise<void> {
  if (refreshPlaces) {
    const updates = (await readRecords("places.csv")).map(
      (r) =>
        sql`UPDATE places SET lat = ${Number(r.lat)}, lon = ${Number(r.lon)} WHERE code = ${r.code} AND (lat <> ${Number(r.lat)} OR lon <> ${Number(r.lon)})`,
    );
    for (let i = 0; i < updates.length; i += 200)
      await db.batch(updates.slice(i, i + 200).map((u) => db.run(u)) as [ReturnType<DB["run"]>]);
  }
  const postcodeRows = (await readRecords("postcodes.csv")).map((r) => ({
    pc4: r.pc4,
    lat: Number(r.lat),
    lon: Number(r.lon),
    placeCode: r.place_code,
  }));
  await insertChunked(postcodeRows, 200, (chunk) =>
    db.insert(postcodes).values(chunk).onConflictDoNothing(),
  );
}
