// Rekenhulp sections: a deadline in working days; extra time and late admission for a test.
import type { DeadlineForm, ExamTimesForm } from "#src/rules/rekenhulp";
import { formatDutchDate } from "#src/rules";
import { Input } from "#views/components/form";
import { CalcForm, Errors, longDate, Section } from "./common";

export function DeadlineResult(props: { form: DeadlineForm }) {
  const { errors, result } = props.form;
  if (Object.keys(errors).length) return <Errors errors={errors} />;
  if (!result)
    return (
      <p class="muted">
        Kies een datum en een aantal werkdagen; de uiterste datum verschijnt hier.
      </p>
    );
  const skipped = [
    ...result.skipped.map((h) => `${h.name} (${formatDutchDate(h.date)})`),
    ...result.extraSkipped.map((d) => `vrije dag ${formatDutchDate(d)}`),
  ];
  return (
    <div class="calc-outcome">
      <p>
        {result.days} {result.days === 1 ? "werkdag" : "werkdagen"} na {longDate(result.from)}:
      </p>
      <p>
        <strong class="big-number">{longDate(result.due)}</strong>
      </p>
      {skipped.length ? <p class="small">Overgeslagen: {skipped.join(", ")}.</p> : null}
    </div>
  );
}

export function DeadlineSection(props: { form: DeadlineForm }) {
  const { values, errors } = props.form;
  const action = "/rekenhulp/termijn";
  return (
    <Section
      id="termijn"
      title="Termijn in werkdagen"
      intro={
        <p>
          Werkdagen zijn maandag tot en met vrijdag, zonder feestdagen. U telt vanaf de dag na de
          datum. Gebruikelijke termijnen uit het examenreglement: bezwaar tegen een beoordeling
          binnen 5 werkdagen; de beslissing binnen 10 werkdagen, eventueel verlengd met 10
          werkdagen; beroep binnen 5 werkdagen.
        </p>
      }
    >
      <CalcForm method="get" action={action} section="termijn">
        <div class="grid-2">
          <Input
            name="date"
            type="date"
            label="Datum (bijvoorbeeld van de bekendmaking)"
            value={values.date}
            error={errors.date}
          />
          <Input
            name="days"
            type="number"
            label="Aantal werkdagen"
            value={values.days}
            error={errors.days}
            min="0"
            max="365"
            step="1"
            inputmode="numeric"
          />
        </div>
        <label class="checkbox" for="holidays">
          <input
            type="checkbox"
            id="holidays"
            name="holidays"
            value="1"
            checked={values.holidays === "1"}
          />
          <span>
            Nationale feestdagen overslaan (Nieuwjaarsdag, Pasen, Koningsdag, 5 mei, Hemelvaart,
            Pinksteren, Kerst)
          </span>
        </label>
        <label class="checkbox" for="goodFriday">
          <input
            type="checkbox"
            id="goodFriday"
            name="goodFriday"
            value="1"
            checked={values.goodFriday === "1"}
          />
          <span>Ook Goede Vrijdag overslaan</span>
        </label>
        <Input
          name="extraDays"
          label="Extra vrije dagen (niet verplicht)"
          hint="Bijvoorbeeld studiedagen of vakantiedagen, gescheiden door spaties of komma's: 20-07-2026 21-07-2026."
          value={values.extraDays}
          error={errors.extraDays}
          maxlength={2000}
        />
        <div class="form-actions">
          <button type="submit" class="button">
            Bereken de datum
          </button>
        </div>
      </CalcForm>
      <div id="termijn-result" class="calc-result" aria-live="polite">
        <DeadlineResult form={props.form} />
      </div>
    </Section>
  );
}

// ---------------------------------------------------------------- extra time, late admission

export function ExamTimesResult(props: { form: ExamTimesForm }) {
  const { errors, result } = props.form;
  if (Object.keys(errors).length) return <Errors errors={errors} />;
  if (!result) return <p class="muted">Vul de duur van de toets in; de tijden verschijnen hier.</p>;
  return (
    <div class="calc-outcome">
      <dl class="meta-list">
        <dt>Verlenging</dt>
        <dd>ten hoogste {result.extraTime} minuten (met een toegekende aanpassing)</dd>
        <dt>Te laat</dt>
        <dd>toegang tot {result.lateAdmission} minuten na aanvang; daarna geen toegang meer</dd>
      </dl>
    </div>
  );
}

export function ExamTimesSection(props: { form: ExamTimesForm }) {
  const { values, errors } = props.form;
  const action = "/rekenhulp/toetstijd";
  return (
    <Section
      id="toetstijd"
      title="Verlenging en te laat komen"
      intro={
        <p>
          Bij een schriftelijke toets van ten hoogste 40 minuten: verlenging ten hoogste 10 minuten
          en toegang tot 15 minuten na aanvang. Bij een langere toets: verlenging ten hoogste 30
          minuten en toegang tot 30 minuten na aanvang. Bij luister- en mondelinge toetsen mag
          niemand te laat komen.
        </p>
      }
    >
      <CalcForm method="get" action={action} section="toetstijd">
        <Input
          name="duration"
          type="number"
          label="Duur van de toets (minuten)"
          value={values.duration}
          error={errors.duration}
          min="1"
          max="600"
          step="1"
          inputmode="numeric"
        />
        <div class="form-actions">
          <button type="submit" class="button">
            Bereken
          </button>
        </div>
      </CalcForm>
      <div id="toetstijd-result" class="calc-result" aria-live="polite">
        <ExamTimesResult form={props.form} />
      </div>
    </Section>
  );
}
