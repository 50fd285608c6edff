// The public search page (/). SearchResults is also the htmx partial: one component for both.
import type { AuthContext } from "../../src/env";
import type { Crebo, Place, Province } from "../../src/queries/reference";
import type { SearchResult, PublicAssessor } from "../../src/search/search";
import { BROAD_MATCH } from "../../src/rules/search-limits";
import { Layout } from "../layout";
import { ProvinceMap } from "../components/province-map";

export type SearchForm = {
  q?: string;
  province?: string;
  place?: string;
  radius_km?: string;
  crebo?: string;
  sort?: string;
};

export type SearchView = {
  form: SearchForm;
  result: SearchResult | null;
  errors: Record<string, string>;
  provinces: Province[];
  places: Place[];
  crebos: Crebo[];
  /** Query string of the current search in API parameter names, e.g. "?q=jan&province=UT". */
  query: string;
  /** Builds a link to the same search with some parameters changed. */
  linkWith: (changes: Record<string, string | undefined>) => string;
};

const RADII = ["5", "10", "25", "50", "100"];

export const FIELD_LABELS: Record<string, string> = {
  q: "Zoeken",
  province: "Provincie",
  place: "Plaats",
  near: "Plaats",
  radius_km: "Straal",
  crebo: "Crebo",
  sort: "Sorteren",
  page: "Pagina",
  per_page: "Aantal per pagina",
};

function count(n: number, one: string, many: string) {
  return `${n.toLocaleString("nl-NL")} ${n === 1 ? one : many}`;
}

export function PlaceField(props: { view: SearchView; oob?: boolean }) {
  const { form, places, errors } = props.view;
  const error = errors.place ?? errors.near;
  return (
    <div
      id="place-field"
      class={error ? "field has-error" : "field"}
      hx-swap-oob={props.oob ? "true" : undefined}
    >
      <label for="place">Plaats</label>
      {error ? (
        <p class="field-error" id="place-error">
          {error}
        </p>
      ) : null}
      <select id="place" name="place" aria-describedby={error ? "place-error" : "place-hint"}>
        <option value="">{places.length ? "Alle plaatsen" : "Kies eerst een provincie"}</option>
        {places.map((p) => (
          <option value={p.code} selected={p.code === form.place}>
            {p.name === p.municipality ? p.name : `${p.name} (${p.municipality})`}
          </option>
        ))}
      </select>
      <p class="hint small" id="place-hint">
        De lijst toont de plaatsen in de gekozen provincie.
      </p>
    </div>
  );
}

function SearchFormFields(props: { view: SearchView }) {
  const { form, provinces, crebos, errors } = props.view;
  return (
    <form
      id="search-form"
      class="search-form"
      action="/"
      method="get"
      role="search"
      hx-get="/"
      hx-target="#results"
      hx-swap="outerHTML"
      hx-trigger="submit, change, input delay:350ms from:#q"
      hx-indicator="#search-busy"
    >
      <div class={errors.q ? "field search-box has-error" : "field search-box"}>
        <label for="q">Zoek een praktijkbeoordelaar</label>
        <p class="hint" id="q-hint">
          Op naam, organisatie, school, crebonummer of kwalificatie.
        </p>
        {errors.q ? (
          <p class="field-error" id="q-error">
            {errors.q}
          </p>
        ) : null}
        <div class="search-row">
          <input
            type="search"
            id="q"
            name="q"
            value={form.q ?? ""}
            maxlength={200}
            autocomplete="off"
            aria-describedby={errors.q ? "q-hint q-error" : "q-hint"}
            aria-controls="results"
          />
          <button type="submit" class="button">
            Zoeken
          </button>
        </div>
      </div>
      <div class="filters">
        <div class={errors.province ? "field has-error" : "field"}>
          <label for="province">Provincie</label>
          {errors.province ? <p class="field-error">{errors.province}</p> : null}
          <select id="province" name="province">
            <option value="">Alle provincies</option>
            {provinces.map((p) => (
              <option value={p.code} selected={p.code === form.province}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <PlaceField view={props.view} />
        <div class={errors.radius_km ? "field has-error" : "field"}>
          <label for="radius_km">Straal rond de plaats</label>
          {errors.radius_km ? <p class="field-error">{errors.radius_km}</p> : null}
          <select id="radius_km" name="radius_km">
            <option value="">Alleen deze plaats</option>
            {RADII.map((r) => (
              <option value={r} selected={r === form.radius_km}>
                {`binnen ${r} km`}
              </option>
            ))}
          </select>
        </div>
        <div class={errors.crebo ? "field has-error" : "field"}>
          <label for="crebo">Crebo (kwalificatie)</label>
          {errors.crebo ? <p class="field-error">{errors.crebo}</p> : null}
          <select id="crebo" name="crebo">
            <option value="">Alle crebo's</option>
            {crebos.map((c) => (
              <option value={c.code} selected={c.code === form.crebo}>
                {`${c.code} ${c.name}${c.level ? ` (niveau ${c.level})` : ""}`}
              </option>
            ))}
          </select>
        </div>
        <noscript>
          <button type="submit" class="button secondary">
            Filters toepassen
          </button>
        </noscript>
      </div>
    </form>
  );
}

function AssessorCard(props: { assessor: PublicAssessor }) {
  const a = props.assessor;
  return (
    <li class="result">
      <h3>
        <a href={`/beoordelaars/${a.id}`}>{a.name}</a>
      </h3>
      {a.organisation ? <p class="result-org">{a.organisation}</p> : null}
      <dl class="result-meta">
        <dt>Crebo's</dt>
        <dd>{a.crebos.map((c) => `${c.code} ${c.name}`).join(" · ") || "—"}</dd>
        <dt>Plaatsen</dt>
        <dd>
          {a.places.map((p) => p.name).join(", ") || "—"}
          {a.distance_km !== undefined ? (
            <span class="distance">{` · ${a.distance_km.toLocaleString("nl-NL")} km`}</span>
          ) : null}
        </dd>
        <dt>Scholen</dt>
        <dd>{a.schools.map((s) => s.name).join(", ") || "—"}</dd>
      </dl>
    </li>
  );
}

function Pagination(props: { view: SearchView; result: SearchResult }) {
  const { page, per_page, total } = props.result;
  const pages = Math.max(1, Math.ceil(total / per_page));
  if (pages <= 1) return null;
  const link = (p: number) => props.view.linkWith({ page: p > 1 ? String(p) : undefined });
  return (
    <nav class="pagination" aria-label="Paginering">
      {page > 1 ? (
        <a href={link(page - 1)} rel="prev">
          Vorige
        </a>
      ) : (
        <span class="muted">Vorige</span>
      )}
      <span>
        Pagina {page} van {pages}
      </span>
      {page < pages ? (
        <a href={link(page + 1)} rel="next">
          Volgende
        </a>
      ) : (
        <span class="muted">Volgende</span>
      )}
    </nav>
  );
}

function Facets(props: { view: SearchView; result: SearchResult }) {
  const { view, result } = props;
  return (
    <div class="facets">
      <h2 class="facet-title">Per provincie</h2>
      <ul class="facet-list">
        {result.facets.province.map((f) => (
          <li>
            <a
              href={view.linkWith({
                province: view.form.province === f.code ? undefined : f.code,
                place: undefined,
                page: undefined,
              })}
              aria-current={view.form.province === f.code ? "true" : undefined}
            >
              {f.name}
            </a>{" "}
            <span class="count">{f.count}</span>
          </li>
        ))}
      </ul>
      <h2 class="facet-title">Per crebo</h2>
      <ul class="facet-list">
        {result.facets.crebo.slice(0, 12).map((f) => (
          <li>
            <a
              href={view.linkWith({
                crebo: view.form.crebo === f.code ? undefined : f.code,
                page: undefined,
              })}
              aria-current={view.form.crebo === f.code ? "true" : undefined}
            >
              {`${f.code} ${f.name}`}
            </a>{" "}
            <span class="count">{f.count}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The results region: count, list, paging, facets and map. Also the htmx partial. */
export function SearchResults(props: { view: SearchView }) {
  const { view } = props;
  const { result, errors } = view;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div id="results" class="results-region">
      <div class="results-main">
        <div class="results-head" aria-live="polite">
          {hasErrors ? (
            <div class="error-summary" role="alert">
              <h2>Controleer uw zoekopdracht</h2>
              <ul>
                {Object.entries(errors).map(([k, v]) => (
                  <li>{`${FIELD_LABELS[k] ?? k}: ${v}`}</li>
                ))}
              </ul>
            </div>
          ) : result ? (
            <p class="result-count">
              <strong>
                {result.capped && result.total >= BROAD_MATCH
                  ? `Meer dan ${result.total.toLocaleString("nl-NL")} praktijkbeoordelaars`
                  : count(result.total, "praktijkbeoordelaar", "praktijkbeoordelaars")}
              </strong>{" "}
              gevonden
              {result.capped ? (
                <span class="muted"> · typ verder om te verfijnen en per provincie te tellen</span>
              ) : null}
              <span id="search-busy" class="busy-indicator small muted">
                {" "}
                · bijwerken…
              </span>
            </p>
          ) : null}
        </div>
        {result && result.items.length > 0 ? (
          <ol class="results">
            {result.items.map((a) => (
              <AssessorCard assessor={a} />
            ))}
          </ol>
        ) : result && !hasErrors ? (
          <div class="notice info">
            <p>
              Er zijn geen gekwalificeerde praktijkbeoordelaars gevonden die aan uw zoekopdracht
              voldoen.
            </p>
            <p>
              <a href="/">Alle filters wissen</a>
            </p>
          </div>
        ) : null}
        {result ? <Pagination view={view} result={result} /> : null}
        {result ? (
          <p class="downloads small">
            Download deze lijst:{" "}
            <a href={`/api/v1/assessors.csv${view.query}`} download>
              CSV
            </a>{" "}
            · <a href={`/api/v1/assessors${view.query}`}>JSON</a>
          </p>
        ) : null}
      </div>
      <aside class="results-side" aria-label="Verdeling van de resultaten">
        {result ? (
          <>
            <ProvinceMap
              counts={result.facets.province}
              selected={view.form.province}
              hrefFor={(code) =>
                view.linkWith({ province: code, place: undefined, page: undefined })
              }
            />
            <Facets view={view} result={result} />
          </>
        ) : null}
      </aside>
    </div>
  );
}

export function SearchPage(props: { view: SearchView; auth: AuthContext | null }) {
  return (
    <Layout title="Zoeken" auth={props.auth} current="/" styles={["/static/search.css"]}>
      <h1 class="page-title">Vind een gekwalificeerde praktijkbeoordelaar</h1>
      <p class="lead">
        Praktijkbeoordelaars beoordelen mbo-studenten in de metaal, elektro en installatietechniek.
        U vindt hier iedereen die op dit moment aan de eisen van het register voldoet en toestemming
        gaf voor vermelding.
      </p>
      <SearchFormFields view={props.view} />
      <SearchResults view={props.view} />
    </Layout>
  );
}
