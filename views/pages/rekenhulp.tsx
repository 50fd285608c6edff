// /rekenhulp: the grade calculator. Each section's result block is also the htmx partial.
import type { Child } from "hono/jsx";
import type { AuthContext } from "../../src/env";
import {
  dutchNumber,
  LEVEL_LABELS,
  PART_ROWS,
  SUBJECT_ROWS,
  type DeadlineForm,
  type ExamResultForm,
  type ExamTimesForm,
  type FinalGradeForm,
  type FormErrors,
  type SchoolExamForm,
} from "../../src/routes/rekenhulp-forms";
import { formatDutchDate, weekday } from "../../src/rules";
import { describedBy, ErrorSummary, Input } from "../components/form";
import { Layout } from "../layout";

export type RekenhulpState = {
  schoolExam: SchoolExamForm;
  finalGrade: FinalGradeForm;
  examResult: ExamResultForm;
  deadline: DeadlineForm;
  examTimes: ExamTimesForm;
};

const WEEKDAYS = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];

function longDate(date: string): string {
  return `${WEEKDAYS[weekday(date)]} ${formatDutchDate(date)}`;
}

/** Live updates: on submit, and shortly after typing stops. */
const LIVE_TRIGGER = "submit, input delay:400ms";

/** The labels an error summary shows for the fields of the row forms ("Onderdeel 2, cijfer"). */
function rowLabels(errors: FormErrors): Record<string, string> {
  const names: Record<string, string> = {
    grade: "cijfer",
    weight: "weging",
    name: "vak",
    final: "eindcijfer",
    ce: "cijfer centraal examen",
    assessment: "beoordeling",
  };
  const labels: Record<string, string> = {
    centralExam: "Cijfer centraal examen",
    schoolExam: "Cijfer schoolexamen",
    level: "Niveau",
    date: "Datum",
    days: "Aantal werkdagen",
    extraDays: "Extra vrije dagen",
    duration: "Duur van de toets",
  };
  for (const key of Object.keys(errors)) {
    const m = /^(part|subject)-(\d+)-(\w+)$/.exec(key);
    if (m) labels[key] = `${m[1] === "part" ? "Onderdeel" : "Vak"} ${m[2]}, ${names[m[3]] ?? m[3]}`;
  }
  return labels;
}

function Errors(props: { errors: FormErrors }) {
  return <ErrorSummary errors={props.errors} labels={rowLabels(props.errors)} />;
}

function Section(props: { id: string; title: string; intro: Child; children: Child }) {
  return (
    <section class="panel calc" id={props.id} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <div class="calc-intro">{props.intro}</div>
      {props.children}
    </section>
  );
}

/** A text input for a grade in a row: label for screen readers names the row. */
function CellInput(props: {
  name: string;
  label: string;
  rowLabel: string;
  value?: string;
  errors: FormErrors;
  inputmode?: "decimal" | "numeric" | "text";
  class?: string;
  maxlength?: number;
  autofocus?: boolean;
}) {
  const error = props.errors[props.name];
  return (
    <div class={`cell ${props.class ?? ""} ${error ? "has-error" : ""}`}>
      <label for={props.name}>
        {props.label} <span class="visually-hidden">{props.rowLabel}</span>
      </label>
      {error ? (
        <p class="field-error" id={`${props.name}-error`}>
          {error}
        </p>
      ) : null}
      <input
        type="text"
        id={props.name}
        name={props.name}
        value={props.value ?? ""}
        inputmode={props.inputmode ?? "decimal"}
        autocomplete="off"
        maxlength={props.maxlength ?? 10}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(props.name, error)}
        autofocus={props.autofocus}
      />
    </div>
  );
}

function CellCheckbox(props: { name: string; label: string; rowLabel: string; checked: boolean }) {
  return (
    <div class="cell cell-check">
      <label class="checkbox" for={props.name}>
        <input
          type="checkbox"
          id={props.name}
          name={props.name}
          value="1"
          checked={props.checked}
        />
        <span>
          {props.label} <span class="visually-hidden">{props.rowLabel}</span>
        </span>
      </label>
    </div>
  );
}

function AddRowButton(props: { action: string; target: string; label: string; disabled: boolean }) {
  if (props.disabled) return null;
  return (
    <button
      type="submit"
      class="button secondary"
      name="action"
      value="add-row"
      hx-post={props.action}
      hx-target={`#${props.target}`}
      hx-swap="outerHTML"
    >
      {props.label}
    </button>
  );
}

// ---------------------------------------------------------------- school-exam grade

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
      <form
        method="post"
        action={`${action}#schoolexamen`}
        class="calc-form"
        hx-post={action}
        hx-target="#schoolexamen-result"
        hx-trigger={LIVE_TRIGGER}
      >
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
      </form>
      <div id="schoolexamen-result" class="calc-result" aria-live="polite">
        <SchoolExamResult form={props.form} />
      </div>
    </Section>
  );
}

// ---------------------------------------------------------------- final grade

export function FinalGradeResult(props: { form: FinalGradeForm }) {
  const { errors, result } = props.form;
  if (Object.keys(errors).length) return <Errors errors={errors} />;
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
      <form
        method="post"
        action={`${action}#eindcijfer`}
        class="calc-form"
        hx-post={action}
        hx-target="#eindcijfer-result"
        hx-trigger={LIVE_TRIGGER}
      >
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
      </form>
      <div id="eindcijfer-result" class="calc-result" aria-live="polite">
        <FinalGradeResult form={props.form} />
      </div>
    </Section>
  );
}

// ---------------------------------------------------------------- exam result

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
      <form
        method="post"
        action={`${action}#uitslag`}
        class="calc-form"
        hx-post={action}
        hx-target="#uitslag-result"
        hx-trigger={LIVE_TRIGGER}
      >
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
      </form>
      <div id="uitslag-result" class="calc-result" aria-live="polite">
        <ExamResultOutcome form={props.form} />
      </div>
    </Section>
  );
}

// ---------------------------------------------------------------- deadline

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
      <form
        method="get"
        action={`${action}#termijn`}
        class="calc-form"
        hx-get={action}
        hx-target="#termijn-result"
        hx-trigger={LIVE_TRIGGER}
      >
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
      </form>
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
      <form
        method="get"
        action={`${action}#toetstijd`}
        class="calc-form"
        hx-get={action}
        hx-target="#toetstijd-result"
        hx-trigger={LIVE_TRIGGER}
      >
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
      </form>
      <div id="toetstijd-result" class="calc-result" aria-live="polite">
        <ExamTimesResult form={props.form} />
      </div>
    </Section>
  );
}

// ---------------------------------------------------------------- the page

export function RekenhulpPage(props: { auth: AuthContext | null; state: RekenhulpState }) {
  const { state } = props;
  return (
    <Layout
      title="Rekenhulp examencijfers"
      auth={props.auth}
      current="/rekenhulp"
      styles={["/static/rekenhulp.css"]}
    >
      <h1 class="page-title">Rekenhulp examencijfers</h1>
      <p class="lead">
        Reken cijfers voor het schoolexamen, eindcijfers en de uitslag na volgens de regels van het
        examenreglement voor mavo, havo en vwo, en bereken termijnen in werkdagen. De rekenhulp is
        een hulpmiddel: de school stelt de cijfers en de uitslag vast.
      </p>
      <nav class="calc-nav" aria-label="Onderdelen van de rekenhulp">
        <ul>
          <li>
            <a href="#schoolexamen">Schoolexamencijfer</a>
          </li>
          <li>
            <a href="#eindcijfer">Eindcijfer</a>
          </li>
          <li>
            <a href="#uitslag">Geslaagd of afgewezen</a>
          </li>
          <li>
            <a href="#termijn">Termijn in werkdagen</a>
          </li>
          <li>
            <a href="#toetstijd">Verlenging en te laat komen</a>
          </li>
        </ul>
      </nav>
      <SchoolExamSection form={state.schoolExam} />
      <FinalGradeSection form={state.finalGrade} />
      <ExamResultSection form={state.examResult} />
      <DeadlineSection form={state.deadline} />
      <ExamTimesSection form={state.examTimes} />
      <p class="small muted">
        Dezelfde berekeningen zijn beschikbaar als JSON-API:{" "}
        <code>POST /api/v1/rules/school-exam-grade</code>, <code>/api/v1/rules/final-grade</code> en{" "}
        <code>/api/v1/rules/exam-result</code>.
      </p>
    </Layout>
  );
}
