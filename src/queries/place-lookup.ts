// Turning what a person typed (a code, "Naam (gemeente, PR) [1234]", or an exact name) into
// place codes and crebo codes, for the forms without JavaScript and the CSV import.
import { inArray } from "drizzle-orm";
import { crebos, places } from "#db/schema";
import type { DB } from "#src/db";
import { normalise } from "#src/lib/normalise";

export type Lookup = { codes: string[]; errors: string[] };

/** Codes from typed place values; ambiguous or unknown names become Dutch messages. */
export async function lookupPlaces(db: DB, values: readonly string[]): Promise<Lookup> {
  const codes: string[] = [];
  const errors: string[] = [];
  const byName: string[] = [];
  for (const raw of values) {
    const v = raw.trim();
    if (!v) continue;
    const code =
      /^(\d{4})$/.exec(v)?.[1] ?? /\[(\d{4})\]\s*$/.exec(v)?.[1] ?? /\((\d{4})\)\s*$/.exec(v)?.[1];
    if (code) codes.push(code);
    else byName.push(v);
  }
  if (byName.length) {
    const norms = [...new Set(byName.map((n) => normalise(n.replace(/\(.*\)$/, ""))))];
    const rows: {
      code: string;
      name: string;
      nameNorm: string;
      municipality: string;
      province: string;
    }[] = [];
    for (let i = 0; i < norms.length; i += 90) {
      rows.push(
        ...(await db
          .select({
            code: places.code,
            name: places.name,
            nameNorm: places.nameNorm,
            municipality: places.municipality,
            province: places.province,
          })
          .from(places)
          .where(inArray(places.nameNorm, norms.slice(i, i + 90)))),
      );
    }
    for (const name of byName) {
      const municipality = /\(([^,)]+)/.exec(name)?.[1]?.trim();
      let matches = rows.filter((r) => r.nameNorm === normalise(name.replace(/\(.*\)$/, "")));
      if (municipality && matches.length > 1)
        matches = matches.filter((r) => normalise(r.municipality) === normalise(municipality));
      if (matches.length === 1) codes.push(matches[0].code);
      else if (matches.length === 0) errors.push(`Onbekende plaats: ${name}.`);
      else
        errors.push(
          `Er zijn meerdere plaatsen met de naam ${name}: ${matches.map((m) => `${m.name} (${m.municipality}, ${m.province}) [${m.code}]`).join("; ")}. Kies er één uit de lijst.`,
        );
    }
  }
  return { codes: [...new Set(codes)], errors };
}

/** Codes from typed crebo values: "25332", "25332 Eerste monteur …" or an exact name. */
export async function lookupCrebos(db: DB, values: readonly string[]): Promise<Lookup> {
  const codes: string[] = [];
  const errors: string[] = [];
  const byName: string[] = [];
  for (const raw of values) {
    const v = raw.trim();
    if (!v) continue;
    const code = /^(\d{5})\b/.exec(v)?.[1];
    if (code) codes.push(code);
    else byName.push(v);
  }
  if (byName.length) {
    const names = [...new Set(byName)];
    const rows = await db
      .select({ code: crebos.code, name: crebos.name })
      .from(crebos)
      .where(inArray(crebos.name, names.slice(0, 90)));
    for (const name of byName) {
      const matches = rows.filter((r) => normalise(r.name) === normalise(name));
      if (matches.length === 1) codes.push(matches[0].code);
      else
        errors.push(
          `Onbekende crebo: ${name}. Geef het crebonummer (5 cijfers) of kies uit de lijst.`,
        );
    }
  }
  return { codes: [...new Set(codes)], errors };
}
