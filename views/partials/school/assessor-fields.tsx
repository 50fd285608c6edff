// The assessor's fields, shared by the registration form and the edit form: names, contact,
// organisation, places and crebos (typeahead via /static/school.js; without JavaScript a code or
// an exact name works), and the initial training with its three required parts.
import type { Crebo } from "#src/queries/reference";
import { TRAINING_COMPONENTS, componentLabels } from "#src/rules/assessor-input";
import { Input, describedBy, type FieldErrors } from "#views/components/form";

export type AssessorFormValues = {
  first_name: string;
  infix: string;
  last_name: string;
  email: string;
  phone: string;
  organisation: string;
  places: string[];
  crebos: string[];
  training_date: string;
  training_provider: string;
  components: string[];
  consent: string;
  version: string;
};

export const emptyAssessorValues: AssessorFormValues = {
  first_name: "",
  infix: "",
  last_name: "",
  email: "",
  phone: "",
  organisation: "",
  places: [],
  crebos: [],
  training_date: "",
  training_provider: "",
  components: [],
  consent: "",
  version: "",
};

export const FORM_LABELS: Record<string, string> = {
  first_name: "Voornaam",
  infix: "Tussenvoegsel",
  last_name: "Achternaam",
  email: "E-mailadres",
  phone: "Telefoon",
  organisation: "Organisatie",
  places: "Plaatsen",
  crebos: "Crebo's",
  training_date: "Datum initiële scholing",
  training_provider: "Aanbieder",
  components: "Onderdelen van de scholing",
  consent: "Toestemming",
};

function MultiInput(props: {
  name: "places" | "crebos";
  label: string;
  hint: string;
  values: string[];
  error?: string;
  list: string;
  minimum: number;
  addLabel: string;
}) {
  const count = Math.max(props.minimum, props.values.length + 1);
  const inputs = Array.from({ length: count }, (_, i) => props.values[i] ?? "");
  return (
    <fieldset class={props.error ? "multi has-error" : "multi"} id={`${props.name}-group`}>
      <legend>{props.label}</legend>
      <p class="hint" id={`${props.name}-hint`}>
        {props.hint}
      </p>
      {props.error ? (
        <p class="field-error" id={`${props.name}-error`}>
          {props.error}
        </p>
      ) : null}
      <div class="multi-inputs" data-multi={props.name}>
        {inputs.map((value, i) => (
          <div class="multi-item">
            <label for={i === 0 ? props.name : `${props.name}-${i + 1}`} class="visually-hidden">
              {`${props.label} ${i + 1}`}
            </label>
            <input
              type="text"
              id={i === 0 ? props.name : `${props.name}-${i + 1}`}
              name={props.name}
              value={value}
              list={props.list}
              autocomplete="off"
              data-typeahead={props.name}
              aria-invalid={props.error ? "true" : undefined}
              aria-describedby={describedBy(props.name, props.error, props.hint)}
            />
          </div>
        ))}
      </div>
      <button type="button" class="link-button add-input" data-add-input={props.name} hidden>
        {props.addLabel}
      </button>
    </fieldset>
  );
}

export function TrainingFields(props: {
  values: AssessorFormValues;
  errors: FieldErrors;
  today: string;
}) {
  const { values, errors } = props;
  return (
    <fieldset class="criteria">
      <legend>Criteria: initiële scholing</legend>
      <p class="hint">
        Controleer of de beoordelaar een scholing heeft gevolgd die alle drie onderdelen behandelde.
        Zonder alle drie kan de beoordelaar niet worden geregistreerd.
      </p>
      <div class={errors.components ? "field has-error" : "field"} id="components-group">
        {errors.components ? (
          <p class="field-error" id="components-error">
            {errors.components}
          </p>
        ) : null}
        {TRAINING_COMPONENTS.map((c, i) => (
          <label class="checkbox">
            <input
              type="checkbox"
              name="components"
              value={c}
              id={i === 0 ? "components" : `components-${c}`}
              checked={values.components.includes(c)}
              aria-describedby={errors.components ? "components-error" : undefined}
            />{" "}
            {componentLabels[c]}
          </label>
        ))}
      </div>
      <div class="grid-2 tight">
        <Input
          name="training_date"
          label="Datum van de scholing"
          type="date"
          max={props.today}
          value={values.training_date}
          required
          error={errors.training_date}
        />
        <Input
          name="training_provider"
          label="Aanbieder van de scholing"
          value={values.training_provider}
          maxlength={200}
          required
          error={errors.training_provider}
        />
      </div>
    </fieldset>
  );
}

export function PersonFields(props: {
  values: AssessorFormValues;
  errors: FieldErrors;
  meiCrebos: Crebo[];
}) {
  const { values, errors } = props;
  return (
    <>
      <fieldset>
        <legend>Naam</legend>
        <div class="name-grid">
          <Input
            name="first_name"
            label="Voornaam"
            value={values.first_name}
            maxlength={100}
            required
            autocomplete="off"
            error={errors.first_name}
          />
          <Input
            name="infix"
            label="Tussenvoegsel"
            value={values.infix}
            maxlength={30}
            autocomplete="off"
            error={errors.infix}
          />
          <Input
            name="last_name"
            label="Achternaam"
            value={values.last_name}
            maxlength={100}
            required
            autocomplete="off"
            error={errors.last_name}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Contact en organisatie</legend>
        <p class="hint">
          Contactgegevens zijn alleen zichtbaar voor ingelogde scholen, nooit openbaar.
        </p>
        <div class="grid-2 tight">
          <Input
            name="email"
            label="E-mailadres"
            type="email"
            value={values.email}
            maxlength={254}
            required
            autocomplete="off"
            error={errors.email}
          />
          <Input
            name="phone"
            label="Telefoon (optioneel)"
            type="tel"
            value={values.phone}
            maxlength={30}
            autocomplete="off"
            error={errors.phone}
          />
        </div>
        <Input
          name="organisation"
          label="Organisatie (bedrijf waar de beoordelaar werkt)"
          value={values.organisation}
          maxlength={200}
          error={errors.organisation}
        />
      </fieldset>
      <MultiInput
        name="places"
        label="Plaatsen"
        hint="Woonplaatsen waar de beoordelaar actief is. Typ een plaatsnaam en kies uit de lijst, of vul de plaatscode in (4 cijfers)."
        values={values.places}
        error={errors.places}
        list="place-options"
        minimum={2}
        addLabel="Nog een plaats toevoegen"
      />
      <datalist id="place-options"></datalist>
      <MultiInput
        name="crebos"
        label="Crebo's"
        hint="Kwalificaties waarvoor de beoordelaar examens afneemt. Typ een crebonummer (5 cijfers) of een naam en kies uit de lijst."
        values={values.crebos}
        error={errors.crebos}
        list="crebo-options"
        minimum={2}
        addLabel="Nog een crebo toevoegen"
      />
      <datalist id="crebo-options">
        {props.meiCrebos.map((c) => (
          <option value={`${c.code} ${c.name}`}></option>
        ))}
      </datalist>
    </>
  );
}
