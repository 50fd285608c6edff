// Rekenhulp section: the final grade from a school-exam grade and an optional central-exam grade.
import { dutchNumber, type FinalGradeForm } from "#src/rules/rekenhulp";
import { Input } from "#views/components/form";
import { CalcForm, Errors, Section } from "./common";

/** The school-exam section has a centralExam field too: this one's id is prefixed to stay unique. */
const FIELD_IDS = { centralExam: "eindcijfer-centralExam" };

export function FinalGradeResult(props: { form: FinalGradeForm }) {
  const { errors, result } = props.form;
  if (Object.keys(errors).length) return <Errors errors={errors} ids={FIELD_IDS} />;
  if (!result)
    return (
      <p class="muted">Vul het cijfer voor het schoolexamen in; de uitkomst verschijnt hier.</p>
    );
  return (
    <div class="calc-outcome">
      <dl class="meta-list">
        <dt>Schoolexamen</dt>
        <dd>
          {dutchNumber(result.schoolExam)}
          {result.schoolExamInput !== result.schoolExam ? (
            <span class="muted">
              {" "}
              ({dutchNumber(result.schoolExamInput)} afgerond op één decimaal)
            </span>
          ) : null}
        </dd>
        {result.centralExam !== undefined ? (
          <>
            <dt>Centraal examen</dt>
            <dd>{dutchNumber(result.centralExam)}</dd>
            <dt>Gemiddelde</dt>
            <dd>{result.average}</dd>
          </>
        ) : null}
        <dt>Eindcijfer</dt>
        <dd>
          <strong class="big-number">{result.finalGrade}</strong>
        </dd>
      </dl>
    </div>
  );
}

export function FinalGradeSection(props: { form: FinalGradeForm }) {
  const { values, errors } = props.form;
  const action = "/rekenhulp/eindcijfer";
  return (
    <Section
      id="eindcijfer"
      title="Eindcijfer"
      intro={
        <p>
          Het eindcijfer is het gemiddelde van het schoolexamencijfer en het cijfer voor het
          centraal examen, afgerond op een heel cijfer: ,45 of minder naar beneden, ,50 of meer naar
          boven. Heeft een vak alleen een schoolexamen, dan wordt het schoolexamencijfer op een heel
          cijfer afgerond (6,45 → 6,5 → 7).
        </p>
      }
    >
      <CalcForm method="post" action={action} section="eindcijfer">
        <div class="grid-2">
          <Input
            name="schoolExam"
            label="Cijfer schoolexamen"
            value={values.schoolExam}
            error={errors.schoolExam}
            inputmode="decimal"
            maxlength={10}
          />
          <Input
            name="centralExam"
            id={FIELD_IDS.centralExam}
            label="Cijfer centraal examen (niet verplicht)"
            value={values.centralExam}
            error={errors.centralExam}
            inputmode="decimal"
            maxlength={10}
          />
        </div>
        <div class="form-actions">
          <button type="submit" class="button">
            Bereken
          </button>
        </div>
      </CalcForm>
      <div id="eindcijfer-result" class="calc-result" aria-live="polite">
        <FinalGradeResult form={props.form} />
      </div>
    </Section>
  );
}
