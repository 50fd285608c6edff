// The public search parameters (DESIGN §4), validated once for the API, the page and the CSV.
import { z } from "zod";
import { fieldMessages } from "#src/rules/validation";

export const PROVINCE_CODES = [
  "GR",
  "FR",
  "DR",
  "OV",
  "FL",
  "GE",
  "UT",
  "NH",
  "ZH",
  "ZE",
  "NB",
  "LI",
] as const;
export const MAX_RADIUS_KM = 200;
export const DEFAULT_RADIUS_KM = 25;

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const latLon = /^(-?\d{1,2}(?:\.\d+)?),\s*(-?\d{1,3}(?:\.\d+)?)$/;

export const searchParamsSchema = z
  .object({
    q: optionalText.pipe(
      z.string().max(200, "Gebruik hoogstens 200 tekens om te zoeken.").optional(),
    ),
    province: optionalText.pipe(
      z
        .string()
        .transform((v) => v.toUpperCase())
        .pipe(
          z.enum(PROVINCE_CODES, { error: "Kies een geldige provincie (bijvoorbeeld UT of NH)." }),
        )
        .optional(),
    ),
    place: optionalText.pipe(
      z
        .string()
        .regex(/^\d{4}$/, "Kies een geldige plaats.")
        .optional(),
    ),
    crebo: optionalText.pipe(
      z
        .string()
        .regex(/^\d{5}$/, "Een crebonummer bestaat uit 5 cijfers.")
        .optional(),
    ),
    // A postcode ("3811", "3811 AB"), a place name or "lat,lon"; what it names is resolved in
    // search/near.ts (unknown or ambiguous → 422 naming near).
    near: optionalText.pipe(
      z
        .string()
        .max(100, "Gebruik hoogstens 100 tekens voor de plaats of postcode.")
        .refine((v) => {
          const m = latLon.exec(v);
          return !m || (Math.abs(Number(m[1])) <= 90 && Math.abs(Number(m[2])) <= 180);
        }, "Deze coördinaten bestaan niet.")
        .optional(),
    ),
    radius_km: optionalText.pipe(
      z.coerce
        .number<string>({ error: "De straal moet een getal zijn." })
        .min(1, "De straal is minstens 1 km.")
        .max(MAX_RADIUS_KM, `De straal is hoogstens ${MAX_RADIUS_KM} km.`)
        .optional(),
    ),
    sort: optionalText.pipe(
      z
        .enum(["name", "relevance", "distance"], {
          error: "Sorteer op name, relevance of distance.",
        })
        .optional(),
    ),
    page: optionalText.pipe(
      z.coerce
        .number<string>({ error: "Het paginanummer moet een geheel getal zijn." })
        .int("Het paginanummer moet een geheel getal zijn.")
        .min(1, "Het paginanummer is minstens 1.")
        .max(100000, "Dit paginanummer is te hoog.")
        .optional(),
    ),
    per_page: optionalText.pipe(
      z.coerce
        .number<string>({ error: "per_page moet een geheel getal zijn." })
        .int("per_page moet een geheel getal zijn.")
        .min(1, "per_page is minstens 1.")
        .max(100, "per_page is hoogstens 100.")
        .optional(),
    ),
  })
  .superRefine((p, ctx) => {
    if (p.sort === "relevance" && !p.q)
      ctx.addIssue({
        code: "custom",
        path: ["sort"],
        message: "Sorteren op relevantie kan alleen met een zoektekst.",
      });
    if (p.sort === "distance" && !p.near && !(p.place && p.radius_km !== undefined))
      ctx.addIssue({
        code: "custom",
        path: ["sort"],
        message:
          "Sorteren op afstand kan alleen rond een punt: met near, of met place en radius_km.",
      });
  });

export type SearchParams = {
  q?: string;
  province?: (typeof PROVINCE_CODES)[number];
  place?: string;
  crebo?: string;
  near?: string;
  radiusKm: number;
  /** `place` with an explicit `radius_km`: a search around that place instead of in it. */
  aroundPlace: boolean;
  sort: "name" | "relevance" | "distance";
  page: number;
  perPage: number;
};

export type ParsedSearch =
  { ok: true; params: SearchParams } | { ok: false; fields: Record<string, string> };

/** Query-string values (first value per key) → validated search parameters. */
export function parseSearchParams(query: Record<string, string | undefined>): ParsedSearch {
  const result = searchParamsSchema.safeParse(query);
  if (!result.success) return { ok: false, fields: fieldMessages(result.error) };
  const p = result.data;
  const aroundPlace = Boolean(p.place && p.radius_km !== undefined);
  return {
    ok: true,
    params: {
      q: p.q,
      province: p.province,
      place: p.place,
      crebo: p.crebo,
      near: p.near,
      radiusKm: p.radius_km ?? DEFAULT_RADIUS_KM,
      aroundPlace,
      // Around a point the list is in distance order unless asked otherwise.
      sort: p.sort ?? (p.near || aroundPlace ? "distance" : "name"),
      page: p.page ?? 1,
      perPage: p.per_page ?? 20,
    },
  };
}
