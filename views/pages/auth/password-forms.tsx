// The pages of one-time links: accepting an invite, forgetting and resetting a password.
import { ErrorSummary, Input, Notice, type FieldErrors } from "#views/components/form";
import type { PageHead } from "#views/layout";

const PASSWORD_HINT =
  "Minstens 12 tekens. Een zin van een paar woorden is sterk en goed te onthouden.";

/** The new password and its repetition (fields `password` and `password_confirm`). */
function NewPasswordFields(props: { label: string; errors: FieldErrors }) {
  return (
    <>
      <Input
        name="password"
        label={props.label}
        type="password"
        required
        autocomplete="new-password"
        hint={PASSWORD_HINT}
        error={props.errors.password}
        maxlength={200}
      />
      <Input
        name="password_confirm"
        label="Herhaal het wachtwoord"
        type="password"
        required
        autocomplete="new-password"
        error={props.errors.password_confirm}
        maxlength={200}
      />
    </>
  );
}

export const inviteHead = (kind: "invite" | "admin_setup"): PageHead => ({
  title: kind === "admin_setup" ? "Beheerder instellen" : "Uitnodiging",
  styles: ["/static/account.css"],
});

export function InvitePage(props: {
  token: string;
  kind: "invite" | "admin_setup";
  email: string | null;
  schoolName: string | null;
  values?: { name?: string; email?: string };
  errors?: FieldErrors;
}) {
  const errors = props.errors ?? {};
  const setup = props.kind === "admin_setup";
  return (
    <section class="panel narrow auth-panel">
      <h1 class="page-title">{setup ? "Eerste beheerder instellen" : "Welkom bij het register"}</h1>
      {setup ? (
        <p class="lead">
          Met deze eenmalige link maakt u het eerste beheerdersaccount van het register aan.
        </p>
      ) : (
        <p class="lead">
          U bent uitgenodigd{props.schoolName ? ` voor ${props.schoolName}` : ""}. Kies uw naam en
          wachtwoord; daarna bent u ingelogd.
        </p>
      )}
      <ErrorSummary
        errors={errors}
        labels={{
          name: "Naam",
          email: "E-mailadres",
          password: "Wachtwoord",
          password_confirm: "Herhaal wachtwoord",
        }}
      />
      <form method="post" action={`/uitnodiging/${props.token}`} novalidate>
        {setup ? (
          <Input
            name="email"
            label="E-mailadres"
            type="email"
            required
            autocomplete="username"
            inputmode="email"
            value={props.values?.email}
            error={errors.email}
            maxlength={254}
          />
        ) : (
          <dl class="meta-list">
            <dt>E-mailadres</dt>
            <dd>{props.email}</dd>
          </dl>
        )}
        <Input
          name="name"
          label="Uw naam"
          required
          autocomplete="name"
          value={props.values?.name}
          error={errors.name}
          maxlength={200}
        />
        <NewPasswordFields label="Kies een wachtwoord" errors={errors} />
        <div class="form-actions">
          <button type="submit" class="button">
            Account activeren
          </button>
        </div>
      </form>
    </section>
  );
}

export const forgotPasswordHead: PageHead = {
  title: "Wachtwoord vergeten",
  styles: ["/static/account.css"],
};

export function ForgotPasswordPage(props: {
  email?: string;
  errors?: FieldErrors;
  sent?: boolean;
}) {
  const errors = props.errors ?? {};
  return (
    <section class="panel narrow auth-panel">
      <h1 class="page-title">Wachtwoord vergeten</h1>
      {props.sent ? (
        <Notice kind="success">
          <p>
            Als er een account bestaat met dit e-mailadres, ontvangt u binnen enkele minuten een
            e-mail met een link om een nieuw wachtwoord te kiezen. De link is 1 uur geldig.
          </p>
        </Notice>
      ) : (
        <p class="lead">
          Vul het e-mailadres van uw account in. U ontvangt dan een link om een nieuw wachtwoord te
          kiezen.
        </p>
      )}
      <ErrorSummary errors={errors} labels={{ email: "E-mailadres" }} />
      <form method="post" action="/wachtwoord-vergeten" novalidate>
        <Input
          name="email"
          label="E-mailadres"
          type="email"
          required
          autocomplete="username"
          inputmode="email"
          value={props.email}
          error={errors.email}
          maxlength={254}
        />
        <div class="form-actions">
          <button type="submit" class="button">
            Stuur mij een link
          </button>
          <a href="/inloggen">Terug naar inloggen</a>
        </div>
      </form>
    </section>
  );
}

export const resetPasswordHead: PageHead = {
  title: "Nieuw wachtwoord",
  styles: ["/static/account.css"],
};

export function ResetPasswordPage(props: { token: string; errors?: FieldErrors }) {
  const errors = props.errors ?? {};
  return (
    <section class="panel narrow auth-panel">
      <h1 class="page-title">Nieuw wachtwoord kiezen</h1>
      <p>
        Met een nieuw wachtwoord wordt u op alle apparaten uitgelogd en worden al uw API-tokens
        ingetrokken. Maak daarna zo nodig nieuwe tokens aan.
      </p>
      <ErrorSummary
        errors={errors}
        labels={{ password: "Nieuw wachtwoord", password_confirm: "Herhaal wachtwoord" }}
      />
      <form method="post" action={`/wachtwoord-vergeten/${props.token}`} novalidate>
        <NewPasswordFields label="Nieuw wachtwoord" errors={errors} />
        <div class="form-actions">
          <button type="submit" class="button">
            Wachtwoord opslaan
          </button>
        </div>
      </form>
    </section>
  );
}

export const linkProblemHead: PageHead = {
  title: "Link niet geldig",
  styles: ["/static/account.css"],
};

/** A one-time link that is unknown (404), used or expired (410). */
export function LinkProblemPage(props: { message: string }) {
  return (
    <section class="panel narrow auth-panel">
      <h1 class="page-title">Deze link werkt niet</h1>
      <p>{props.message}</p>
      <p>
        <a href="/wachtwoord-vergeten">Nieuwe wachtwoordlink aanvragen</a> ·{" "}
        <a href="/inloggen">Inloggen</a>
      </p>
    </section>
  );
}
