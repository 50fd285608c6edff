// The search results: the count, active filters, assessor cards, facets and pagination.
import type { PublicAssessor, SearchResult } from "#src/search/search";
import { ProvinceMap } from "../../components/province-map";
import type { SearchView } from "./types";

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
              <strong>{count(result.total, "praktijkbeoordelaar", "praktijkbeoordelaars")}</strong>{" "}
              gevonden
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
