// /aanvragen: a school requests an account; the register office decides.
import {
  ErrorSummary,
  Input,
  Notice,
  Select,
  Textarea,
  type FieldErrors,
} from "#views/components/form";
import type { PageHead } from "#views/layout";

export type RequestValues = {
  school_name?: string;
  brin?: string;
  place?: string;
  place_code?: string;
  contact_name?: string;
  email?: string;
  motivation?: string;
};

export const requestLabels = {
  school_name: "Naam van de school",
  brin: "BRIN-code",
  place: "Plaats",
  place_code: "Plaats",
  contact_name: "Naam contactpersoon",
  email: "E-mailadres contactpersoon",
  motivation: "Korte toelichting",
};

export type PlaceChoice = { code: string; label: string };

export const requestHead: PageHead = {
  title: "Account aanvragen",
  current: "/aanvragen",
  styles: ["/static/account.css"],
};

export function RequestPage(props: {
  values?: RequestValues;
  errors?: FieldErrors;
  /** When the place name matches several places: the choices. */
  placeChoices?: PlaceChoice[];
}) {
  const v = props.values ?? {};
  const errors = props.errors ?? {};
  return (
    <section class="panel narrow auth-panel">
      <h1 class="page-title">Account aanvragen voor uw school</h1>
      <p class="lead">
        Mbo-scholen die praktijkbeoordelaars inzetten voor examens in de metaal, elektro en
        installatietechniek kunnen een account aanvragen. Het bureau van het register beoordeelt
        elke aanvraag.
      </p>
      <ErrorSummary errors={errors} labels={requestLabels} />
      <form method="post" action="/aanvragen" novalidate>
        <Input
          name="school_name"
          label={requestLabels.school_name}
          required
          value={v.school_name}
          error={errors.school_name}
          maxlength={200}
          autocomplete="organization"
        />
        <Input
          name="brin"
          label={`${requestLabels.brin} (niet verplicht)`}
          hint="Vier tekens, bijvoorbeeld 25LJ."
          value={v.brin}
          error={errors.brin}
          maxlength={6}
        />
        {props.placeChoices && props.placeChoices.length > 0 ? (
          <>
            <input type="hidden" name="place" value={v.place ?? ""} />
            <Select
              name="place_code"
              label={requestLabels.place}
              hint={`Er zijn meerdere plaatsen met de naam "${v.place ?? ""}". Kies de juiste.`}
              options={props.placeChoices.map((p) => ({ value: p.code, label: p.label }))}
              value={v.place_code}
              error={errors.place_code}
              required
            />
          </>
        ) : (
          <Input
            name="place"
            label={requestLabels.place}
            hint="De plaats van de (hoofd)vestiging."
            required
            value={v.place}
            error={errors.place}
            maxlength={100}
            autocomplete="address-level2"
          />
        )}
        <Input
          name="contact_name"
          label={requestLabels.contact_name}
          required
          value={v.contact_name}
          error={errors.contact_name}
          maxlength={200}
          autocomplete="name"
        />
        <Input
          name="email"
          label={requestLabels.email}
          type="email"
          hint="Hier komt de uitnodiging naartoe."
          required
          value={v.email}
          error={errors.email}
          maxlength={254}
          autocomplete="email"
          inputmode="email"
        />
        <Textarea
          name="motivation"
          label={requestLabels.motivation}
          hint="Bijvoorbeeld: voor welke opleidingen u praktijkbeoordelaars inzet."
          value={v.motivation}
          error={errors.motivation}
          maxlength={2000}
          rows={4}
        />
        <div class="form-actions">
          <button type="submit" class="button">
            Aanvraag versturen
          </button>
        </div>
      </form>
    </section>
  );
}

export const requestReceivedHead: PageHead = {
  title: "Aanvraag ontvangen",
  styles: ["/static/account.css"],
};

export function RequestReceivedPage() {
  return (
    <section class="panel narrow auth-panel">
      <h1 class="page-title">Aanvraag ontvangen</h1>
      <Notice kind="success">
        <p>Dank u wel. Het bureau van het register beoordeelt uw aanvraag.</p>
      </Notice>
      <p>
        Na goedkeuring ontvangt de contactpersoon een e-mail met een link om een wachtwoord te
        kiezen. Tot die tijd is er nog geen account.
      </p>
      <p>
        <a href="/">Naar de zoekpagina</a>
      </p>
    </section>
  );
}
