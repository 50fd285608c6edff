// Building blocks shared by the rekenhulp sections: a section frame, row cells, the error summary.
import type { Child } from "hono/jsx";
import type { FormErrors } from "#src/rules/rekenhulp";
import { formatDutchDate, weekday } from "#src/rules";
import { describedBy, ErrorSummary } from "#views/components/form";

const WEEKDAYS = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];

export function longDate(date: string): string {
  return `${WEEKDAYS[weekday(date)]} ${formatDutchDate(date)}`;
}

/** Live updates: on submit, and shortly after typing stops. */
export const LIVE_TRIGGER = "submit, input delay:400ms";

/** The labels an error summary shows for the fields of the row forms ("Onderdeel 2, cijfer"). */
export function rowLabels(errors: FormErrors): Record<string, string> {
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

export function Errors(props: { errors: FormErrors; ids?: Record<string, string> }) {
  // The results update while the user types: the summary must not take the focus away.
  return (
    <ErrorSummary
      errors={props.errors}
      labels={rowLabels(props.errors)}
      ids={props.ids}
      focus={false}
    />
  );
}

export function Section(props: { id: string; title: string; intro: Child; children: Child }) {
  return (
    <section class="panel calc" id={props.id} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <div class="calc-intro">{props.intro}</div>
      {props.children}
    </section>
  );
}

/**
 * A section's form. Without JavaScript it submits to `action` and the page jumps back to the
 * section; with htmx it updates `#<section>-result` live while the user types.
 */
export function CalcForm(props: {
  method: "get" | "post";
  action: string;
  section: string;
  children: Child;
}) {
  const hx = props.method === "get" ? { "hx-get": props.action } : { "hx-post": props.action };
  return (
    <form
      method={props.method}
      action={`${props.action}#${props.section}`}
      class="calc-form"
      {...hx}
      hx-target={`#${props.section}-result`}
      hx-trigger={LIVE_TRIGGER}
    >
      {props.children}
    </form>
  );
}

/** A text input for a grade in a row: label for screen readers names the row. */
export function CellInput(props: {
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

export function CellCheckbox(props: {
  name: string;
  label: string;
  rowLabel: string;
  checked: boolean;
}) {
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

export function AddRowButton(props: {
  action: string;
  target: string;
  label: string;
  disabled: boolean;
}) {
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
