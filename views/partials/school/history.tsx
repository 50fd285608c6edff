// The audit history of one assessor: who changed what, when, and from which school.
import type { HistoryEntry } from "#src/queries/assessor-history";
import { formatMoment } from "#views/pages/account/format";
import { ASSESSOR_ACTION_LABELS } from "#views/components/audit-labels";

export const ACTION_LABELS: Record<string, string> = ASSESSOR_ACTION_LABELS;

export const FIELD_LABELS: Record<string, string> = {
  first_name: "Voornaam",
  infix: "Tussenvoegsel",
  last_name: "Achternaam",
  email: "E-mailadres",
  phone: "Telefoon",
  organisation: "Organisatie",
  places: "Plaatsen",
  crebos: "Crebo's",
  initial_training: "Initiële scholing",
  "initial_training.date": "Datum initiële scholing",
  "initial_training.provider": "Aanbieder initiële scholing",
  "initial_training.components": "Onderdelen initiële scholing",
  public_consent: "Toestemming",
  deregistered_on: "Afgemeld op",
  deregistration_reason: "Reden afmelding",
  deregistration: "Afmelding",
  schools: "School",
  examination: "Examen",
  refresher_training: "Bijscholing",
  examinations: "Examens",
  refresher_trainings: "Bijscholingen",
  erased: "Gewiste velden",
};

export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (value === true) return "ja";
  if (value === false) return "nee";
  if (Array.isArray(value)) return value.map(showValue).join(", ") || "—";
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    return [o.date, o.crebo, o.kind, o.provider, o.description, o.notes]
      .filter((v) => v !== undefined && v !== "")
      .map(String)
      .join(", ");
  }
  return String(value);
}

export function ChangeList(props: { changes: Record<string, unknown> }) {
  const entries = Object.entries(props.changes).filter(
    ([k, v]) =>
      k !== "version" &&
      k !== "consent_text_version" &&
      k !== "reason" &&
      v &&
      typeof v === "object" &&
      "to" in (v as object),
  );
  if (!entries.length) return null;
  return (
    <ul class="change-list">
      {entries.map(([field, v]) => {
        const c = v as { from: unknown; to: unknown };
        return (
          <li>
            <span class="field-name">{FIELD_LABELS[field] ?? field}</span>:{" "}
            {c.from === null || c.from === undefined
              ? showValue(c.to)
              : `${showValue(c.from)} → ${showValue(c.to)}`}
          </li>
        );
      })}
    </ul>
  );
}

export function History(props: { entries: HistoryEntry[] }) {
  return (
    <section class="history" aria-labelledby="history-title">
      <h2 id="history-title">Wijzigingen</h2>
      <details>
        <summary>
          Toon de geschiedenis ({props.entries.length}{" "}
          {props.entries.length === 1 ? "wijziging" : "wijzigingen"})
        </summary>
        <ol class="history-list">
          {[...props.entries].reverse().map((e) => (
            <li>
              <p>
                <strong>{ACTION_LABELS[e.action] ?? e.action}</strong>{" "}
                <span class="muted small">{formatMoment(e.at, { time: true })}</span>
              </p>
              <p class="small muted">
                {e.actorName ?? (e.actorEmail ? e.actorEmail : "Automatisch (bewaartermijn)")}
                {e.schoolName ? `, ${e.schoolName}` : ""}
              </p>
              <ChangeList changes={e.changes} />
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
