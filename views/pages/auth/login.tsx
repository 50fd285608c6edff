// /inloggen: the login form for schools and the register office.
import { ErrorSummary, Input, Notice, type FieldErrors } from "#views/components/form";
import type { PageHead } from "#views/layout";

export type LoginPageProps = {
  email?: string;
  terug?: string | null;
  /** The one message for a failed login (the same for unknown email and wrong password). */
  error?: string;
  errors?: FieldErrors;
  notice?: string;
};

export const loginHead: PageHead = {
  title: "Inloggen",
  current: "/inloggen",
  styles: ["/static/account.css"],
};

export function LoginPage(props: LoginPageProps) {
  const errors = props.errors ?? {};
  return (
    <section class="panel narrow auth-panel">
      <h1 class="page-title">Inloggen</h1>
      <p class="lead">Voor scholen en het bureau van het register.</p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.error ? (
        <div class="error-summary" role="alert" tabindex={-1} autofocus>
          <h2>Inloggen lukte niet</h2>
          <p>{props.error}</p>
        </div>
      ) : (
        <ErrorSummary errors={errors} labels={{ email: "E-mailadres", password: "Wachtwoord" }} />
      )}
      <form method="post" action="/inloggen" novalidate>
        {props.terug ? <input type="hidden" name="terug" value={props.terug} /> : null}
        <Input
          name="email"
          label="E-mailadres"
          type="email"
          autocomplete="username"
          inputmode="email"
          required
          value={props.email}
          error={errors.email}
          maxlength={254}
        />
        <Input
          name="password"
          label="Wachtwoord"
          type="password"
          autocomplete="current-password"
          required
          error={errors.password}
          maxlength={200}
        />
        <div class="form-actions">
          <button type="submit" class="button">
            Inloggen
          </button>
          <a href="/wachtwoord-vergeten">Wachtwoord vergeten?</a>
        </div>
      </form>
      <p class="auth-aside">
        Heeft uw school nog geen account? <a href="/aanvragen">Vraag een account aan</a>.
      </p>
    </section>
  );
}

export const logoutHead: PageHead = { title: "Uitloggen", styles: ["/static/account.css"] };

/** GET /uitloggen shows a button: logging out only happens by POST (a link cannot log you out). */
export function LogoutPage() {
  return (
    <section class="panel narrow auth-panel">
      <h1 class="page-title">Uitloggen</h1>
      <p>Wilt u uitloggen?</p>
      <form method="post" action="/uitloggen">
        <div class="form-actions">
          <button type="submit" class="button">
            Uitloggen
          </button>
        </div>
      </form>
    </section>
  );
}
