// The public profile of one assessor: only the allow-listed public fields, the schools' public
// contact, and the "Meld een fout" form.
import type { PublicSchool } from "#src/queries/school-profile";
import type { PublicAssessor } from "#src/search/search";
import { ReportForm, type ReportFormState } from "#views/components/report-form";
import { SchoolContactList } from "#views/components/school-contact";
import type { PageHead } from "#views/layout";

export const profileHead = (name: string): PageHead => ({
  title: name,
  styles: ["/static/search.css", "/static/access.css"],
});

export function ProfilePage(props: {
  assessor: PublicAssessor;
  provinceNames: Map<string, string>;
  schools?: PublicSchool[];
  report?: ReportFormState;
}) {
  const a = props.assessor;
  return (
    <>
      <p class="small">
        <a href="/">← Terug naar zoeken</a>
      </p>
      <article class="panel profile">
        <p class="eyebrow">Gekwalificeerd praktijkbeoordelaar</p>
        <h1>{a.name}</h1>
        {a.organisation ? <p class="lead">{a.organisation}</p> : null}
        <dl class="meta-list">
          <dt>Crebo's</dt>
          <dd>
            <ul class="plain-list">
              {a.crebos.map((c) => (
                <li>
                  <a href={`/?crebo=${c.code}`}>{c.code}</a> {c.name}
                </li>
              ))}
            </ul>
          </dd>
          <dt>Plaatsen</dt>
          <dd>
            <ul class="plain-list">
              {a.places.map((p) => (
                <li>
                  {p.name}{" "}
                  <span class="muted">({props.provinceNames.get(p.province) ?? p.province})</span>
                </li>
              ))}
            </ul>
          </dd>
          <dt>Scholen</dt>
          <dd>
            <ul class="plain-list">
              {a.schools.map((s) => (
                <li>
                  <a href={`/scholen/${s.id}`}>{s.name}</a>
                </li>
              ))}
            </ul>
          </dd>
        </dl>
      </article>
      <section class="panel soft" aria-labelledby="contact-titel">
        <h2 id="contact-titel">Contact</h2>
        <p>
          Wilt u deze praktijkbeoordelaar inzetten? Neem contact op met het examenbureau van een van
          de scholen. Het register toont geen persoonlijke contactgegevens.
        </p>
        <SchoolContactList schools={props.schools ?? []} fallback={a.schools} />
      </section>
      <ReportForm
        action={`/beoordelaars/${a.id}/melding#melding`}
        state={props.report ?? {}}
        intro="Klopt er iets niet op deze pagina? Laat het de school weten die deze praktijkbeoordelaar heeft geregistreerd. U krijgt van ons geen andere gegevens over de beoordelaar dan wat hier staat."
        replyHint="Alleen als u een antwoord wilt. De school ziet dit adres; het wordt nergens getoond."
      />
    </>
  );
}
