// /school/beoordelaars/nieuw: register an assessor after checking the criteria. An email that is
// already in the register offers to link that assessor instead of a second registration.
import { CONSENT_TEXT } from "#src/rules/consent";
import type { Crebo } from "#src/queries/reference";
import { ErrorSummary, type FieldErrors } from "#views/components/form";
import {
  FORM_LABELS,
  PersonFields,
  TrainingFields,
  type AssessorFormValues,
} from "#views/partials/school/assessor-fields";
import { schoolHead, SchoolNav } from "#views/partials/school/common";

export type DuplicateInfo = {
  id: string;
  name: string;
  schoolName: string;
  visible: boolean;
  linked: boolean;
} | null;

function Duplicate(props: { duplicate: NonNullable<DuplicateInfo> }) {
  const d = props.duplicate;
  if (!d.visible)
    return (
      <div class="notice warning" role="alert">
        <h2>Dit e-mailadres is al in gebruik</h2>
        <p>
          Er staat al een beoordelaar met dit e-mailadres in het register. Neem contact op met het
          registerbureau om dit uit te zoeken.
        </p>
      </div>
    );
  return (
    <div class="notice warning duplicate" role="alert">
      <h2>Deze beoordelaar staat al in het register</h2>
      <p>
        <a href={`/school/beoordelaars/${d.id}`}>{d.name}</a> is geregistreerd door {d.schoolName}.{" "}
        {d.linked
          ? "De beoordelaar is al aan uw school gekoppeld."
          : "Koppel de beoordelaar aan uw school in plaats van een tweede registratie te maken."}
      </p>
      {d.linked ? (
        <a class="button" href={`/school/beoordelaars/${d.id}`}>
          Naar de beoordelaar
        </a>
      ) : (
        <form method="post" action={`/school/beoordelaars/${d.id}/koppelen`} class="inline-form">
          <button type="submit" class="button">
            Koppel {d.name} aan mijn school
          </button>
        </form>
      )}
    </div>
  );
}

export const newAssessorHead = schoolHead("Beoordelaar registreren", { script: true });

export function NewAssessorPage(props: {
  values: AssessorFormValues;
  errors: FieldErrors;
  today: string;
  meiCrebos: Crebo[];
  duplicate?: DuplicateInfo;
}) {
  const { values, errors } = props;
  return (
    <>
      <SchoolNav current="/school/beoordelaars/nieuw" />
      <h1 class="page-title">Beoordelaar registreren</h1>
      <p class="lead">
        Een praktijkbeoordelaar meldt zich bij uw school. U controleert of hij of zij aan de
        criteria voldoet en registreert de beoordelaar daarna hier. Daarna houdt u bij wanneer de
        beoordelaar examineert en bijscholing volgt.
      </p>
      {props.duplicate ? <Duplicate duplicate={props.duplicate} /> : null}
      <ErrorSummary errors={errors} labels={FORM_LABELS} />
      <form
        method="post"
        action="/school/beoordelaars/nieuw"
        class="assessor-form panel"
        novalidate
      >
        <TrainingFields values={values} errors={errors} today={props.today} />
        <PersonFields values={values} errors={errors} meiCrebos={props.meiCrebos} />
        <fieldset class={errors.consent ? "consent has-error" : "consent"}>
          <legend>Toestemming voor openbare vermelding</legend>
          <blockquote class="consent-text">{CONSENT_TEXT}</blockquote>
          {errors.consent ? (
            <p class="field-error" id="consent-error">
              {errors.consent}
            </p>
          ) : null}
          <label class="checkbox">
            <input
              type="radio"
              name="consent"
              value="ja"
              id="consent"
              checked={values.consent === "ja"}
            />{" "}
            Ja, de beoordelaar geeft toestemming
          </label>
          <label class="checkbox">
            <input type="radio" name="consent" value="nee" checked={values.consent === "nee"} />{" "}
            Nee, niet openbaar vermelden (alleen zichtbaar voor ingelogde scholen)
          </label>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button">
            Beoordelaar registreren
          </button>
          <a href="/school">Annuleren</a>
        </div>
      </form>
    </>
  );
}
