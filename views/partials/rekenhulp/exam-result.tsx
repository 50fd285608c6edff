// Rekenhulp section: geslaagd or afgewezen for a list of subjects, with the reasons.
import { LEVEL_LABELS, SUBJECT_ROWS, type ExamResultForm } from "#src/rules/rekenhulp";
import { describedBy } from "#views/components/form";
import { AddRowButton, CalcForm, CellCheckbox, CellInput, Errors, Section } from "./common";

export function ExamResultOutcome(props: { form: ExamResultForm }) {
  const { errors, result } = props.form;
  if (Object.keys(errors).length) return <Errors errors={errors} />;
  if (!result) return <p class="muted">Vul de vakken in; de uitslag verschijnt hier.</p>;
  return (
    <div class="calc-outcome">
      <p class={`verdict ${result.passed ? "passed" : "failed"}`}>
        <strong>{result.passed ? "Geslaagd" : "Afgewezen"}</strong>
        <span>
          {" "}
          ({LEVEL_LABELS[result.level]}, {result.subjectCount} vakken)
        </span>
      </p>
      {result.reasons.length ? (
        <>
          <h3>Waarom afgewezen</h3>
          <ul class="reasons">
            {result.reasons.map((reason) => (
              <li>{reason}</li>
            ))}
          </ul>
        </>
      ) : null}
      <dl class="meta-list">
        <dt>Gemiddelde centraal examen</dt>
        <dd>{result.centralExamAverageText ?? "geen cijfers ingevuld"}</dd>
        {result.combinationGrade !== undefined ? (
          <>
            <dt>Combinatiecijfer</dt>
            <dd>{result.combinationGrade}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

const ASSESSMENT_OPTIONS = [
  { value: "", label: "—" },
  { value: "voldoende", label: "voldoende" },
  { value: "goed", label: "goed" },
  { value: "onvoldoende", label: "onvoldoende" },
];

export function ExamResultSection(props: { form: ExamResultForm }) {
  const { values, errors, rows } = props.form;
  const action = "/rekenhulp/uitslag";
  return (
    <Section
      id="uitslag"
      title="Geslaagd of afgewezen"
      intro={
        <>
          <p>
            Vul per vak het eindcijfer in en, als het vak een centraal examen heeft, het cijfer voor
            het centraal examen. Vink de kernvakken aan (havo/vwo: Nederlands, Engels, wiskunde;
            mavo: Nederlands) en bij havo en vwo de vakken van het combinatiecijfer
            (maatschappijleer, CKV, profielwerkstuk). Vakken zonder cijfer, zoals lichamelijke
            opvoeding, krijgen een beoordeling.
          </p>
          <p class="small">
            Voorbeeld invullen: <a href="/rekenhulp?voorbeeld=havo#uitslag">havo</a>,{" "}
            <a href="/rekenhulp?voorbeeld=vwo#uitslag">vwo</a>,{" "}
            <a href="/rekenhulp?voorbeeld=mavo#uitslag">mavo</a>.
          </p>
        </>
      }
    >
      <CalcForm method="post" action={action} section="uitslag">
        <input type="hidden" name="rows" value={String(rows)} />
        <div class={errors.level ? "field has-error" : "field"}>
          <label for="level">Niveau</label>
          {errors.level ? (
            <p class="field-error" id="level-error">
              {errors.level}
            </p>
          ) : null}
          <select
            id="level"
            name="level"
            aria-invalid={errors.level ? "true" : undefined}
            aria-describedby={describedBy("level", errors.level)}
          >
            {(["havo", "vwo", "mavo"] as const).map((level) => (
              <option value={level} selected={values.level === level}>
                {LEVEL_LABELS[level]}
              </option>
            ))}
          </select>
        </div>
        <fieldset class="rows subjects">
          <legend>Vakken</legend>
          {Array.from({ length: rows }, (_, index) => {
            const i = index + 1;
            const key = (field: string) => `subject-${i}-${field}`;
            const rowLabel = `vak ${i}`;
            const assessmentError = errors[key("assessment")];
            return (
              <div class="row">
                <CellInput
                  name={key("name")}
                  label="Vak"
                  rowLabel={rowLabel}
                  value={values[key("name")]}
                  errors={errors}
                  inputmode="text"
                  class="cell-name"
                  maxlength={100}
                  autofocus={props.form.focusRow === i}
                />
                <CellInput
                  name={key("final")}
                  label="Eindcijfer"
                  rowLabel={rowLabel}
                  value={values[key("final")]}
                  errors={errors}
                  inputmode="numeric"
                />
                <CellInput
                  name={key("ce")}
                  label="Cijfer CE"
                  rowLabel={rowLabel}
                  value={values[key("ce")]}
                  errors={errors}
                />
                <div class={`cell cell-select ${assessmentError ? "has-error" : ""}`}>
                  <label for={key("assessment")}>
                    Beoordeling <span class="visually-hidden">{rowLabel}</span>
                  </label>
                  {assessmentError ? (
                    <p class="field-error" id={`${key("assessment")}-error`}>
                      {assessmentError}
                    </p>
                  ) : null}
                  <select
                    id={key("assessment")}
                    name={key("assessment")}
                    aria-describedby={describedBy(key("assessment"), assessmentError)}
                  >
                    {ASSESSMENT_OPTIONS.map((o) => (
                      <option
                        value={o.value}
                        selected={(values[key("assessment")] ?? "") === o.value}
                      >
                        {o.label}
                      </option>
                    ))}
                  </select>
                </div>
                <CellCheckbox
                  name={key("core")}
                  label="Kernvak"
                  rowLabel={rowLabel}
                  checked={values[key("core")] === "1"}
                />
                <CellCheckbox
                  name={key("combination")}
                  label="Combinatie"
                  rowLabel={rowLabel}
                  checked={values[key("combination")] === "1"}
                />
              </div>
            );
          })}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button">
            Bepaal de uitslag
          </button>
          <AddRowButton
            action={action}
            target="uitslag"
            label="Vak toevoegen"
            disabled={rows >= SUBJECT_ROWS.max}
          />
        </div>
      </CalcForm>
      <div id="uitslag-result" class="calc-result" aria-live="polite">
        <ExamResultOutcome form={props.form} />
      </div>
    </Section>
  );
}
