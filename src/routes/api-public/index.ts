// The public JSON API at /api/v1 (DESIGN §4): search, profile, CSV, reference lists, the rules.
import { Hono, type Context } from "hono";
import type { AppEnv } from "#src/env";
import { cachedSearch } from "#src/search/cache";
import { apiError, messages } from "#src/http/errors";
import { toCsv } from "#src/lib/csv";
import { getDataVersion } from "#src/queries/meta";
import { listCrebos, listPlaces } from "#src/queries/reference";
import { parseSearchParams, PROVINCE_CODES, type SearchParams } from "#src/search/params";
import {
  getPublicAssessor,
  provinceCounts,
  searchAllAssessors,
  NearError,
  type PublicAssessor,
} from "#src/search/search";
import { postcodeDigits } from "#src/search/near";
import { getPostcode } from "#src/queries/reference";
import { rulesApi } from "./rules";
import { publicSchoolsApi } from "./schools";

export const publicApi = new Hono<AppEnv>();

/**
 * Public responses are cacheable: the ETag is the data version (bumped by every write) plus
 * today's date (visibility depends on the date). `notModified` is a 304 response when the client
 * has it; `dataVersion` is the version the ETag was built from, for the body to use too.
 */
export async function publicCache(
  c: Context<AppEnv>,
): Promise<{ notModified: Response | null; dataVersion: string }> {
  const version = await getDataVersion(c.get("db"));
  const etag = `W/"${version}-${c.get("today")}"`;
  c.header("ETag", etag);
  c.header("Cache-Control", "public, max-age=60");
  c.header("Vary", "HX-Request", { append: true });
  const inm = c.req.header("if-none-match");
  const notModified = inm?.split(",").some((t) => t.trim() === etag) ? c.body(null, 304) : null;
  return { notModified, dataVersion: version };
}

function invalidParams(c: Context<AppEnv>, fields: Record<string, string>) {
  return apiError(
    c,
    422,
    "invalid_parameter",
    `Ongeldige parameter: ${Object.keys(fields).join(", ")}.`,
    fields,
  );
}

async function withSearch(
  c: Context<AppEnv>,
  run: (params: SearchParams) => Promise<Response>,
): Promise<Response> {
  const parsed = parseSearchParams(c.req.query());
  if (!parsed.ok) return invalidParams(c, parsed.fields);
  try {
    return await run(parsed.params);
  } catch (err) {
    if (err instanceof NearError) {
      if (err.reason === "ambiguous_place")
        return apiError(
          c,
          422,
          "ambiguous_place",
          `Er zijn meerdere plaatsen met de naam ${err.input}. Kies er één en zoek met place en radius_km.`,
          { [err.field]: err.fieldMessage },
          { candidates: err.candidates },
        );
      return invalidParams(c, { [err.field]: err.fieldMessage });
    }
    throw err;
  }
}

publicApi.get("/assessors", async (c) => {
  const { notModified, dataVersion } = await publicCache(c);
  if (notModified) return notModified;
  return withSearch(c, async (params) =>
    c.json(await cachedSearch(c.get("db"), params, c.get("today"), dataVersion)),
  );
});

const CSV_HEADER = [
  "id",
  "naam",
  "voornaam",
  "tussenvoegsel",
  "achternaam",
  "organisatie",
  "crebos",
  "scholen",
  "plaatsen",
  "provincies",
];

export function publicCsvRow(a: PublicAssessor): string[] {
  return [
    a.id,
    a.name,
    a.first_name,
    a.infix,
    a.last_name,
    a.organisation,
    a.crebos.map((x) => `${x.code} ${x.name}`).join(", "),
    a.schools.map((x) => x.name).join(", "),
    a.places.map((x) => x.name).join(", "),
    a.provinces.join(", "),
  ];
}

publicApi.get("/assessors.csv", async (c) => {
  const { notModified } = await publicCache(c);
  if (notModified) return notModified;
  return withSearch(c, async (params) => {
    const all = await searchAllAssessors(c.get("db"), params, c.get("today"));
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header(
      "Content-Disposition",
      `attachment; filename="praktijkbeoordelaars-${c.get("today")}.csv"`,
    );
    return c.body(toCsv(CSV_HEADER, all.map(publicCsvRow)));
  });
});

publicApi.get("/assessors/:id", async (c) => {
  const id = c.req.param("id");
  if (!/^[a-z0-9]{1,64}$/.test(id)) return apiError(c, 404, "not_found", messages.notFound);
  const { notModified } = await publicCache(c);
  if (notModified) return notModified;
  const assessor = await getPublicAssessor(c.get("db"), id, c.get("today"));
  if (!assessor)
    return apiError(
      c,
      404,
      "not_found",
      "Deze praktijkbeoordelaar staat niet (openbaar) in het register.",
    );
  return c.json(assessor);
});

publicApi.get("/provinces", async (c) => {
  const { notModified } = await publicCache(c);
  if (notModified) return notModified;
  return c.json(await provinceCounts(c.get("db"), c.get("today")));
});

publicApi.get("/places", async (c) => {
  const province = c.req.query("province")?.trim().toUpperCase();
  const q = c.req.query("q")?.trim();
  if (province && !(PROVINCE_CODES as readonly string[]).includes(province))
    return invalidParams(c, { province: "Kies een geldige provincie (bijvoorbeeld UT of NH)." });
  if (q && q.length > 100) return invalidParams(c, { q: "Gebruik hoogstens 100 tekens." });
  c.header("Cache-Control", "public, max-age=3600");
  return c.json(await listPlaces(c.get("db"), { province, q, limit: q ? 50 : undefined }));
});

publicApi.get("/postcodes/:pc4", async (c) => {
  const pc4 = postcodeDigits(c.req.param("pc4"));
  const postcode = pc4 ? await getPostcode(c.get("db"), pc4) : undefined;
  if (!postcode)
    return apiError(
      c,
      404,
      "not_found",
      "Deze postcode kennen wij niet. Onze postcodelijst is uit 2014, dus nieuwere postcodes ontbreken. Probeer de plaatsnaam.",
    );
  c.header("Cache-Control", "public, max-age=3600");
  return c.json(postcode);
});

publicApi.get("/crebos", async (c) => {
  const q = c.req.query("q")?.trim();
  if (q && q.length > 100) return invalidParams(c, { q: "Gebruik hoogstens 100 tekens." });
  c.header("Cache-Control", "public, max-age=300");
  return c.json(await listCrebos(c.get("db"), { q }));
});

// The rules calculations (POST /api/v1/rules/…) are public, too.
publicApi.route("/rules", rulesApi);
publicApi.route("/", publicSchoolsApi);
