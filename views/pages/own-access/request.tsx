// /mijn-gegevens without a token: ask for a personal link by e-mail (same answer whether or not the
// address is known), and the page for an expired or replaced link.
import { ErrorSummary, Input, Notice, type FieldErrors } from "#views/components/form";
import type { PageHead } from "#views/layout";

export function RequestLinkForm(props: { email?: string; errors?: FieldErrors }) {
  const errors = props.errors ?? {};
  return (
    <form method="post" action="/mijn-gegevens" class="stack" novalidate>
      <ErrorSummary errors={errors} labels={{ email: "E-mailadres" }} />
      <Input
        name="email"
        type="email"
        label="Uw e-mailadres"
        hint="Het adres waarop u berichten van het register ontvangt."
        autocomplete="email"
        required
        maxlength={254}
        value={props.email}
        error={errors.email}
      />
      <p>
        <button type="submit" class="button">
          Stuur mij een link
        </button>
      </p>
    </form>
  );
}

export const requestLinkHead: PageHead = { title: "Mijn gegevens", styles: ["/static/access.css"] };

export function RequestLinkPage(props: {
  email?: string;
  errors?: FieldErrors;
  sent?: boolean;
  limited?: string;
}) {
  return (
    <div class="narrow">
      <h1 class="page-title">Mijn gegevens</h1>
      <p class="lead">
        Staat u als praktijkbeoordelaar in het register? Dan kunt u al uw gegevens inzien,
        downloaden, uw toestemming voor openbare vermelding geven of intrekken en een fout melden.
      </p>
      {props.sent ? (
        <Notice kind="success">
          Als dit adres bij ons bekend is, ontvangt u een link. Kijk ook in uw map met ongewenste
          e-mail. De link is 30 dagen geldig.
        </Notice>
      ) : null}
      {props.limited ? <Notice kind="warning">{props.limited}</Notice> : null}
      <section class="panel">
        <h2>Vraag een persoonlijke link aan</h2>
        <p>
          Wij sturen een link naar het e-mailadres waarmee een school u heeft geregistreerd. U hoeft
          geen account aan te maken.
        </p>
        <RequestLinkForm email={props.email} errors={props.errors} />
      </section>
    </div>
  );
}

export const linkExpiredHead: PageHead = {
  title: "Link niet meer geldig",
  styles: ["/static/access.css"],
};

export function LinkExpiredPage(props: { replaced: boolean }) {
  return (
    <div class="narrow">
      <h1 class="page-title">Deze link werkt niet meer</h1>
      <p class="lead">
        {props.replaced
          ? "Deze link is vervangen, bijvoorbeeld omdat uw e-mailadres is gewijzigd."
          : "Een persoonlijke link is 30 dagen geldig; deze is verlopen."}{" "}
        Vraag hieronder een nieuwe link aan. Wij sturen die naar het e-mailadres dat bij het
        register bekend is.
      </p>
      <section class="panel">
        <h2>Nieuwe link aanvragen</h2>
        <RequestLinkForm />
      </section>
    </div>
  );
}
