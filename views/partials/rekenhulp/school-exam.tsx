// Rekenhulp section: the school-exam grade from PTA parts (and the final grade with a CE grade).
import { dutchNumber, PART_ROWS, type SchoolExamForm } from "#src/rules/rekenhulp";
import { Input } from "#views/components/form";
import { AddRowButton, CalcForm, CellInput, Errors, Section } from "./common";

export function SchoolExamResult(props: { form: SchoolExamForm }) {
  const { errors, result } = props.form;
  if (Object.keys(errors).length) return <Errors errors={errors} />;
  if (!result)
    return <p class="muted">Vul de cijfers en wegingen in; de uitkomst verschijnt hier.</p>;
  return (
    <div class="calc-outcome">
      <dl class="meta-list">
        <dt>Gewogen gemiddelde</dt>
        <dd>
          {result.formula} = {result.average}
          {result.averageCut ? "…" : ""}
        </dd>
        <dt>Cijfer schoolexamen</dt>
        <dd>
          <strong class="big-number">{dutchNumber(result.schoolExam)}</strong>{" "}
          <span class="muted">(afgerond op één decimaal)</span>
        </dd>
        <dt>Eindcijfer</dt>
        <dd>
          <strong class="big-number">{result.finalGrade}</strong>{" "}
          <span class="muted">
            {result.centralExam === undefined
              ? "(vak met alleen een schoolexamen: het schoolexamencijfer afgerond op een heel cijfer)"
              : `(gemiddelde van ${dutchNumber(result.schoolExam)} en ${dutchNumber(result.centralExam)}, afgerond op een heel cijfer)`}
          </span>
        </dd>
      </dl>
    </div>
  );
}

export function SchoolExamSection(props: { form: SchoolExamForm }) {
  const { values, errors, rows } = props.form;
  const action = "/rekenhulp/schoolexamen";
  return (
    <Section
      id="schoolexamen"
      title="Cijfer voor het schoolexamen"
      intro={
        <p>
          Vul per onderdeel uit het PTA de weging en het cijfer in. Het schoolexamencijfer is het
          gewogen gemiddelde, afgerond op één decimaal: 6,45 wordt 6,5 en 6,44 wordt 6,4. Voorbeeld:
          bij de formule (1P1 + 1P2 + 2P3)/4 heeft P3 weging 2. Lege regels tellen niet mee. Vult u
          ook het cijfer voor het centraal examen in, dan ziet u het eindcijfer.
        </p>
      }
    >
      <CalcForm method="post" action={action} section="schoolexamen">
        <input type="hidden" name="rows" value={String(rows)} />
        <fieldset class="rows parts">
          <legend>Onderdelen</legend>
          {Array.from({ length: rows }, (_, index) => {
            const i = index + 1;
            const rowLabel = `onderdeel ${i}`;
            return (
              <div class="row">
                <CellInput
                  name={`part-${i}-name`}
                  label="Naam"
                  rowLabel={rowLabel}
                  value={values[`part-${i}-name`]}
                  errors={errors}
                  inputmode="text"
                  class="cell-name"
                  maxlength={40}
                  autofocus={props.form.focusRow === i}
                />
                <CellInput
                  name={`part-${i}-weight`}
                  label="Weging"
                  rowLabel={rowLabel}
                  value={values[`part-${i}-weight`]}
                  errors={errors}
                />
                <CellInput
                  name={`part-${i}-grade`}
                  label="Cijfer"
                  rowLabel={rowLabel}
                  value={values[`part-${i}-grade`]}
                  errors={errors}
                />
              </div>
            );
          })}
        </fieldset>
        <Input
          name="centralExam"
          label="Cijfer centraal examen (als het vak dat heeft)"
          hint="Leeg laten bij een vak met alleen een schoolexamen."
          value={values.centralExam}
          error={errors.centralExam}
          inputmode="decimal"
          maxlength={10}
        />
        <div class="form-actions">
          <button type="submit" class="button">
            Bereken
          </button>
          <AddRowButton
            action={action}
            target="schoolexamen"
            label="Regel toevoegen"
            disabled={rows >= PART_ROWS.max}
          />
        </div>
      </CalcForm>
      <div id="schoolexamen-result" class="calc-result" aria-live="polite">
        <SchoolExamResult form={props.form} />
      </div>
    </Section>
  );
}
