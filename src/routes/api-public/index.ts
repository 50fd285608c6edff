// The public JSON API at /api/v1 (DESIGN §4): search, profile, CSV, reference lists, the rules.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "#src/env";
import { cachedSearch } from "#src/search/cache";
import { apiError, HttpError } from "#src/http/errors";
import { publicValidation } from "#src/http/openapi";
import { CachedBody } from "#src/lib/cached-body";
import {
  cachedAnswer,
  jsonBody,
  keptAnswer,
  publicCache,
  querySuffix,
  requestDataVersion,
  sendCached,
} from "#src/routes/public/cache";
import { listCrebos, listPlaces } from "#src/queries/reference";
import { parseSearchParams, type SearchParams } from "#src/search/params";
import { provinceTotals } from "#src/search/counts";
import { getPublicAssessor, searchAssessors, NearError } from "#src/search/search";
import { publicCsvChunks } from "#src/search/csv";
import { postcodeDigits } from "#src/search/near";
import { getPostcode } from "#src/queries/reference";
import { rulesApi } from "./rules";
import {
  assessorRoute,
  crebosRoute,
  csvRoute,
  placesRoute,
  postcodeRoute,
  provincesRoute,
  searchRoute,
} from "./routes";
import { publicSchoolsApi } from "./schools";

// The helpers of the public answers live with the public pages; schools.ts takes them from here.
export { publicCache };

export const publicApi = new OpenAPIHono<AppEnv>({ defaultHook: publicValidation() });

/** Kept in the answer cache for an id that is not public, so a miss is cheap too. */
const NOT_PUBLIC = new CachedBody("null", "application/json");

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

const searchKey = (c: Context<AppEnv>) => `search ${querySuffix(c)}`;

/**
 * A repeated search is sent from memory before the route's parameter check runs (ADR 0004): the
 * kept answer exists only for a query string that was valid. Anything else goes on to the route.
 */
publicApi.use("/assessors", async (c, next) => {
  if (c.req.method !== "GET" || !c.get("deps").dataVersionRecheckMs) return next();
  const dataVersion = await requestDataVersion(c);
  const kept = keptAnswer(c, dataVersion, searchKey(c));
  const body = kept ? await kept.catch(() => null) : null;
  if (!body) return next();
  const { notModified } = await publicCache(c, dataVersion);
  return notModified ?? sendCached(c, body);
});

publicApi.openapi(searchRoute, async (c) => {
  if (!c.get("deps").dataVersionRecheckMs) {
    // No version in memory (Workers): it is read in the search's own batch, one round trip.
    return withSearch(c, async (params) => {
      const { dataVersion, ...result } = await searchAssessors(
        c.get("db"),
        params,
        c.get("today"),
        { withVersion: true },
      );
      const { notModified } = await publicCache(c, dataVersion);
      return notModified ?? c.json(result);
    });
  }
  const { notModified, dataVersion } = await publicCache(c);
  if (notModified) return notModified;
  // Kept by the query string as sent, so a repeated search skips even the parameter check; an
  // invalid one is answered by withSearch (422) and never kept.
  const key = searchKey(c);
  try {
    return sendCached(
      c,
      await cachedAnswer(c, dataVersion, key, async () => {
        const parsed = parseSearchParams(c.req.query());
        if (!parsed.ok) throw new NotKept();
        const result = await cachedSearch(c.get("db"), parsed.params, c.get("today"), dataVersion);
        return jsonBody(result);
      }),
    );
  } catch (err) {
    if (!(err instanceof NotKept) && !(err instanceof NearError)) throw err;
    return withSearch(c, async () => {
      throw err;
    });
  }
});

/** A search answered with a 422: not kept. */
class NotKept extends Error {}

publicApi.openapi(csvRoute, async (c) => {
  const { notModified } = await publicCache(c);
  if (notModified) return notModified;
  return withSearch(c, async (params) => {
    const chunks = publicCsvChunks(c.get("db"), params, c.get("today"));
    // The first chunk is read before answering, so a bad place is still a 422, not a broken stream.
    const first = await chunks.next();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        if (first.done) controller.close();
        else controller.enqueue(encoder.encode(first.value));
      },
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (err) {
          // Headers are gone already: the client sees a cut-off download, the log says why.
          console.error(`[${c.get("requestId")}] CSV stream:`, err);
          controller.error(err);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    c.set("streamedBody", true);
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header(
      "Content-Disposition",
      `attachment; filename="praktijkbeoordelaars-${c.get("today")}.csv"`,
    );
    return c.body(body);
  });
});

publicApi.openapi(assessorRoute, async (c) => {
  const { id } = c.req.valid("param");
  const { notModified, dataVersion } = await publicCache(c);
  if (notModified) return notModified;
  const answer = await cachedAnswer(c, dataVersion, `assessor ${id}`, async () => {
    const assessor = await getPublicAssessor(c.get("db"), id, c.get("today"));
    return assessor ? jsonBody(assessor) : NOT_PUBLIC;
  });
  if (answer === NOT_PUBLIC)
    return apiError(
      c,
      404,
      "not_found",
      "Deze praktijkbeoordelaar staat niet (openbaar) in het register.",
    );
  return sendCached(c, answer);
});

publicApi.openapi(provincesRoute, async (c) => {
  const { notModified, dataVersion } = await publicCache(c);
  if (notModified) return notModified;
  return sendCached(
    c,
    await cachedAnswer(c, dataVersion, "provinces", async () =>
      jsonBody(await provinceTotals(c.get("db"), c.get("today"))),
    ),
  );
});

publicApi.openapi(placesRoute, async (c) => {
  const { province, q } = c.req.valid("query");
  c.header("Cache-Control", "public, max-age=3600");
  return c.json(await listPlaces(c.get("db"), { province, q, limit: q ? 50 : undefined }), 200);
});

publicApi.openapi(postcodeRoute, async (c) => {
  const pc4 = postcodeDigits(c.req.valid("param").pc4);
  const postcode = pc4 ? await getPostcode(c.get("db"), pc4) : undefined;
  if (!postcode)
    throw new HttpError(
      404,
      "not_found",
      "Deze postcode kennen wij niet. Onze postcodelijst is uit 2014, dus nieuwere postcodes ontbreken. Probeer de plaatsnaam.",
    );
  c.header("Cache-Control", "public, max-age=3600");
  return c.json(postcode, 200);
});

publicApi.openapi(crebosRoute, async (c) => {
  const { q } = c.req.valid("query");
  c.header("Cache-Control", "public, max-age=300");
  return c.json(await listCrebos(c.get("db"), { q }), 200);
});

// The rules calculations (POST /api/v1/rules/…) are public, too.
publicApi.route("/rules", rulesApi);
publicApi.route("/", publicSchoolsApi);
