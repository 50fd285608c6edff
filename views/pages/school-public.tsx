// /scholen/{id}: a school's public page: its exam office's contact and its public assessors.
import type { PublicSchool, SchoolAssessor } from "#src/queries/school-profile";
import { ContactLines } from "#views/components/school-contact";
import type { PageHead } from "#views/layout";

const PER_PAGE = 50;

export const schoolPublicHead = (name: string): PageHead => ({
  title: name,
  styles: ["/static/search.css", "/static/access.css"],
});

export function SchoolPublicPage(props: {
  school: PublicSchool;
  assessors: { items: SchoolAssessor[]; total: number };
  page: number;
}) {
  const s = props.school;
  const pages = Math.max(1, Math.ceil(props.assessors.total / PER_PAGE));
  return (
    <>
      <p class="small">
        <a href="/">← Terug naar zoeken</a>
      </p>
      <article class="panel profile">
        <p class="eyebrow">School in het register</p>
        <h1>{s.name}</h1>
        {s.place ? <p class="lead">{s.place.name}</p> : null}
        <h2>Contact met het examenbureau</h2>
        <ContactLines school={s} />
      </article>
      <section class="panel" aria-labelledby="beoordelaars-titel">
        <h2 id="beoordelaars-titel">Praktijkbeoordelaars van deze school</h2>
        {props.assessors.total === 0 ? (
          <p>
            Er staan op dit moment geen praktijkbeoordelaars van deze school openbaar in het
            register.
          </p>
        ) : (
          <>
            <p class="muted">
              {props.assessors.total === 1
                ? "1 praktijkbeoordelaar staat openbaar in het register."
                : `${props.assessors.total.toLocaleString("nl-NL")} praktijkbeoordelaars staan openbaar in het register.`}
            </p>
            <ul class="school-assessors">
              {props.assessors.items.map((a) => (
                <li>
                  <a href={`/beoordelaars/${a.id}`}>{a.name}</a>
                  {a.organisation ? <span class="muted"> · {a.organisation}</span> : null}
                </li>
              ))}
            </ul>
            {pages > 1 ? (
              <nav class="pager" aria-label="Pagina's">
                {props.page > 1 ? (
                  <a href={`/scholen/${s.id}?page=${props.page - 1}`}>← Vorige</a>
                ) : null}
                <span>
                  Pagina {props.page} van {pages}
                </span>
                {props.page < pages ? (
                  <a href={`/scholen/${s.id}?page=${props.page + 1}`}>Volgende →</a>
                ) : null}
              </nav>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
