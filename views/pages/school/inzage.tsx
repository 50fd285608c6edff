// /school/beoordelaars/{id}/inzage: everything stored about one assessor (AVG inzage), readable,
// with the same data as JSON for download.
import type { AssessorExport } from "#src/queries/privacy";
import {
  componentLabels,
  refresherKindLabels,
  type TrainingComponent,
} from "#src/rules/assessor-input";
import { useSignedIn } from "#views/layout";
import { formatMoment } from "#views/pages/account/format";
import { schoolHead, SchoolNav, StatusBadge, dutchDate } from "#views/partials/school/common";
import { ACTION_LABELS, ChangeList } from "#views/partials/school/history";

export const inzageHead = (name: string) => schoolHead(`Inzage ${name}`);

export function InzagePage(props: { data: AssessorExport }) {
  const a = props.data.assessor;
  const isAdmin = useSignedIn().role === "admin";
  return (
    <>
      <SchoolNav current="" isAdmin={isAdmin} />
      <p class="small back">
        <a href={`/school/beoordelaars/${a.id}`}>← Terug naar {a.name}</a>
      </p>
      <h1 class="page-title">Inzage: alle gegevens van {a.name}</h1>
      <p class="lead">
        Dit zijn alle gegevens die het register over deze praktijkbeoordelaar bewaart (AVG-inzage),
        opgesteld op {formatMoment(props.data.exported_at, { time: true })}.
      </p>
      <p>
        <a class="button secondary" href={`/api/v1/school/assessors/${a.id}/export?download=1`}>
          Download als JSON
        </a>
      </p>
      <section class="panel">
        <h2>Persoonsgegevens en registratie</h2>
        <dl class="meta-list">
          <dt>Kenmerk</dt>
          <dd>{a.id}</dd>
          <dt>Naam</dt>
          <dd>{a.name}</dd>
          <dt>E-mailadres</dt>
          <dd>{a.email ?? "—"}</dd>
          <dt>Telefoon</dt>
          <dd>{a.phone || "—"}</dd>
          <dt>Organisatie</dt>
          <dd>{a.organisation || "—"}</dd>
          <dt>Plaatsen</dt>
          <dd>{a.places.map((p) => `${p.name} (${p.code}, ${p.province})`).join(", ") || "—"}</dd>
          <dt>Crebo's</dt>
          <dd>{a.crebos.map((c) => `${c.code} ${c.name}`).join("; ") || "—"}</dd>
          <dt>Initiële scholing</dt>
          <dd>
            {dutchDate(a.initial_training.date)}, {a.initial_training.provider} —{" "}
            {a.initial_training.components
              .map((c) => componentLabels[c as TrainingComponent] ?? c)
              .join(", ")}
          </dd>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={a.status} /> geldig tot {dutchDate(a.valid_until)}
          </dd>
          <dt>Openbare vermelding</dt>
          <dd>{a.public_consent ? "ja" : "nee"}</dd>
          <dt>Afgemeld</dt>
          <dd>
            {a.deregistration
              ? `${dutchDate(a.deregistration.date)} ${a.deregistration.reason}`
              : "nee"}
          </dd>
          <dt>Scholen</dt>
          <dd>
            {a.schools
              .map((s) => `${s.name}${s.registering ? " (registrerende school)" : ""}`)
              .join(", ")}
          </dd>
          <dt>Aangemaakt</dt>
          <dd>{formatMoment(a.created_at, { time: true })}</dd>
          <dt>Gewist</dt>
          <dd>{a.erased_at ? formatMoment(a.erased_at) : "nee"}</dd>
        </dl>
      </section>
      <section class="panel">
        <h2>Examens ({a.examinations.length})</h2>
        <ul class="plain">
          {a.examinations.map((e) => (
            <li>
              {dutchDate(e.date)} — {e.crebo} {e.crebo_name}
              {e.notes ? ` — ${e.notes}` : ""} <span class="muted small">({e.school_name})</span>
            </li>
          ))}
        </ul>
      </section>
      <section class="panel">
        <h2>Bijscholingen ({a.refresher_trainings.length})</h2>
        <ul class="plain">
          {a.refresher_trainings.map((t) => (
            <li>
              {dutchDate(t.date)} — {refresherKindLabels[t.kind]}
              {t.provider ? `, ${t.provider}` : ""}
              {t.description ? ` — ${t.description}` : ""}{" "}
              <span class="muted small">({t.school_name})</span>
            </li>
          ))}
        </ul>
      </section>
      <section class="panel">
        <h2>Toestemmingen</h2>
        <ul class="plain">
          {props.data.consent_events.map((e) => (
            <li>
              {formatMoment(e.at, { time: true })}:{" "}
              {e.given ? "gegeven" : "ingetrokken / niet gegeven"} (tekstversie {e.text_version})
              {e.school ? `, ${e.school}` : ""}
              {e.user ? `, ${e.user}` : ""}
            </li>
          ))}
        </ul>
      </section>
      <section class="panel">
        <h2>Wijzigingen</h2>
        <ol class="history-list">
          {props.data.audit_log.map((h) => (
            <li>
              <p>
                <strong>{ACTION_LABELS[h.action] ?? h.action}</strong>{" "}
                <span class="muted small">{formatMoment(h.at, { time: true })}</span>
                {h.school ? `, ${h.school}` : ""}
                {h.user ? `, ${h.user}` : ""}
              </p>
              <ChangeList changes={h.changes} />
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
