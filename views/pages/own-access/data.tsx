// /mijn-gegevens/{token}: everything the register stores about the assessor (the AVG inzage,
// readable), the consent switch, the JSON download, linked schools and "Meld een fout".
import { CONSENT_TEXT } from "#src/rules/consent";
import type { AssessorExport } from "#src/queries/privacy";
import type { PublicSchool } from "#src/queries/school-profile";
import {
  componentLabels,
  refresherKindLabels,
  type TrainingComponent,
} from "#src/rules/assessor-input";
import { Notice } from "#views/components/form";
import { ReportForm, type ReportFormState } from "#views/components/report-form";
import { ContactLines } from "#views/components/school-contact";
import type { PageHead } from "#views/layout";
import { formatMoment } from "#views/pages/account/format";
import { dutchDate, StatusBadge } from "#views/partials/school/common";
import { ACTION_LABELS, ChangeList } from "#views/partials/school/history";

/** Actions of this feature that the shared label list may not know yet. */
const OWN_ACTION_LABELS: Record<string, string> = { "report.create": "Fout gemeld" };

export type OwnDataView = {
  base: string;
  data: AssessorExport;
  isPublic: boolean;
  linkValidUntil: string;
  registeringSchool: PublicSchool | null;
  notice?: string;
  report: ReportFormState;
};

function Section(props: { id: string; title: string; children?: unknown }) {
  return (
    <section class="panel" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children as never}
    </section>
  );
}

function ConsentPanel(props: { view: OwnDataView }) {
  const a = props.view.data.assessor;
  return (
    <section class="panel consent-panel" aria-labelledby="toestemming-titel" id="toestemming">
      <h2 id="toestemming-titel">Openbare vermelding</h2>
      {a.public_consent ? (
        <p>
          <strong>U geeft toestemming</strong> om uw naam, organisatie, crebo's, scholen en plaatsen
          openbaar te tonen.{" "}
          {props.view.isPublic ? (
            <>
              Uw profiel is nu openbaar:{" "}
              <a href={`/beoordelaars/${a.id}`}>bekijk uw openbare profiel</a>.
            </>
          ) : (
            "Uw profiel is nu niet openbaar, omdat u op dit moment niet gekwalificeerd of afgemeld bent."
          )}
        </p>
      ) : (
        <p>
          <strong>U geeft geen toestemming</strong> voor openbare vermelding. Niemand buiten de
          scholen die met u werken en het registerbureau kan uw gegevens zien.
        </p>
      )}
      <details class="consent-details">
        <summary>De tekst van de toestemming</summary>
        <p class="consent-text">{CONSENT_TEXT}</p>
      </details>
      <form method="post" action={`${props.view.base}/toestemming`}>
        <input type="hidden" name="consent" value={a.public_consent ? "nee" : "ja"} />
        <button type="submit" class={a.public_consent ? "button secondary" : "button"}>
          {a.public_consent ? "Toestemming intrekken" : "Toestemming geven"}
        </button>
      </form>
      <p class="small muted">
        {a.public_consent
          ? "Na het intrekken verdwijnt uw openbare profiel direct. Alleen u kunt de toestemming daarna opnieuw geven."
          : "U kunt uw toestemming op elk moment weer intrekken."}
      </p>
    </section>
  );
}

export const ownDataHead: PageHead = { title: "Mijn gegevens", styles: ["/static/access.css"] };

export function OwnDataPage(props: { view: OwnDataView }) {
  const v = props.view;
  const a = v.data.assessor;
  return (
    <>
      <h1 class="page-title">Mijn gegevens</h1>
      <p class="lead">
        Dit zijn alle gegevens die het Register Gekwalificeerd Praktijkbeoordelaar over u bewaart,{" "}
        {a.name}.
      </p>
      <p class="small muted">
        Deze persoonlijke link is geldig tot {formatMoment(v.linkValidUntil)}. Stuur hem niet door.
      </p>
      {v.notice ? <Notice kind="success">{v.notice}</Notice> : null}
      <ConsentPanel view={v} />
      <Section id="persoon-titel" title="Persoonsgegevens">
        <dl class="meta-list">
          <dt>Naam</dt>
          <dd>{a.name}</dd>
          <dt>E-mailadres</dt>
          <dd class="break">{a.email ?? "—"}</dd>
          <dt>Telefoon</dt>
          <dd>{a.phone || "—"}</dd>
          <dt>Organisatie</dt>
          <dd>{a.organisation || "—"}</dd>
          <dt>Plaatsen</dt>
          <dd>{a.places.map((p) => p.name).join(", ") || "—"}</dd>
          <dt>Crebo's</dt>
          <dd>
            <ul class="plain-list">
              {a.crebos.map((c) => (
                <li>
                  {c.code} {c.name}
                </li>
              ))}
            </ul>
          </dd>
          <dt>Kenmerk</dt>
          <dd>{a.id}</dd>
        </dl>
      </Section>
      <Section id="kwalificatie-titel" title="Scholing en kwalificatie">
        <dl class="meta-list">
          <dt>Initiële scholing</dt>
          <dd>
            {dutchDate(a.initial_training.date)}, {a.initial_training.provider}
            <br />
            <span class="small">
              {a.initial_training.components
                .map((c) => componentLabels[c as TrainingComponent] ?? c)
                .join(", ")}
            </span>
          </dd>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={a.status} /> geldig tot {dutchDate(a.valid_until)}
          </dd>
          <dt>Afmelding</dt>
          <dd>
            {a.deregistration
              ? `${dutchDate(a.deregistration.date)}: ${a.deregistration.reason}`
              : "Niet afgemeld"}
          </dd>
        </dl>
      </Section>
      <Section id="examens-titel" title={`Examens (${a.examinations.length})`}>
        {a.examinations.length === 0 ? (
          <p>Er zijn nog geen examens vastgelegd.</p>
        ) : (
          <ul class="record-list">
            {a.examinations.map((e) => (
              <li>
                <strong>{dutchDate(e.date)}</strong> — {e.crebo} {e.crebo_name}
                {e.notes ? ` — ${e.notes}` : ""}{" "}
                <span class="muted small">(vastgelegd door {e.school_name})</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="bijscholingen-titel" title={`Bijscholingen (${a.refresher_trainings.length})`}>
        {a.refresher_trainings.length === 0 ? (
          <p>Er zijn nog geen bijscholingen vastgelegd.</p>
        ) : (
          <ul class="record-list">
            {a.refresher_trainings.map((t) => (
              <li>
                <strong>{dutchDate(t.date)}</strong> — {refresherKindLabels[t.kind]}
                {t.provider ? `, ${t.provider}` : ""}
                {t.description ? ` — ${t.description}` : ""}{" "}
                <span class="muted small">(vastgelegd door {t.school_name})</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="scholen-titel" title="Scholen">
        <p>
          De school die u registreerde, beheert uw gegevens. Gekoppelde scholen kunnen uw gegevens
          inzien en examens en bijscholingen vastleggen.
        </p>
        <ul class="record-list">
          {a.schools.map((s) => (
            <li>
              <strong>{s.name}</strong>{" "}
              <span class="muted small">
                {s.registering ? "registreerde u" : "gekoppeld"} op {formatMoment(s.linked_at)}
              </span>
              {s.registering && v.registeringSchool ? (
                <ContactLines school={v.registeringSchool} />
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
      <Section id="toestemmingen-titel" title="Geschiedenis van uw toestemming">
        <ul class="record-list">
          {v.data.consent_events.map((e) => (
            <li>
              {formatMoment(e.at, { time: true })}:{" "}
              <strong>{e.given ? "gegeven" : "niet gegeven of ingetrokken"}</strong>{" "}
              {e.source === "assessor" ? "door uzelf" : `door ${e.school ?? "een school"}`}
              <span class="muted small"> (tekstversie {e.text_version})</span>
            </li>
          ))}
        </ul>
      </Section>
      <section class="panel" aria-labelledby="download-titel">
        <h2 id="download-titel">Download</h2>
        <p>
          Alle gegevens hierboven, met de volledige wijzigingsgeschiedenis, in één bestand (JSON).
        </p>
        <p>
          <a class="button secondary" href={`${v.base}/gegevens.json`} download>
            Download mijn gegevens
          </a>
        </p>
        <details>
          <summary>Wijzigingsgeschiedenis ({v.data.audit_log.length})</summary>
          <ol class="history-list">
            {v.data.audit_log.map((h) => (
              <li>
                <p>
                  <strong>
                    {ACTION_LABELS[h.action] ?? OWN_ACTION_LABELS[h.action] ?? h.action}
                  </strong>{" "}
                  <span class="muted small">{formatMoment(h.at, { time: true })}</span>
                  {h.school ? `, ${h.school}` : ""}
                </p>
                <ChangeList changes={h.changes} />
              </li>
            ))}
          </ol>
        </details>
      </section>
      <ReportForm
        action={`${v.base}/melding#melding`}
        state={v.report}
        intro="Klopt er iets niet? Uw melding gaat naar de school die u registreerde; die kan uw gegevens verbeteren."
        replyHint="Hierop antwoordt de school u."
      />
    </>
  );
}
