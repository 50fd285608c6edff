// /school: counts per status, filters and search, and the list (own assessors by deadline, or
// every readable assessor). The list region is the htmx partial (AssessorList).
import type { StatusCounts } from "#src/queries/assessor-list";
import { statusLabels, type AssessorStatus } from "#src/rules";
import { Notice } from "#views/components/form";
import { useSignedIn } from "#views/layout";
import { AssessorList, type ListView } from "#views/partials/school/assessor-list";
import { schoolHead, SchoolNav } from "#views/partials/school/common";

export type DashboardFilter = { q: string; status: string; linked: "true" | "false" };

const ORDER: AssessorStatus[] = ["expiring", "lapsed", "qualified", "deregistered"];

export const dashboardHead = (isAdmin: boolean) =>
  schoolHead(isAdmin ? "Alle beoordelaars" : "Mijn school");

export function DashboardPage(props: {
  counts: StatusCounts;
  filter: DashboardFilter;
  list: ListView;
  notice?: string;
}) {
  const auth = useSignedIn();
  const isAdmin = auth.role === "admin";
  const f = props.filter;
  return (
    <>
      <SchoolNav current="/school" isAdmin={isAdmin} />
      <div class="page-head">
        <div>
          <h1 class="page-title">{isAdmin ? "Alle praktijkbeoordelaars" : auth.school?.name}</h1>
          <p class="lead">
            {isAdmin
              ? "Als beheerder ziet u alle beoordelaars in het register; wijzigen doen de gekoppelde scholen."
              : "Uw praktijkbeoordelaars, met de eerstvolgende uiterste datum bovenaan."}
          </p>
        </div>
        {isAdmin ? null : (
          <div class="head-actions">
            <a class="button" href="/school/beoordelaars/nieuw">
              Beoordelaar registreren
            </a>
            <a class="button secondary" href="/school/import">
              CSV importeren
            </a>
            <a class="button secondary" href="/school/beoordelaars.csv" download>
              CSV exporteren
            </a>
          </div>
        )}
      </div>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <section aria-labelledby="counts-title">
        <h2 id="counts-title" class="visually-hidden">
          Aantallen per status
        </h2>
        <ul class="cards status-cards">
          {ORDER.map((s) => (
            <li class={`card status-card card-${s}`}>
              <a href={`/school?status=${s}${isAdmin ? "" : "&linked=true"}`}>
                <span class="number">{props.counts[s].toLocaleString("nl-NL")}</span>
                <span class="label">{statusLabels[s]}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section class="panel soft filters" aria-labelledby="filter-title">
        <h2 id="filter-title" class="visually-hidden">
          Zoeken en filteren
        </h2>
        <form
          method="get"
          action="/school"
          class="filter-form"
          role="search"
          hx-get="/school"
          hx-target="#beoordelaars"
          hx-swap="outerHTML"
          hx-trigger="submit, change, input delay:300ms from:#q"
          hx-push-url="true"
        >
          <div class="field grow">
            <label for="q">Zoeken</label>
            <input
              id="q"
              name="q"
              type="search"
              value={f.q}
              placeholder="Naam, organisatie, crebo of e-mail"
              autocomplete="off"
            />
          </div>
          <div class="field">
            <label for="status">Status</label>
            <select id="status" name="status">
              <option value="">Alle statussen</option>
              {ORDER.map((s) => (
                <option value={s} selected={f.status === s}>
                  {statusLabels[s]}
                </option>
              ))}
            </select>
          </div>
          {isAdmin ? null : (
            <div class="field">
              <label for="linked">Welke beoordelaars</label>
              <select id="linked" name="linked">
                <option value="true" selected={f.linked === "true"}>
                  Van mijn school
                </option>
                <option value="false" selected={f.linked === "false"}>
                  Alle scholen (alleen inzien)
                </option>
              </select>
            </div>
          )}
          <div class="field submit">
            <button type="submit" class="button">
              Zoeken
            </button>
          </div>
        </form>
      </section>
      <AssessorList {...props.list} />
    </>
  );
}
