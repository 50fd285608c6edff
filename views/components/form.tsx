// Form building blocks with accessible, Dutch error messages next to the fields.
import type { Child } from "hono/jsx";

export type FieldErrors = Record<string, string | undefined>;

export function ErrorSummary(props: {
  errors: FieldErrors;
  labels?: Record<string, string>;
  /**
   * Focus moves to the summary when it appears (page load, or an htmx swap: htmx focuses
   * [autofocus]), so a screen reader hears what to fix. Off for results that update while typing.
   */
  focus?: boolean;
  /** Element ids for fields whose id is not their name (two forms on one page). */
  ids?: Record<string, string>;
}) {
  const entries = Object.entries(props.errors).filter(([, v]) => v);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} autofocus={props.focus !== false}>
      <h2>Controleer de gegevens</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${props.ids?.[name] ?? name}`}>
              {props.labels?.[name] ? `${props.labels[name]}: ${message}` : message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

type FieldProps = {
  name: string;
  /** The element id, when it must differ from the name (default: the name). */
  id?: string;
  label: string;
  error?: string;
  hint?: string;
  children?: Child;
};

/** A labelled field; pass the control as child or use the `Input` shortcut below. */
export function Field(props: FieldProps) {
  const id = props.id ?? props.name;
  return (
    <div class={props.error ? "field has-error" : "field"}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

export function describedBy(name: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

export function Input(
  props: FieldProps & {
    type?: string;
    value?: string | number | null;
    required?: boolean;
    autocomplete?: string;
    inputmode?: "decimal" | "email" | "none" | "numeric" | "search" | "tel" | "text" | "url";
    maxlength?: number;
    max?: string;
    min?: string;
    step?: string;
    placeholder?: string;
  },
) {
  return (
    <Field
      name={props.name}
      id={props.id}
      label={props.label}
      error={props.error}
      hint={props.hint}
    >
      <input
        id={props.id ?? props.name}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value ?? ""}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        max={props.max}
        min={props.min}
        step={props.step}
        placeholder={props.placeholder}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props.id ?? props.name, props.error, props.hint)}
      />
    </Field>
  );
}

export function Select(
  props: FieldProps & {
    value?: string | null;
    options: { value: string; label: string }[];
    emptyLabel?: string;
    required?: boolean;
  },
) {
  return (
    <Field name={props.name} label={props.label} error={props.error} hint={props.hint}>
      <select
        id={props.name}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props.name, props.error, props.hint)}
      >
        {props.emptyLabel !== undefined ? <option value="">{props.emptyLabel}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function Textarea(
  props: FieldProps & { value?: string | null; rows?: number; maxlength?: number },
) {
  return (
    <Field name={props.name} label={props.label} error={props.error} hint={props.hint}>
      <textarea
        id={props.name}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxlength}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props.name, props.error, props.hint)}
      >
        {props.value ?? ""}
      </textarea>
    </Field>
  );
}

export function Notice(props: {
  kind?: "success" | "warning" | "info";
  /** Take focus when shown: after saving a form, so that focus does not fall back to the top. */
  focus?: boolean;
  children?: Child;
}) {
  return (
    <div
      class={`notice ${props.kind ?? "info"}`}
      role={props.kind === "warning" ? "alert" : "status"}
      tabindex={props.focus ? -1 : undefined}
      autofocus={props.focus || undefined}
    >
      {props.children}
    </div>
  );
}
