// The forms on an assessor's profile. Each posts to its own URL (works without JavaScript) and,
// with htmx, swaps the whole profile region so status, bar and timeline change at once.
import type { Child } from "hono/jsx";
import { CONSENT_TEXT } from "#src/rules/consent";
import type { AssessorRecord } from "#src/queries/assessor-record";
import { REFRESHER_KINDS, refresherKindLabels } from "#src/rules/assessor-input";
import { ErrorSummary, Input, Select, Textarea, type FieldErrors } from "#views/components/form";
import { dutchDate } from "./common";

export type FormState = { values: Record<string, string>; errors: FieldErrors };
export const emptyForm: FormState = { values: {}, errors: {} };

/** The forms with a date that may not lie after today. */
type DatedFormProps = { record: AssessorRecord; today: string; state: FormState };

/** Posts to `action`; with htmx the answer replaces the whole profile region (#profiel). */
function ProfileForm(props: {
  action: string;
  class: string;
  id?: string;
  novalidate?: boolean;
  children?: Child;
}) {
  return (
    <form
      method="post"
      action={props.action}
      hx-post={props.action}
      hx-target="#profiel"
      hx-swap="outerHTML"
      class={props.class}
      id={props.id}
      novalidate={props.novalidate}
    >
      {props.children}
    </form>
  );
}

export function ExaminationForm(props: DatedFormProps) {
  const { values, errors } = props.state;
  return (
    <ProfileForm
      action={`/school/beoordelaars/${props.record.id}/examens`}
      class="log-form"
      id="examen-form"
      novalidate
    >
      <h3>Examen registreren</h3>
      <ErrorSummary
        errors={errors}
        labels={{ "exam-date": "Datum", "exam-crebo": "Crebo", "exam-notes": "Notitie" }}
      />
      <Input
        name="exam-date"
        label="Datum van het examen"
        type="date"
        value={values["exam-date"] ?? ""}
        max={props.today}
        required
        error={errors["exam-date"]}
      />
      <Select
        name="exam-crebo"
        label="Crebo"
        value={
          values["exam-crebo"] ??
          (props.record.crebos.length === 1 ? props.record.crebos[0].code : "")
        }
        options={props.record.crebos.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
        emptyLabel="Kies een crebo"
        required
        error={errors["exam-crebo"]}
      />
      <Textarea
        name="exam-notes"
        label="Notitie (optioneel)"
        rows={2}
        maxlength={1000}
        value={values["exam-notes"]}
        error={errors["exam-notes"]}
      />
      <div class="form-actions">
        <button type="submit" class="button">
          Examen opslaan
        </button>
      </div>
    </ProfileForm>
  );
}

export function RefresherForm(props: DatedFormProps) {
  const { values, errors } = props.state;
  return (
    <ProfileForm
      action={`/school/beoordelaars/${props.record.id}/bijscholingen`}
      class="log-form"
      id="bijscholing-form"
      novalidate
    >
      <h3>Bijscholing registreren</h3>
      <ErrorSummary
        errors={errors}
        labels={{
          "refresher-date": "Datum",
          "refresher-kind": "Soort",
          "refresher-description": "Omschrijving",
          "refresher-provider": "Aanbieder",
        }}
      />
      <Input
        name="refresher-date"
        label="Datum van de bijscholing"
        type="date"
        value={values["refresher-date"] ?? ""}
        max={props.today}
        required
        error={errors["refresher-date"]}
      />
      <Select
        name="refresher-kind"
        label="Soort bijscholing"
        value={values["refresher-kind"] ?? ""}
        options={REFRESHER_KINDS.map((k) => ({ value: k, label: refresherKindLabels[k] }))}
        emptyLabel="Kies het soort"
        required
        error={errors["refresher-kind"]}
      />
      <Input
        name="refresher-provider"
        label="Aanbieder (optioneel)"
        value={values["refresher-provider"]}
        maxlength={200}
        error={errors["refresher-provider"]}
      />
      <Textarea
        name="refresher-description"
        label="Omschrijving"
        hint="Verplicht bij ‘Overig’."
        rows={2}
        maxlength={1000}
        value={values["refresher-description"]}
        error={errors["refresher-description"]}
      />
      <div class="form-actions">
        <button type="submit" class="button">
          Bijscholing opslaan
        </button>
      </div>
    </ProfileForm>
  );
}

export function ConsentForm(props: { record: AssessorRecord; state: FormState }) {
  const r = props.record;
  const error = props.state.errors.consent;
  return (
    <ProfileForm
      action={`/school/beoordelaars/${r.id}/toestemming`}
      class="consent-form"
      id="toestemming-form"
    >
      <h3>Toestemming openbare vermelding</h3>
      <p>
        Nu:{" "}
        <strong>
          {r.public_consent
            ? "toestemming gegeven — naam, organisatie, crebo's, scholen en plaatsen zijn openbaar vindbaar zolang de beoordelaar gekwalificeerd is"
            : "geen toestemming — niet openbaar vindbaar"}
        </strong>
        .
      </p>
      <blockquote class="consent-text">{CONSENT_TEXT}</blockquote>
      <fieldset class={error ? "has-error" : undefined}>
        <legend>Geeft de beoordelaar toestemming?</legend>
        {error ? (
          <p class="field-error" id="consent-error">
            {error}
          </p>
        ) : null}
        <label class="checkbox">
          <input type="radio" name="consent" value="ja" checked={r.public_consent} id="consent" />{" "}
          Ja, toestemming gegeven
        </label>
        <label class="checkbox">
          <input type="radio" name="consent" value="nee" checked={!r.public_consent} /> Nee,
          toestemming ingetrokken of niet gegeven
        </label>
      </fieldset>
      <button type="submit" class="button secondary">
        Toestemming opslaan
      </button>
    </ProfileForm>
  );
}

export function DeregistrationForm(props: DatedFormProps) {
  const { values, errors } = props.state;
  return (
    <ProfileForm
      action={`/school/beoordelaars/${props.record.id}/afmelding`}
      class="deregistration-form"
      id="afmelding-form"
      novalidate
    >
      <h3>Afmelden</h3>
      <p class="small muted">
        Na de afmelding is de beoordelaar niet meer openbaar vindbaar en ziet alleen de school die
        hem of haar registreerde de gegevens nog. Die school kan de afmelding ongedaan maken.
      </p>
      <Input
        name="dereg-date"
        label="Datum van de afmelding"
        type="date"
        value={values["dereg-date"] ?? props.today}
        max={props.today}
        required
        error={errors["dereg-date"]}
      />
      <Input
        name="dereg-reason"
        label="Reden (optioneel)"
        value={values["dereg-reason"]}
        maxlength={500}
        error={errors["dereg-reason"]}
      />
      <button type="submit" class="button secondary">
        Beoordelaar afmelden
      </button>
    </ProfileForm>
  );
}

export function UndoDeregistrationForm(props: { record: AssessorRecord }) {
  return (
    <ProfileForm
      action={`/school/beoordelaars/${props.record.id}/afmelding/ongedaan`}
      class="inline-form"
    >
      <button type="submit" class="button secondary">
        Afmelding ongedaan maken
      </button>
    </ProfileForm>
  );
}

export function LinkForm(props: { record: AssessorRecord }) {
  return (
    <form
      method="post"
      action={`/school/beoordelaars/${props.record.id}/koppelen`}
      class="inline-form"
    >
      <button type="submit" class="button">
        Koppel aan mijn school
      </button>
    </form>
  );
}

export function EraseForm(props: { record: AssessorRecord; state: FormState }) {
  const error = props.state.errors.confirm;
  return (
    <form
      method="post"
      action={`/school/beoordelaars/${props.record.id}/wissen`}
      class="erase-form"
      id="wissen-form"
    >
      <h3>Persoonsgegevens wissen (AVG)</h3>
      <p class="small">
        Naam, contactgegevens, organisatie, plaatsen en notities worden definitief verwijderd. De
        registratie zelf, de data van examens en bijscholingen en de aantallen blijven bewaard. Dit
        kan niet ongedaan worden gemaakt.
      </p>
      <div class={error ? "field has-error" : "field"}>
        {error ? (
          <p class="field-error" id="confirm-error">
            {error}
          </p>
        ) : null}
        <label class="checkbox">
          <input
            type="checkbox"
            name="confirm"
            value="ja"
            id="confirm"
            aria-describedby={error ? "confirm-error" : undefined}
          />{" "}
          Ik weet zeker dat de persoonsgegevens van {props.record.name} gewist moeten worden.
        </label>
      </div>
      <button type="submit" class="button danger">
        Persoonsgegevens wissen
      </button>
    </form>
  );
}

export function deregisteredNotice(record: AssessorRecord) {
  return `Afgemeld op ${dutchDate(record.deregistered_on)}${record.deregistration?.reason ? ` (${record.deregistration.reason})` : ""}.`;
}
