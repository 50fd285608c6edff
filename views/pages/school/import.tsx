// /school/import: upload a CSV, see a preview with the result per row, and confirm. Nothing is
// stored before the confirmation; with errors only "import the valid rows" is offered.
import type { ImportRow } from "#src/queries/import";
import { CSV_COLUMNS } from "#src/rules/csv-columns";
import { ErrorSummary, Notice, type FieldErrors } from "#views/components/form";
import { schoolHead, SchoolNav } from "#views/partials/school/common";

export type ImportPreviewView = { rows: ImportRow[]; valid: number; csv: string; fileName: string };

const STATUS_TEXT: Record<ImportRow["status"], string> = {
  ok: "In orde",
  error: "Fout",
  duplicate: "Bestaat al",
  created: "Geïmporteerd",
};

function Preview(props: { preview: ImportPreviewView }) {
  const { rows, valid } = props.preview;
  const invalid = rows.length - valid;
  return (
    <section class="panel import-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Controle van {props.preview.fileName || "het bestand"}</h2>
      <p role="status">
        {rows.length} {rows.length === 1 ? "rij" : "rijen"}: <strong>{valid} in orde</strong>
        {invalid ? (
          <>
            , <strong class="error-text">{invalid} met fouten</strong>
          </>
        ) : null}
        . Er is nog niets opgeslagen.
      </p>
      <div class="table-wrap">
        <table class="table import-table">
          <thead>
            <tr>
              <th scope="col">Rij</th>
              <th scope="col">Naam</th>
              <th scope="col">E-mailadres</th>
              <th scope="col">Resultaat</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr class={r.status === "ok" ? "row-ok" : "row-error"}>
                <td>{r.row}</td>
                <td>{r.name || "—"}</td>
                <td class="break">{r.email || "—"}</td>
                <td>
                  <span class={`badge ${r.status === "ok" ? "status-qualified" : "status-lapsed"}`}>
                    {STATUS_TEXT[r.status]}
                  </span>
                  {Object.keys(r.errors).length ? (
                    <ul class="row-errors">
                      {Object.entries(r.errors).map(([column, message]) => (
                        <li>
                          <strong>{column}</strong>: {message}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {r.existing_id ? (
                    <p class="small">
                      <a href={`/school/beoordelaars/${r.existing_id}`}>
                        Bekijk en koppel de bestaande beoordelaar
                      </a>
                    </p>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {valid > 0 ? (
        <form method="post" action="/school/import/bevestigen" class="form-actions">
          {/* The checked file goes along unseen (a hidden value, not an unlabelled box). */}
          <input type="hidden" name="csv" value={props.preview.csv} />
          <input type="hidden" name="mode" value={invalid ? "valid" : "all"} />
          <button type="submit" class="button">
            {invalid
              ? `Alleen de ${valid} geldige ${valid === 1 ? "rij" : "rijen"} importeren`
              : `${valid} ${valid === 1 ? "beoordelaar" : "beoordelaars"} importeren`}
          </button>
          <a href="/school/import">Ander bestand kiezen</a>
        </form>
      ) : (
        <p>
          <a href="/school/import">Verbeter het bestand en kies het opnieuw.</a>
        </p>
      )}
    </section>
  );
}

export const importHead = schoolHead("Beoordelaars importeren");

export function ImportPage(props: {
  errors?: FieldErrors;
  preview?: ImportPreviewView;
  notice?: string;
}) {
  const errors = props.errors ?? {};
  return (
    <>
      <SchoolNav current="/school/import" />
      <h1 class="page-title">Beoordelaars importeren</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.preview ? <Preview preview={props.preview} /> : null}
      <ErrorSummary errors={errors} labels={{ file: "Bestand" }} />
      <section class="panel" aria-labelledby="upload-title">
        <h2 id="upload-title">{props.preview ? "Ander bestand kiezen" : "CSV-bestand kiezen"}</h2>
        <p>
          Gebruik een CSV-bestand met puntkomma's of komma's (UTF-8, zoals Excel het opslaat). De
          eerste rij bevat de kolomnamen. Het handigst is om eerst een{" "}
          <a href="/school/beoordelaars.csv">export</a> te maken en die als voorbeeld te gebruiken.
        </p>
        <details class="small">
          <summary>Welke kolommen?</summary>
          <p>
            Verplicht: <code>voornaam</code>, <code>achternaam</code>, <code>e-mail</code>,{" "}
            <code>plaatscodes</code> (of <code>plaatsen</code> met exacte namen),{" "}
            <code>crebos</code>, <code>scholing datum</code>, <code>scholing aanbieder</code>,{" "}
            <code>scholing onderdelen</code> (<code>exam_process, assessing, final_interview</code>)
            en <code>openbaar</code> (ja/nee). Optioneel: <code>tussenvoegsel</code>,{" "}
            <code>telefoon</code>, <code>organisatie</code>, <code>examens</code> en{" "}
            <code>bijscholingen</code> (één per regel: <code>2025-03-01 | 25332 | notitie</code> en{" "}
            <code>2025-02-01 | terugkomdag | aanbieder | omschrijving</code>),{" "}
            <code>afgemeld op</code>, <code>reden afmelding</code>.
          </p>
          <p>
            Datums mogen als <code>2025-03-15</code>, <code>15-03-2025</code> of{" "}
            <code>5-3-2025</code> (dag-maand-jaar, zoals Excel ze opslaat).
          </p>
          <p>
            Alle kolommen van de export: {CSV_COLUMNS.join("; ")}. Kolommen die hier niet genoemd
            zijn, worden bij het importeren genegeerd.
          </p>
        </details>
        <form
          method="post"
          action="/school/import"
          enctype="multipart/form-data"
          class="upload-form"
        >
          <div class={errors.file ? "field has-error" : "field"}>
            <label for="file">CSV-bestand</label>
            {errors.file ? (
              <p class="field-error" id="file-error">
                {errors.file}
              </p>
            ) : null}
            <input
              id="file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              aria-describedby={errors.file ? "file-error" : undefined}
            />
          </div>
          <button type="submit" class="button">
            Bestand controleren
          </button>
        </form>
      </section>
    </>
  );
}
