// The public search page (/): the Wie-of-wat and Waar boxes, filters, and the results region
// (SearchResults, also the htmx partial: one component for both).
import type { Crebo, Province } from "#src/queries/reference";
import type { SearchResult } from "#src/search/search";
import type { Origin, PlaceCandidate } from "#src/search/near";
import type { PageHead } from "#views/layout";
import { SearchResults, SearchStatus } from "#views/partials/search/results";

export { SearchResults, SearchStatus };

export type SearchForm = {
  q?: string;
  province?: string;
  near?: string;
  radius_km?: string;
  crebo?: string;
  sort?: string;
};

export type SearchView = {
  form: SearchForm;
  result: SearchResult | null;
  /** The point of a near search (postcode, place or coordinates). */
  origin: Origin | null;
  /** The places an ambiguous Waar name stands for. */
  candidates: PlaceCandidate[];
  /** A place or postcode typed into the Wie-of-wat box, offered as a Waar search. */
  offer?: { near: string; label: string };
  errors: Record<string, string>;
  provinces: Province[];
  crebos: Crebo[];
  /** Query string of the current search in API parameter names, e.g. "?q=jan&province=UT". */
  query: string;
  /** Builds a link to the same search with some parameters changed. */
  linkWith: (changes: Record<string, string | undefined>) => string;
};

const RADII = ["5", "10", "25", "50", "100", "200"];

/** The message next to the Waar box (its own element, so a live update can replace it alone). */
export function WhereMessage(props: { view: SearchView; oob?: boolean }) {
  const error = props.view.errors.near ?? props.view.errors.radius_km;
  return (
    <p
      id="near-error"
      class={error ? "field-error" : "field-error empty"}
      hx-swap-oob={props.oob ? "true" : undefined}
    >
      {error ?? ""}
    </p>
  );
}

export function WhereField(props: { view: SearchView; oob?: boolean }) {
  const { form, errors } = props.view;
  const radius = form.radius_km ?? "25";
  return (
    <div id="where-field" class="field where" hx-swap-oob={props.oob ? "true" : undefined}>
      <div class="where-row">
        <div class={errors.near ? "where-place has-error" : "where-place"}>
          <label for="near">Waar</label>
          <p class="hint" id="near-hint">
            Plaats of postcode
          </p>
          <WhereMessage view={props.view} />
          <input
            type="text"
            id="near"
            name="near"
            value={form.near ?? ""}
            maxlength={100}
            list="near-options"
            autocomplete="off"
            data-typeahead-where=""
            aria-describedby="near-hint near-error"
            aria-invalid={errors.near ? "true" : undefined}
          />
          <datalist id="near-options"></datalist>
        </div>
        <div class={errors.radius_km ? "where-radius has-error" : "where-radius"}>
          <label for="radius_km">Straal</label>
          <select id="radius_km" name="radius_km">
            {RADII.map((r) => (
              <option value={r} selected={r === radius}>
                {`${r} km`}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
}

export function ProvinceField(props: { view: SearchView; oob?: boolean }) {
  const { form, provinces, errors } = props.view;
  return (
    <div
      id="province-field"
      class={errors.province ? "field has-error" : "field"}
      hx-swap-oob={props.oob ? "true" : undefined}
    >
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
  );
}

function CreboField(props: { view: SearchView }) {
  const { form, crebos, errors } = props.view;
  return (
    <div class={errors.crebo ? "field has-error" : "field"} id="crebo-field">
      <label for="crebo">Crebo (kwalificatie)</label>
      <p class="hint" id="crebo-hint">
        Typ een crebonummer of een deel van de naam.
      </p>
      {errors.crebo ? <p class="field-error">{errors.crebo}</p> : null}
      {/* Without JavaScript a select; search.js turns it into a typeahead over code and name. */}
      <select id="crebo" name="crebo" data-typeahead-crebo="" aria-describedby="crebo-hint">
        <option value="">Alle crebo's</option>
        {crebos.map((c) => (
          <option value={c.code} selected={c.code === form.crebo}>
            {`${c.code} ${c.name}${c.level ? ` (niveau ${c.level})` : ""}`}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The summary of the folded filters names what is chosen, so nothing hides unseen. */
function filterSummary(view: SearchView): string {
  const chosen = [
    view.provinces.find((p) => p.code === view.form.province)?.name,
    view.form.crebo ? `crebo ${view.form.crebo}` : undefined,
  ].filter(Boolean);
  return chosen.length ? `Filters: ${chosen.join(", ")}` : "Filters: provincie en crebo";
}

function SearchFormFields(props: { view: SearchView }) {
  const { form, errors } = props.view;
  const filterError = Boolean(errors.province || errors.crebo);
  return (
    <form
      id="search-form"
      class="search-form"
      action="/"
      method="get"
      role="search"
      aria-label="Zoeken in het register"
      hx-get="/"
      hx-target="#results"
      hx-swap="outerHTML"
      hx-trigger="submit, change, input delay:350ms from:#q"
      hx-indicator="#search-busy"
    >
      <div class="boxes">
        <div class={errors.q ? "field search-box has-error" : "field search-box"}>
          <label for="q">Wie of wat</label>
          <p class="hint" id="q-hint">
            Naam, organisatie, school of crebo
          </p>
          {errors.q ? (
            <p class="field-error" id="q-error">
              {errors.q}
            </p>
          ) : null}
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
        </div>
        <WhereField view={props.view} />
        <div class="search-submit">
          <button type="submit" class="button">
            Zoeken
          </button>
        </div>
      </div>
      {/* On a phone the filters fold away, so that the first result is in view; from tablet
          width search.css shows them unfolded. */}
      <details class="filters-fold" open={filterError ? true : undefined}>
        <summary id="filters-summary">{filterSummary(props.view)}</summary>
        <div class="filters">
          <ProvinceField view={props.view} />
          <CreboField view={props.view} />
          <noscript>
            <button type="submit" class="button secondary">
              Filters toepassen
            </button>
          </noscript>
        </div>
      </details>
    </form>
  );
}

export const searchHead: PageHead = {
  title: "Zoeken",
  current: "/",
  styles: ["/static/search.css"],
  scripts: ["/static/search.js"],
};

export function SearchPage(props: { view: SearchView }) {
  const { form } = props.view;
  const searched = Boolean(form.q || form.near || form.province || form.crebo);
  return (
    <>
      <h1 class="page-title">Vind een gekwalificeerde praktijkbeoordelaar</h1>
      <p class={searched ? "lead lead-searched" : "lead"}>
        Praktijkbeoordelaars beoordelen mbo-studenten in de metaal, elektro en installatietechniek.
        U vindt hier iedereen die op dit moment aan de eisen van het register voldoet en toestemming
        gaf voor vermelding.
      </p>
      <SearchFormFields view={props.view} />
      <SearchStatus view={props.view} />
      <SearchResults view={props.view} />
    </>
  );
}
