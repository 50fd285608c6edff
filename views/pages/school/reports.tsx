// /school/meldingen: the "Meld een fout" reports on the school's registered assessors, open or
// handled (afgehandeld), with who handled them.
import type { ReportRow, ReportStatus } from "#src/queries/reports";
import { Notice } from "#views/components/form";
import { formatMoment } from "#views/pages/account/format";
import { schoolHead, SchoolNav } from "#views/partials/school/common";

const SOURCE_LABELS = { public: "Bezoeker openbaar profiel", assessor: "De beoordelaar zelf" };

export const reportsHead = schoolHead("Meldingen", { styles: ["/static/access.css"] });

export function ReportsPage(props: {
  status: ReportStatus;
  reports: ReportRow[];
  notice?: string;
}) {
  const open = props.status === "open";
  return (
    <>
      <SchoolNav current="/school/meldingen" />
      <h1 class="page-title">Meldingen</h1>
      <p class="lead">
        Meldingen van fouten in de gegevens van beoordelaars die uw school registreerde: van
        bezoekers van het openbare profiel en van de beoordelaars zelf.
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <nav class="tabs" aria-label="Meldingen filteren">
        <a href="/school/meldingen" aria-current={open ? "page" : undefined}>
          Open
        </a>
        <a href="/school/meldingen?status=afgehandeld" aria-current={open ? undefined : "page"}>
          Afgehandeld
        </a>
      </nav>
      {props.reports.length === 0 ? (
        <p class="panel soft">
          {open ? "Er zijn geen open meldingen." : "Er zijn nog geen afgehandelde meldingen."}
        </p>
      ) : (
        <ol class="report-list">
          {props.reports.map((r) => (
            <li class="panel report">
              <p class="report-head">
                <a href={`/school/beoordelaars/${r.assessor_id}`}>{r.assessor_name}</a>
                <span class={`badge source-${r.source}`}>{SOURCE_LABELS[r.source]}</span>
              </p>
              <p class="muted small">Ontvangen {formatMoment(r.created_at, { time: true })}</p>
              <blockquote class="report-message">{r.message || "(gewist)"}</blockquote>
              <p class="small">
                Antwoordadres:{" "}
                {r.reply_to ? (
                  <a class="break" href={`mailto:${r.reply_to}`}>
                    {r.reply_to}
                  </a>
                ) : (
                  "niet opgegeven"
                )}
              </p>
              {r.status === "open" ? (
                <form method="post" action={`/school/meldingen/${r.id}/afhandelen`}>
                  <button type="submit" class="button small">
                    Markeer als afgehandeld
                  </button>
                </form>
              ) : (
                <p class="small muted">
                  Afgehandeld {formatMoment(r.closed_at, { time: true })}
                  {r.closed_by_name ? ` door ${r.closed_by_name}` : ""}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
