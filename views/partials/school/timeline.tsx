// The assessor's history of activity: initial training, examinations, bijscholingen, afmelding,
// newest first. A linked school can delete what it logged itself.
import type { AssessorRecord } from "#src/queries/assessor-record";
import { refresherKindLabels } from "#src/rules/assessor-input";
import { dutchDate } from "./common";

type Entry = {
  date: string;
  kind: "exam" | "refresher" | "training" | "deregistration";
  title: string;
  detail: string[];
  by?: string;
  deleteAction?: string;
  deleteLabel?: string;
};

export function Timeline(props: {
  record: AssessorRecord;
  mySchoolId: string | null;
  canWrite: boolean;
}) {
  const r = props.record;
  const base = `/school/beoordelaars/${r.id}`;
  const entries: Entry[] = [
    ...r.examinations.map((e): Entry => ({
      date: e.date,
      kind: "exam",
      title: "Examen afgenomen",
      detail: [`${e.crebo} ${e.crebo_name}`, e.notes].filter(Boolean),
      by: e.school_name,
      deleteAction:
        props.canWrite && e.school_id === props.mySchoolId
          ? `${base}/examens/${e.id}/verwijderen`
          : undefined,
      deleteLabel: `Examen van ${dutchDate(e.date)} verwijderen`,
    })),
    ...r.refresher_trainings.map((t): Entry => ({
      date: t.date,
      kind: "refresher",
      title: `Bijscholing: ${refresherKindLabels[t.kind] ?? t.kind}`,
      detail: [t.provider ? `Aanbieder: ${t.provider}` : "", t.description].filter(Boolean),
      by: t.school_name,
      deleteAction:
        props.canWrite && t.school_id === props.mySchoolId
          ? `${base}/bijscholingen/${t.id}/verwijderen`
          : undefined,
      deleteLabel: `Bijscholing van ${dutchDate(t.date)} verwijderen`,
    })),
    {
      date: r.initial_training.date,
      kind: "training",
      title: "Initiële scholing afgerond",
      detail: [
        r.initial_training.provider ? `Aanbieder: ${r.initial_training.provider}` : "",
      ].filter(Boolean),
    },
  ];
  if (r.deregistration)
    entries.push({
      date: r.deregistration.date,
      kind: "deregistration",
      title: "Afgemeld",
      detail: [r.deregistration.reason].filter(Boolean),
    });
  const order = { deregistration: 0, exam: 1, refresher: 1, training: 2 };
  entries.sort((a, b) =>
    a.date === b.date ? order[a.kind] - order[b.kind] : a.date < b.date ? 1 : -1,
  );
  return (
    <section class="timeline-section" id="tijdlijn" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Tijdlijn</h2>
      <ol class="timeline">
        {entries.map((e) => (
          <li class={`timeline-item kind-${e.kind}`}>
            <p class="timeline-date">{dutchDate(e.date)}</p>
            <div class="timeline-body">
              <p class="timeline-title">{e.title}</p>
              {e.detail.map((d) => (
                <p class="timeline-detail">{d}</p>
              ))}
              {e.by ? <p class="timeline-by muted small">Geregistreerd door {e.by}</p> : null}
              {e.deleteAction ? (
                <form
                  method="post"
                  action={e.deleteAction}
                  class="inline-form"
                  hx-post={e.deleteAction}
                  hx-target="#profiel"
                  hx-swap="outerHTML"
                  hx-confirm="Weet u zeker dat u deze registratie wilt verwijderen?"
                >
                  <button type="submit" class="link-button small" aria-label={e.deleteLabel}>
                    Verwijderen
                  </button>
                </form>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
