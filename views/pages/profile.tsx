// The public profile of one assessor: only the allow-listed public fields.
import type { AuthContext } from "../../src/env";
import type { PublicAssessor } from "../../src/search/search";
import { Layout } from "../layout";

export function ProfilePage(props: {
  assessor: PublicAssessor;
  auth: AuthContext | null;
  provinceNames: Map<string, string>;
}) {
  const a = props.assessor;
  return (
    <Layout title={a.name} auth={props.auth} styles={["/static/search.css"]}>
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
                <li>{s.name}</li>
              ))}
            </ul>
          </dd>
        </dl>
        <p class="small muted">
          Wilt u deze praktijkbeoordelaar inzetten? Neem contact op via een van de genoemde scholen.
          Het register toont geen contactgegevens.
        </p>
      </article>
    </Layout>
  );
}
