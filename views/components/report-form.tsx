// The "Meld een fout" form: on the public profile and on the assessor's own page.
import { ErrorSummary, Input, Notice, Textarea, type FieldErrors } from "./form";

export type ReportFormState = {
  values?: { message?: string; reply_to?: string };
  errors?: FieldErrors;
  sent?: boolean;
};

export function ReportForm(props: {
  action: string;
  state: ReportFormState;
  intro: string;
  replyHint: string;
}) {
  const errors = props.state.errors ?? {};
  const values = props.state.values ?? {};
  return (
    <section class="panel report-panel" aria-labelledby="melding-titel" id="melding">
      <h2 id="melding-titel">Meld een fout</h2>
      {props.state.sent ? (
        <Notice kind="success">
          Dank u wel. Uw melding is doorgestuurd naar de school die deze gegevens beheert.
        </Notice>
      ) : null}
      <p>{props.intro}</p>
      <form method="post" action={props.action} class="stack" novalidate>
        <ErrorSummary
          errors={errors}
          labels={{ message: "Wat klopt er niet", reply_to: "Uw e-mailadres" }}
        />
        <Textarea
          name="message"
          label="Wat klopt er niet?"
          rows={4}
          maxlength={2000}
          value={values.message}
          error={errors.message}
        />
        <Input
          name="reply_to"
          type="email"
          label="Uw e-mailadres (niet verplicht)"
          hint={props.replyHint}
          autocomplete="email"
          maxlength={254}
          value={values.reply_to}
          error={errors.reply_to}
        />
        <p>
          <button type="submit" class="button">
            Melding versturen
          </button>
        </p>
      </form>
    </section>
  );
}
