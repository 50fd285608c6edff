// The results region of the search page: count, offers and suggestions, list, paging, facets
// and the map. Rendered inside the full page and alone as the htmx partial.
import type { PublicAssessor, SearchResult } from "#src/search/search";
import { BROAD_MATCH } from "#src/rules/search-limits";
import type { SearchView } from "#views/pages/search";
import { ProvinceMap, type MapDot } from "#views/components/province-map";
import { nearestPlace } from "#views/components/map-projection";

export const FIELD_LABELS: Record<string, string> = {
  q: "Wie of wat",
  province: "Provincie",
  place: "Plaats",
  near: "Waar",
  radius_km: "Straal",
  crebo: "Crebo",
  sort: "Sorteren",
  page: "Pagina",
  per_page: "Aantal per pagina",
};

function count(n: number, one: string, many: string) {
  return `${n.toLocaleString("nl-NL")} ${n === 1 ? one : many}`;
}

/** "12 km", "3,4 km": whole kilometres from 10 km on, one decimal below. */
export function formatKm(km: number): string {
  const shown = km >= 10 ? Math.round(km) : Math.round(km * 10) / 10;
  return `${shown.toLocaleString("nl-NL")} km`;
}

function AssessorCard(props: { assessor: PublicAssessor }) {
  const a = props.assessor;
  return (
    <li class="result">
      <h3>
        <a href={`/beoordelaars/${a.id}`}>{a.name}</a>
        {a.distance_km !== undefined ? (
          <span class="distance">
            <span class="visually-hidden">, afstand </span>
            {formatKm(a.distance_km)}
          </span>
        ) : null}
      </h3>
      {a.organisation ? <p class="result-org">{a.organisation}</p> : null}
      <dl class="result-meta">
        <dt>Crebo's</dt>
        <dd>{a.crebos.map((c) => `${c.code} ${c.name}`).join(" · ") || "—"}</dd>
        <dt>Plaatsen</dt>
        <dd>{a.places.map((p) => p.name).join(", ") || "—"}</dd>
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

function ErrorSummary(props: { view: SearchView }) {
  const { errors, candidates, linkWith } = props.view;
  const target = (k: string) => (k === "near" || k === "place" ? "near" : k);
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="search-errors">
      <h2>Controleer uw zoekopdracht</h2>
      <ul>
        {Object.entries(errors).map(([k, v]) => (
          <li>
            <a href={`#${target(k)}`}>{`${FIELD_LABELS[k] ?? k}: ${v}`}</a>
          </li>
        ))}
      </ul>
      {candidates.length > 0 ? (
        <>
          <p>Bedoelt u:</p>
          <ul class="candidates">
            {candidates.map((p) => (
              <li>
                <a href={linkWith({ near: `${p.name} (${p.municipality})`, page: undefined })}>
                  {`${p.name} (gemeente ${p.municipality}, ${p.province})`}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** What the count says about the search: "binnen 25 km van postcode 3811 (Amersfoort)". */
function scope(view: SearchView): string {
  if (!view.origin) return "";
  return ` binnen ${view.form.radius_km ?? "25"} km van ${view.origin.label}`;
}

function EmptyResult(props: { view: SearchView; result: SearchResult }) {
  const { view, result } = props;
  const s = result.suggestion;
  return (
    <div class="notice info">
      <p>
        {`Er zijn geen gekwalificeerde praktijkbeoordelaars gevonden${scope(view)} die aan uw zoekopdracht voldoen.`}
      </p>
      {s ? (
        <p class="suggestion">
          <a href={view.linkWith({ radius_km: String(s.radius_km), page: undefined })}>
            {`Binnen ${s.radius_km} km ${s.total === 1 ? "is er" : "zijn er"} ${s.total}`}
          </a>
          {` — zoek binnen ${s.radius_km} km.`}
        </p>
      ) : null}
      <p>
        <a href="/">Alle filters wissen</a>
      </p>
    </div>
  );
}

/** Dots for a near search: the nearest place of each result on this page. */
function dotsFor(view: SearchView, result: SearchResult): MapDot[] {
  if (!view.origin) return [];
  return result.items.flatMap((a) => {
    const place = nearestPlace(view.origin!, a.places);
    if (!place) return [];
    const km = a.distance_km !== undefined ? `, ${formatKm(a.distance_km)}` : "";
    return [
      {
        href: `/beoordelaars/${a.id}`,
        lat: place.lat,
        lon: place.lon,
        label: `${a.name}, ${place.name}${km}`,
      },
    ];
  });
}

/** What a screen reader hears after an update: the count and where, nothing else. */
export function statusText(view: SearchView): string {
  const { result, errors } = view;
  if (Object.keys(errors).length)
    return `Controleer uw zoekopdracht. ${Object.entries(errors)
      .map(([k, v]) => `${FIELD_LABELS[k] ?? k}: ${v}`)
      .join(" ")}`;
  if (!result) return "";
  const suggestion = result.suggestion
    ? ` Binnen ${result.suggestion.radius_km} km ${result.suggestion.total === 1 ? "is er" : "zijn er"} ${result.suggestion.total}.`
    : "";
  return `${totalText(result)} gevonden${scope(view)}.${suggestion}`;
}

/** A broad text search (ADR 0004) is counted up to BROAD_MATCH: "Meer dan 2.000 …". */
function totalText(result: SearchResult): string {
  return result.capped && result.total >= BROAD_MATCH
    ? `Meer dan ${result.total.toLocaleString("nl-NL")} praktijkbeoordelaars`
    : count(result.total, "praktijkbeoordelaar", "praktijkbeoordelaars");
}

/**
 * A live region that stays in the page (outside the swapped results, so that screen readers
 * announce its new text); a live update fills it out of band.
 */
export function SearchStatus(props: { view: SearchView; oob?: boolean }) {
  return props.oob ? (
    <div id="search-status" hx-swap-oob="innerHTML">
      {statusText(props.view)}
    </div>
  ) : (
    <div id="search-status" class="visually-hidden" role="status" aria-atomic="true">
      {statusText(props.view)}
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
        <div class="results-head">
          {hasErrors ? (
            <ErrorSummary view={view} />
          ) : result ? (
            <p class="result-count">
              <span id="result-count">
                <strong>{totalText(result)}</strong>
                {` gevonden${scope(view)}`}
                {view.origin && result.total > 1 ? ", dichtstbijzijnde eerst" : ""}
                {result.capped ? (
                  <span class="muted">
                    {" "}
                    · typ verder om te verfijnen en per provincie te tellen
                  </span>
                ) : null}
              </span>
              <span id="search-busy" class="busy-indicator small muted" aria-hidden="true">
                {" "}
                · bijwerken…
              </span>
            </p>
          ) : null}
          {view.offer && !hasErrors ? (
            <p class="notice info offer">
              {`Zoekt u praktijkbeoordelaars in de buurt van ${view.offer.label}? `}
              <a href={view.linkWith({ q: undefined, near: view.offer.near, page: undefined })}>
                {`Zoek binnen 25 km van ${view.offer.label}`}
              </a>
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
          <EmptyResult view={view} result={result} />
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
              hrefFor={(code) => view.linkWith({ province: code, page: undefined })}
              origin={view.origin ?? undefined}
              radiusKm={view.origin ? Number(view.form.radius_km ?? 25) : undefined}
              dots={dotsFor(view, result)}
            />
            <Facets view={view} result={result} />
          </>
        ) : null}
      </aside>
    </div>
  );
}
