// /school/beoordelaars/{id}/bewerken: edit the details with optimistic locking. A stale form
// shows what someone else changed meanwhile, keeps the user's input, and saves nothing.
import type { FieldChanges } from "#src/queries/assessor-history";
import type { Crebo } from "#src/queries/reference";
import { ErrorSummary, type FieldErrors } from "#views/components/form";
import {
  FORM_LABELS,
  PersonFields,
  TrainingFields,
  type AssessorFormValues,
} from "#views/partials/school/assessor-fields";
import { schoolHead, SchoolNav } from "#views/partials/school/common";
import { FIELD_LABELS, showValue } from "#views/partials/school/history";

export const editAssessorHead = (name: string) => schoolHead(`${name} bewerken`, { script: true });

export function EditAssessorPage(props: {
  id: string;
  name: string;
  values: AssessorFormValues;
  errors: FieldErrors;
  today: string;
  meiCrebos: Crebo[];
  conflict?: FieldChanges;
}) {
  const { values, errors } = props;
  return (
    <>
      <SchoolNav current="" />
      <p class="small back">
        <a href={`/school/beoordelaars/${props.id}`}>← Terug naar {props.name}</a>
      </p>
      <h1 class="page-title">Gegevens bewerken</h1>
      {props.conflict ? (
        <div class="notice warning conflict" role="alert">
          <h2>Iemand anders heeft deze gegevens intussen gewijzigd</h2>
          <p>Uw wijziging is niet opgeslagen. Dit is er veranderd sinds u het formulier opende:</p>
          <table class="table small">
            <thead>
              <tr>
                <th scope="col">Veld</th>
                <th scope="col">Was</th>
                <th scope="col">Is nu</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(props.conflict).map(([field, c]) => (
                <tr>
                  <th scope="row">{FIELD_LABELS[field] ?? field}</th>
                  <td>{showValue(c.from)}</td>
                  <td>{showValue(c.to)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Uw invoer staat hieronder nog in het formulier. Controleer die en sla opnieuw op om de
            huidige gegevens te overschrijven.
          </p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={FORM_LABELS} />
      <form
        method="post"
        action={`/school/beoordelaars/${props.id}/bewerken`}
        class="assessor-form panel"
        novalidate
      >
        <input type="hidden" name="version" value={values.version} />
        <PersonFields values={values} errors={errors} meiCrebos={props.meiCrebos} />
        <TrainingFields values={values} errors={errors} today={props.today} />
        <div class="form-actions">
          <button type="submit" class="button">
            Wijzigingen opslaan
          </button>
          <a href={`/school/beoordelaars/${props.id}`}>Annuleren</a>
        </div>
      </form>
    </>
  );
}
