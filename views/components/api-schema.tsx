// The OpenAPI schema pieces of the /api reference: a schema as a Dutch phrase, and the fields of
// an object schema as a table (nested fields as dotted names).

/** The parts of an OpenAPI 3.1 schema object the reference reads. */
export type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
};

const refName = (ref: string) => ref.slice(ref.lastIndexOf("/") + 1);

/** A schema as a short Dutch phrase: "tekst", "lijst van Place", "een van: a, b". */
export function TypeOf(props: { schema?: Schema }) {
  const s = props.schema;
  if (!s) return <>willekeurig</>;
  if (s.$ref) return <a href={`#vorm-${refName(s.$ref)}`}>{refName(s.$ref)}</a>;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives)
    return (
      <>
        {alternatives.map((a, i) => (
          <>
            {i > 0 ? " of " : ""}
            <TypeOf schema={a} />
          </>
        ))}
      </>
    );
  if (s.enum)
    return (
      <>
        een van:{" "}
        {s.enum.map((v, i) => (
          <>
            {i > 0 ? ", " : ""}
            <code>{v === null ? "null" : String(v)}</code>
          </>
        ))}
      </>
    );
  const types = (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []).map((t) => {
    if (t === "array") return <>lijst van {<TypeOf schema={s.items} />}</>;
    if (t === "string" && s.format === "date") return <>datum (JJJJ-MM-DD)</>;
    return <>{WORDS[t] ?? t}</>;
  });
  if (types.length === 0) return <>willekeurig</>;
  return (
    <>
      {types.map((t, i) => (
        <>
          {i > 0 ? " of " : ""}
          {t}
        </>
      ))}
    </>
  );
}

const WORDS: Record<string, string> = {
  string: "tekst",
  integer: "geheel getal",
  number: "getal",
  boolean: "true/false",
  object: "object",
  null: "null",
};

/** Limits worth telling a client: lengths, ranges, patterns, defaults. */
export function limits(s: Schema | undefined): string {
  if (!s) return "";
  const out: string[] = [];
  if (s.minLength === 1) out.push("niet leeg");
  else if (s.minLength !== undefined && s.minLength > 1) out.push(`min. ${s.minLength} tekens`);
  if (s.maxLength !== undefined) out.push(`max. ${s.maxLength} tekens`);
  if (s.minimum !== undefined) out.push(`min. ${s.minimum}`);
  if (s.maximum !== undefined) out.push(`max. ${s.maximum}`);
  if (s.pattern) out.push(`patroon ${s.pattern}`);
  if (s.default !== undefined && s.default !== "") out.push(`standaard ${String(s.default)}`);
  return out.join(", ");
}

type Row = { name: string; schema: Schema; required: boolean };

/** The fields of an object schema, nested objects (and lists of objects) as dotted names. */
export function fieldRows(schema: Schema | undefined, prefix = "", depth = 0): Row[] {
  if (!schema?.properties) return [];
  return Object.entries(schema.properties).flatMap(([name, s]) => {
    const row = {
      name: prefix + name,
      schema: s,
      required: schema.required?.includes(name) ?? false,
    };
    const nested = s.type === "array" && s.items?.properties ? s.items : s.properties ? s : null;
    if (!nested || depth > 1) return [row];
    const suffix = nested === s ? "." : "[].";
    return [row, ...fieldRows(nested, prefix + name + suffix, depth + 1)];
  });
}

/** `required` names what a required field means here: "verplicht" in a request, "altijd" in an answer. */
export function Fields(props: { rows: Row[]; caption: string; required: string }) {
  if (props.rows.length === 0) return null;
  return (
    <div class="table-wrap">
      <table class="table api-fields">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Veld</th>
            <th scope="col">Soort</th>
            <th scope="col">Toelichting</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>
                <code>{r.name}</code>
                {r.required ? <span class="api-required"> {props.required}</span> : null}
              </td>
              <td>
                <TypeOf schema={r.schema} />
              </td>
              <td>{[r.schema.description, limits(r.schema)].filter(Boolean).join(" ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
