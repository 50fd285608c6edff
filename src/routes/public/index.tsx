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
import { isHtmxRequest, varyOnHtmx } from "#src/http/htmx";
import { queryString, withQuery } from "#src/lib/links";
import { healthRoutes } from "./health";
import { renderPublicProfile, publicReportPages } from "./reports";

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

async function buildView(
  c: Context<AppEnv>,
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
      result = await cachedSearch(db, parsed.params, c.get("today"));
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
    query: queryString(apiQuery(form, { page: undefined, per_page: extra.per_page })),
    linkWith: (changes) => {
      const next: SearchForm = { ...form, ...changes };
      if ("place" in changes && !changes.place) next.radius_km = undefined;
      return withQuery("/", apiQuery(next, { page: changes.page, per_page: extra.per_page }));
    },
  };
  const previous =
    new URL(c.req.header("hx-current-url") ?? "http://x/", "http://x/").searchParams.get(
      "province",
    ) ?? "";
  return {
    view,
    status: Object.keys(errors).length ? 422 : 200,
    provinceChanged: previous.toUpperCase() !== (form.province ?? ""),
  };
}

publicPages.get("/", async (c) => {
  varyOnHtmx(c);
  const { view, status, provinceChanged } = await buildView(c);
  const partial = isHtmxRequest(c);
  if (partial) {
    // The address bar always shows the canonical search in API parameter names.
    c.header(
      "HX-Push-Url",
      withQuery(
        "/",
        apiQuery(view.form, { page: c.req.query("page"), per_page: c.req.query("per_page") }),
      ),
    );
    return c.html(
      <>
        <SearchResults view={view} />
        {provinceChanged ? <PlaceField view={view} oob /> : null}
      </>,
      status,
    );
  }
  return c.html(<SearchPage view={view} auth={c.get("auth")} />, status);
});

publicPages.get("/beoordelaars/:id", async (c) => {
  const id = c.req.param("id");
  const assessor = /^[a-z0-9]{1,64}$/.test(id)
    ? await getPublicAssessor(c.get("db"), id, c.get("today"))
    : null;
  return renderPublicProfile(c, assessor, { sent: c.req.query("melding") === "verstuurd" });
});

publicPages.get("/over", (c) =>
  c.html(<AboutPage auth={c.get("auth")} expiringDays={c.get("config").expiringDays} />),
);
