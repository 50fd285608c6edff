// The school's assessor list (dashboard): a table that becomes cards on a phone. Also the htmx
// partial for live filtering: one component for page and partial.
import type { SchoolListItem } from "#src/queries/assessor-list";
import { missingParts } from "#src/rules/missing-parts";
import { daysText, dutchDate, StatusBadge } from "./common";

export type ListView = {
  items: SchoolListItem[];
  total: number;
  page: number;
  perPage: number;
  today: string;
  expiringDays: number;
  /** true: the school's own (linked) assessors; false: every readable assessor. */
  ownOnly: boolean;
  linkWith: (changes: Record<string, string | undefined>) => string;
};

function Missing(props: { item: SchoolListItem; today: string; expiringDays: number }) {
  const a = props.item;
  if (a.status === "deregistered")
    return <span class="muted">Afgemeld op {dutchDate(a.deregistered_on)}</span>;
  const parts = missingParts(
    {
      initialTrainingDate: a.initial_training_date,
      lastExaminationDate: a.last_examination_date,
      lastRefresherDate: a.last_refresher_date,
      examValidUntil: a.exam_valid_until,
      refresherValidUntil: a.refresher_valid_until,
    },
    props.today,
    props.expiringDays,
  );
  if (parts.length === 0) return <span class="muted">Niets</span>;
  return (
    <ul class="missing-list">
      {parts.map((p) => (
        <li>{p}</li>
      ))}
    </ul>
  );
}

export function AssessorList(props: ListView) {
  const { items, total, page, perPage } = props;
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <div id="beoordelaars" class="assessor-list" aria-live="polite">
      <p class="result-count">
        {total === 0
          ? "Geen beoordelaars gevonden."
          : `${total.toLocaleString("nl-NL")} ${total === 1 ? "beoordelaar" : "beoordelaars"}${pages > 1 ? ` · pagina ${page} van ${pages}` : ""}`}
      </p>
      {items.length ? (
        <div class="table-wrap responsive">
          <table class="table assessor-table">
            <caption class="visually-hidden">
              {props.ownOnly
                ? "Beoordelaars van uw school, de eerstvolgende uiterste datum eerst"
                : "Beoordelaars in het register"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Naam</th>
                <th scope="col">Status</th>
                <th scope="col">Uiterste datum</th>
                <th scope="col">Nodig vóór de uiterste datum</th>
                <th scope="col">Crebo's</th>
                {props.ownOnly ? null : <th scope="col">Scholen</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr>
                  <th scope="row" data-label="Naam">
                    <a href={`/school/beoordelaars/${a.id}`}>{a.name}</a>
                    {a.organisation ? <span class="sub muted">{a.organisation}</span> : null}
                    {!props.ownOnly && a.linked ? (
                      <span class="sub tag">Gekoppeld aan uw school</span>
                    ) : null}
                  </th>
                  <td data-label="Status">
                    <StatusBadge status={a.status} />
                  </td>
                  <td data-label="Uiterste datum">
                    {a.status === "deregistered" ? (
                      "—"
                    ) : (
                      <>
                        {dutchDate(a.valid_until)}
                        <span class="sub muted">{daysText(a.days_left)}</span>
                      </>
                    )}
                  </td>
                  <td data-label="Nodig">
                    <Missing item={a} today={props.today} expiringDays={props.expiringDays} />
                  </td>
                  <td data-label="Crebo's">{a.crebos.map((c) => c.code).join(", ")}</td>
                  {props.ownOnly ? null : (
                    <td data-label="Scholen">{a.schools.map((s) => s.name).join(", ")}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav class="pager" aria-label="Pagina's">
          {page > 1 ? (
            <a
              class="button secondary small"
              href={props.linkWith({ page: String(page - 1) })}
              rel="prev"
            >
              Vorige
            </a>
          ) : null}
          <span class="muted">
            Pagina {page} van {pages}
          </span>
          {page < pages ? (
            <a
              class="button secondary small"
              href={props.linkWith({ page: String(page + 1) })}
              rel="next"
            >
              Volgende
            </a>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
