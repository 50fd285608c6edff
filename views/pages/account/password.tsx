// Change password (school area and /beheer): the current password, then the new one twice.
import { ErrorSummary, Input, Notice, type FieldErrors } from "#views/components/form";
import { useSignedIn, type PageHead } from "#views/layout";
import { AccountNav } from "./nav";

/** In the school area under "Mijn school", for the register office under "Beheer". */
export const changePasswordHead = (inSchool: boolean): PageHead => ({
  title: "Wachtwoord wijzigen",
  current: inSchool ? "/school" : "/beheer",
  styles: ["/static/account.css"],
});

export function ChangePasswordPage(props: {
  action: string;
  errors?: FieldErrors;
  notice?: string;
}) {
  const errors = props.errors ?? {};
  const auth = useSignedIn();
  const inSchool = auth.school !== null;
  return (
    <>
      {inSchool ? (
        <AccountNav current="/school/wachtwoord" isSchoolAdmin={auth.role === "school_admin"} />
      ) : null}
      <section class="panel narrow auth-panel">
        <h1 class="page-title">Wachtwoord wijzigen</h1>
        {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
        <p>
          Na het wijzigen wordt u op alle andere apparaten uitgelogd en worden al uw API-tokens
          ingetrokken. Maak daarna zo nodig nieuwe tokens aan.
        </p>
        <ErrorSummary
          errors={errors}
          labels={{
            current_password: "Huidig wachtwoord",
            new_password: "Nieuw wachtwoord",
            new_password_confirm: "Herhaal nieuw wachtwoord",
          }}
        />
        <form method="post" action={props.action} novalidate>
          <Input
            name="current_password"
            label="Huidig wachtwoord"
            type="password"
            required
            autocomplete="current-password"
            error={errors.current_password}
            maxlength={200}
          />
          <Input
            name="new_password"
            label="Nieuw wachtwoord"
            type="password"
            required
            autocomplete="new-password"
            hint="Minstens 12 tekens."
            error={errors.new_password}
            maxlength={200}
          />
          <Input
            name="new_password_confirm"
            label="Herhaal het nieuwe wachtwoord"
            type="password"
            required
            autocomplete="new-password"
            error={errors.new_password_confirm}
            maxlength={200}
          />
          <div class="form-actions">
            <button type="submit" class="button">
              Wachtwoord wijzigen
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
