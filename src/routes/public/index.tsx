// Public pages: search (/), profile (/beoordelaars/{id}), about (/over).
import { Hono, type Context } from "hono";
import type { AppEnv } from "#src/env";
import { cachedSearch } from "#src/search/cache";
import { getPlace, listCrebos, listProvinces } from "#src/queries/reference";
import { DEFAULT_RADIUS_KM, parseSearchParams } from "#src/search/params";
import { getPublicAssessor, NearError, searchOrigin, type SearchResult } from "#src/search/search";
import { placesForName, postcodeDigits, type Origin, type PlaceCandidate } from "#src/search/near";
import { AboutPage, aboutHead } from "#views/pages/about";
import {
  ProvinceField,
  SearchPage,
  SearchResults,
  SearchStatus,
  WhereField,
  WhereMessage,
  type SearchForm,
  type SearchView,
  searchHead,
} from "#views/pages/search";
import { isHtmxRequest, varyOnHtmx } from "#src/http/htmx";
import { queryString, withQuery } from "#src/lib/links";
import {
  cachedAnswer,
  htmlBody,
  publicCache,
  querySuffix,
  requestDataVersion,
  sendCached,
} from "./cache";
import { renderPublicProfile, publicReportPages } from "./reports";

export const publicPages = new Hono<AppEnv>();

publicPages.route("/", publicReportPages);

const FORM_KEYS = ["q", "province", "near", "radius_km", "crebo", "sort"] as const;

function placeLabel(p: { name: string; municipality: string }): string {
  return p.name === p.municipality ? p.name : `${p.name} (${p.municipality})`;
}

async function readForm(c: Context<AppEnv>): Promise<{ form: SearchForm; placeUnknown: boolean }> {
  const form: SearchForm = {};
  let placeUnknown = false;
  for (const key of FORM_KEYS) {
    const v = c.req.query(key)?.trim();
    if (v) form[key] = v.slice(0, 300);
  }
  // The API's place code (alone or with radius_km) shows in the Waar box by its name.
  const placeCode = c.req.query("place")?.trim();
  if (placeCode && !form.near) {
    const place = /^\d{4}$/.test(placeCode) ? await getPlace(c.get("db"), placeCode) : undefined;
    if (place) form.near = placeLabel(place);
    else placeUnknown = true;
  }
  if (form.province) form.province = form.province.toUpperCase();
  if (!form.near) form.radius_km = undefined;
  return { form, placeUnknown };
}

/** The form's fields in API terms (the page URL uses the API's parameter names). */
function apiQuery(
  form: SearchForm,
  extra: Record<string, string | undefined>,
): Record<string, string | undefined> {
  return {
    q: form.q,
    province: form.province,
    near: form.near,
    radius_km:
      form.near && form.radius_km !== String(DEFAULT_RADIUS_KM) ? form.radius_km : undefined,
    crebo: form.crebo,
    sort: form.sort,
    ...extra,
  };
}

/** A place or postcode typed into the Wie-of-wat box, offered as a Waar search. */
async function whereOffer(c: Context<AppEnv>, form: SearchForm) {
  if (!form.q || form.near) return undefined;
  const q = form.q.trim();
  if (postcodeDigits(q)) return { near: q, label: `postcode ${postcodeDigits(q)}` };
  const places = q.length >= 2 && q.length <= 60 ? await placesForName(c.get("db"), q) : [];
  if (places.length === 0) return undefined;
  return { near: q, label: places.length === 1 ? placeLabel(places[0]) : places[0].name };
}

async function buildView(c: Context<AppEnv>): Promise<{
  view: SearchView;
  status: 200 | 422;
  dropped: { near: boolean; province: boolean };
}> {
  const db = c.get("db");
  const { form, placeUnknown } = await readForm(c);
  // A place or postcode and a province do not go together on the page (a province would hide
  // half of those in range): the one chosen last wins.
  const dropped = { near: false, province: false };
  if (form.near && form.province) {
    const previous = new URL(c.req.header("hx-current-url") ?? "http://x/", "http://x/")
      .searchParams;
    const provinceChanged = (previous.get("province") ?? "").toUpperCase() !== form.province;
    const nearChanged = (previous.get("near") ?? "") !== form.near;
    if (provinceChanged && !nearChanged) {
      form.near = undefined;
      form.radius_km = undefined;
      dropped.near = true;
    } else {
      form.province = undefined;
      dropped.province = true;
    }
  }
  const extra = { page: c.req.query("page"), per_page: c.req.query("per_page") };
  const query = apiQuery(form, extra);
  const parsed = parseSearchParams(query);
  let result: SearchResult | null = null;
  let origin: Origin | null = null;
  let candidates: PlaceCandidate[] = [];
  let errors: Record<string, string> = {};
  if (parsed.ok) {
    try {
      [result, origin] = await Promise.all([
        cachedSearch(db, parsed.params, c.get("today")),
        searchOrigin(db, parsed.params),
      ]);
    } catch (err) {
      if (!(err instanceof NearError)) throw err;
      errors = { near: err.fieldMessage };
      candidates = err.candidates;
    }
  } else {
    errors = parsed.fields;
  }
  if (placeUnknown) errors.near = "Deze plaats is niet bekend. Kies een plaats uit de lijst.";
  const [provinces, crebos, offer] = await Promise.all([
    listProvinces(db),
    listCrebos(db, { meiOnly: true }),
    whereOffer(c, form),
  ]);
  const linkWith = (changes: Record<string, string | undefined>) => {
    const next: SearchForm = { ...form, ...changes };
    if ("near" in changes && !changes.near) next.radius_km = undefined;
    if (changes.province) next.near = next.radius_km = undefined;
    if (changes.near) next.province = undefined;
    return withQuery("/", apiQuery(next, { page: changes.page, per_page: extra.per_page }));
  };
  const view: SearchView = {
    form,
    result,
    origin,
    candidates,
    offer,
    errors,
    provinces,
    crebos,
    query: queryString(apiQuery(form, { page: undefined, per_page: extra.per_page })),
    linkWith,
  };
  return { view, status: Object.keys(errors).length ? 422 : 200, dropped };
}

async function renderSearchPage(c: Context<AppEnv>): Promise<Response> {
  varyOnHtmx(c);
  const { view, status, dropped } = await buildView(c);
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
        <SearchStatus view={view} oob />
        {dropped.near ? <WhereField view={view} oob /> : <WhereMessage view={view} oob />}
        {dropped.province ? <ProvinceField view={view} oob /> : null}
      </>,
      status,
    );
  }
  c.status(status);
  return c.render(<SearchPage view={view} />, searchHead);
}

async function renderProfilePage(c: Context<AppEnv>): Promise<Response> {
  const id = c.req.param("id") ?? "";
  const assessor = /^[a-z0-9]{1,64}$/.test(id)
    ? await getPublicAssessor(c.get("db"), id, c.get("today"))
    : null;
  return renderPublicProfile(c, assessor, { sent: c.req.query("melding") === "verstuurd" });
}

/** A page answered with another status than 200: sent, not kept. */
class NotKept extends Error {}

/**
 * Anonymous GETs of the search page and of profiles are kept per (data version, today, request)
 * (ADR 0004): a repeat is sent from memory, compressed once. With a login the navigation differs,
 * so those are rendered for the request; pages are revalidated on every visit (`no-cache`, a 304
 * is cheap).
 */
async function keptPage(
  c: Context<AppEnv>,
  key: string,
  render: () => Promise<Response>,
): Promise<Response> {
  if (c.get("auth")) return render();
  const dataVersion = await requestDataVersion(c);
  if (!isHtmxRequest(c)) {
    const { notModified } = await publicCache(c, dataVersion, "no-cache");
    if (notModified) return notModified;
  }
  let sent: Response | null = null;
  const body = await cachedAnswer(c, dataVersion, key, async () => {
    const res = await render();
    if (res.status !== 200) {
      sent = res;
      throw new NotKept();
    }
    const push = res.headers.get("HX-Push-Url");
    return htmlBody(await res.text(), push ? { "HX-Push-Url": push } : {});
  }).catch((err) => {
    if (err instanceof NotKept) return null;
    throw err;
  });
  if (body) return sendCached(c, body);
  const other: Response = sent ?? (await render());
  other.headers.delete("ETag");
  return other;
}

publicPages.get("/", (c) =>
  keptPage(
    c,
    `page ${JSON.stringify([
      querySuffix(c),
      c.req.header("hx-request") ?? "",
      c.req.header("hx-history-restore-request") ?? "",
      c.req.header("hx-boosted") ?? "",
      c.req.header("hx-current-url") ?? "",
    ])}`,
    () => renderSearchPage(c),
  ),
);

publicPages.get("/beoordelaars/:id", (c) =>
  querySuffix(c) === ""
    ? keptPage(c, `profile ${c.req.param("id")}`, () => renderProfilePage(c))
    : renderProfilePage(c),
);

publicPages.get("/over", (c) =>
  c.render(<AboutPage expiringDays={c.get("config").expiringDays} />, aboutHead),
);
