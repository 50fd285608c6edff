// Public pages: search (/), profile (/beoordelaars/{id}), about (/over).
import { Hono, type Context } from "hono";
import type { AppEnv } from "#src/env";
import { cachedSearch } from "#src/search/cache";
import { getPlace, listCrebos, listPlaces, listProvinces } from "#src/queries/reference";
import { parseSearchParams } from "#src/search/params";
import { getPublicAssessor, UnknownPlaceError, type SearchResult } from "#src/search/search";
import { AboutPage } from "#views/pages/about";
import {
  PlaceField,
  SearchPage,
  SearchResults,
  type SearchForm,
  type SearchView,
} from "#views/pages/search";
import { CachedBody } from "#src/lib/cached-body";
import { healthRoutes } from "./health";
import { renderPublicProfile, publicReportPages } from "./reports";
import { cachedAnswer, htmlBody, publicCache, requestDataVersion, sendCached } from "./cache";

export const publicPages = new Hono<AppEnv>();

publicPages.route("/", healthRoutes);
publicPages.route("/", publicReportPages);

const FORM_KEYS = ["q", "province", "place", "radius_km", "crebo", "sort"] as const;

function readForm(c: Context<AppEnv>): SearchForm {
  const form: SearchForm = {};
  for (const key of FORM_KEYS) {
    const v = c.req.query(key)?.trim();
    if (v) form[key] = v.slice(0, 300);
  }
  // The API's near=<place code> is shown as a place with a radius.
  const near = c.req.query("near")?.trim();
  if (near && /^\d{4}$/.test(near) && !form.place) {
    form.place = near;
    form.radius_km ??= c.req.query("radius_km") ?? "25";
  }
  if (form.province) form.province = form.province.toUpperCase();
  return form;
}

/** The form's fields in API terms: a place with a radius becomes near + radius_km. */
function apiQuery(
  form: SearchForm,
  extra: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const withRadius = form.place && form.radius_km;
  return {
    q: form.q,
    province: form.province,
    place: withRadius ? undefined : form.place,
    near: withRadius ? form.place : undefined,
    radius_km: withRadius ? form.radius_km : undefined,
    crebo: form.crebo,
    sort: form.sort,
    ...extra,
  };
}

function toUrlQuery(q: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The province of the page the htmx request came from (decides the out-of-band place field). */
function previousProvince(c: Context<AppEnv>): string {
  return (
    new URL(c.req.header("hx-current-url") ?? "http://x/", "http://x/").searchParams.get(
      "province",
    ) ?? ""
  );
}

async function buildView(
  c: Context<AppEnv>,
  dataVersion: string,
): Promise<{ view: SearchView; status: 200 | 422; provinceChanged: boolean }> {
  const db = c.get("db");
  const form = readForm(c);
  // A place from another province than the chosen one is dropped: the user changed province.
  let placeProvince: string | undefined;
  if (form.place) {
    const place = /^\d{4}$/.test(form.place) ? await getPlace(db, form.place) : undefined;
    placeProvince = place?.province;
    if (place && form.province && place.province !== form.province) {
      form.place = undefined;
      form.radius_km = undefined;
    }
  }
  const extra = { page: c.req.query("page"), per_page: c.req.query("per_page") };
  const query = apiQuery(form, extra);
  const parsed = parseSearchParams(query);
  let result: SearchResult | null = null;
  let errors: Record<string, string> = {};
  if (parsed.ok) {
    try {
      result = await cachedSearch(db, parsed.params, c.get("today"), dataVersion);
    } catch (err) {
      if (!(err instanceof UnknownPlaceError)) throw err;
      errors = { place: "Deze plaats is niet bekend. Kies een plaats uit de lijst." };
    }
  } else {
    errors = parsed.fields;
  }
  const listProvince = form.province ?? placeProvince;
  const [provinces, places, crebos] = await Promise.all([
    listProvinces(db),
    listProvince ? listPlaces(db, { province: listProvince }) : Promise.resolve([]),
    listCrebos(db, { meiOnly: true }),
  ]);
  const view: SearchView = {
    form,
    result,
    errors,
    provinces,
    places,
    crebos,
    query: toUrlQuery(apiQuery(form, { page: undefined, per_page: extra.per_page })),
    linkWith: (changes) => {
      const next: SearchForm = { ...form, ...changes };
      if ("place" in changes && !changes.place) next.radius_km = undefined;
      return `/${toUrlQuery(apiQuery(next, { page: changes.page, per_page: extra.per_page }))}`;
    },
  };
  const previous = previousProvince(c);
  return {
    view,
    status: Object.keys(errors).length ? 422 : 200,
    provinceChanged: previous.toUpperCase() !== (form.province ?? ""),
  };
}

/** Pages are revalidated on every visit (a 304 is cheap): after a login the navigation differs. */
const PAGE_CACHE_CONTROL = "no-cache";

/** Renders the search page or its htmx partial: status, body and the headers that belong to it. */
async function renderSearch(c: Context<AppEnv>, dataVersion: string) {
  const { view, status, provinceChanged } = await buildView(c, dataVersion);
  const partial =
    c.req.header("hx-request") === "true" &&
    c.req.header("hx-history-restore-request") !== "true" &&
    c.req.header("hx-boosted") !== "true";
  if (partial) {
    // The address bar always shows the canonical search in API parameter names.
    const pushUrl = `/${toUrlQuery(apiQuery(view.form, { page: c.req.query("page"), per_page: c.req.query("per_page") }))}`;
    const html = (
      <>
        <SearchResults view={view} />
        {provinceChanged ? <PlaceField view={view} oob /> : null}
      </>
    );
    return { status, partial, body: await htmlBody(html.toString(), { "HX-Push-Url": pushUrl }) };
  }
  const html = <SearchPage view={view} auth={c.get("auth")} />;
  return { status, partial, body: await htmlBody(html.toString()) };
}

publicPages.get("/", async (c) => {
  c.header("Vary", "HX-Request", { append: true });
  const dataVersion = await requestDataVersion(c);
  if (c.get("auth")) {
    // Logged in: the page shows the account's navigation, so it is rendered for this request only.
    const { status, body } = await renderSearch(c, dataVersion);
    return sendCached(c, body, status);
  }
  const isHtmx = c.req.header("hx-request") === "true";
  if (!isHtmx) {
    const { notModified } = await publicCache(c, dataVersion, PAGE_CACHE_CONTROL);
    if (notModified) return notModified;
  }
  // Everything the answer depends on: the query, the htmx headers, the province shown before.
  const key = JSON.stringify([
    new URL(c.req.url).search,
    c.req.header("hx-request") ?? "",
    c.req.header("hx-history-restore-request") ?? "",
    c.req.header("hx-boosted") ?? "",
    isHtmx ? previousProvince(c) : "",
  ]);
  let status: 200 | 422 = 200;
  const body = await cachedAnswer(c, dataVersion, `page ${key}`, async () => {
    const rendered = await renderSearch(c, dataVersion);
    status = rendered.status;
    if (rendered.status !== 200) throw new NotKept(rendered.body, rendered.status);
    return rendered.body;
  }).catch((err) => {
    if (!(err instanceof NotKept)) throw err;
    status = err.status;
    return err.body;
  });
  return sendCached(c, body, status);
});

/** An answer that is sent but not kept (a form with errors). */
class NotKept extends Error {
  constructor(
    readonly body: CachedBody,
    readonly status: 200 | 422,
  ) {
    super("not kept");
  }
}

publicPages.get("/beoordelaars/:id", async (c) => {
  const id = c.req.param("id");
  const valid = /^[a-z0-9]{1,64}$/.test(id);
  const dataVersion = await requestDataVersion(c);
  // The plain profile of an anonymous visitor is kept; with a login or a report's answer it is
  // rendered for this request.
  const kept = valid && !c.get("auth") && new URL(c.req.url).search === "";
  if (!kept) {
    const assessor = valid ? await getPublicAssessor(c.get("db"), id, c.get("today")) : null;
    return renderPublicProfile(c, assessor, { sent: c.req.query("melding") === "verstuurd" });
  }
  const { notModified } = await publicCache(c, dataVersion, PAGE_CACHE_CONTROL);
  if (notModified) return notModified;
  const body = await cachedAnswer(c, dataVersion, `profile ${id}`, async () => {
    const assessor = await getPublicAssessor(c.get("db"), id, c.get("today"));
    if (!assessor) return PROFILE_MISSING;
    return htmlBody(await (await renderPublicProfile(c, assessor)).text());
  });
  if (body === PROFILE_MISSING) {
    c.header("ETag", undefined);
    c.header("Cache-Control", "no-store");
    return renderPublicProfile(c, null);
  }
  return sendCached(c, body);
});

/** Kept for an id that is not public, so repeated misses are cheap too. */
const PROFILE_MISSING = new CachedBody("", "text/html; charset=UTF-8");

publicPages.get("/over", (c) =>
  c.html(<AboutPage auth={c.get("auth")} expiringDays={c.get("config").expiringDays} />),
);
