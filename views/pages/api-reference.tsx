// /api: the API reference in Dutch, rendered on the server from the OpenAPI document (no script).
import type { PageHead } from "#views/layout";
import { Fields, fieldRows, limits, TypeOf, type Schema } from "#views/components/api-schema";

export type { Schema };

/** The parts of an OpenAPI 3.1 document this page reads. */
type Parameter = {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
};
type Media = Record<string, { schema?: Schema }>;
export type Operation = {
  tags?: string[];
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { description?: string; content?: Media };
  responses: Record<string, { description?: string; content?: Media }>;
};
export type ApiDocument = {
  openapi: string;
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const METHODS = ["get", "post", "patch", "put", "delete"];
const IN_LABEL: Record<string, string> = { query: "query", path: "pad", header: "header" };

const anchor = (method: string, path: string) =>
  `${method}-${path.replace(/^\/api\/v1\//, "").replace(/[^a-z0-9]+/gi, "-")}`.replace(/-$/, "");

function Parameters(props: { parameters: Parameter[] }) {
  if (props.parameters.length === 0) return null;
  return (
    <>
      <h4>Parameters</h4>
      <div class="table-wrap">
        <table class="table api-fields">
          <thead>
            <tr>
              <th scope="col">Naam</th>
              <th scope="col">Soort (waar)</th>
              <th scope="col">Toelichting</th>
            </tr>
          </thead>
          <tbody>
            {props.parameters.map((p) => (
              <tr>
                <td>
                  <code>{p.name}</code>
                  {p.required ? <span class="api-required"> verplicht</span> : null}
                </td>
                <td>
                  <TypeOf schema={p.schema} /> ({IN_LABEL[p.in] ?? p.in})
                </td>
                <td>
                  {[p.description ?? p.schema?.description, limits(p.schema)]
                    .filter(Boolean)
                    .join(" ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Body(props: { body: Operation["requestBody"] }) {
  const content = props.body?.content;
  if (!content) return null;
  return (
    <>
      <h4>Inhoud van het verzoek</h4>
      {Object.entries(content).map(([type, media]) => (
        <>
          <p class="small muted">
            <code>{type}</code>
            {props.body?.description ? ` — ${props.body.description}` : ""}
          </p>
          <Fields
            rows={fieldRows(media.schema)}
            caption={`Velden (${type})`}
            required="verplicht"
          />
        </>
      ))}
    </>
  );
}

function Responses(props: { responses: Operation["responses"] }) {
  return (
    <>
      <h4>Antwoorden</h4>
      <dl class="api-responses">
        {Object.entries(props.responses).map(([status, r]) => {
          const media = r.content ? Object.entries(r.content)[0] : undefined;
          return (
            <>
              <dt>
                <span class={`api-status api-status-${status[0]}`}>{status}</span>
              </dt>
              <dd>
                {r.description}
                {media ? (
                  <span class="small muted">
                    {" "}
                    <code>{media[0]}</code>: <TypeOf schema={media[1].schema} />
                  </span>
                ) : null}
              </dd>
            </>
          );
        })}
      </dl>
    </>
  );
}

function OperationBlock(props: { method: string; path: string; op: Operation }) {
  const { method, path, op } = props;
  return (
    <section class="api-op" id={anchor(method, path)}>
      <h3 class="api-op-title">
        <span class={`api-method api-method-${method}`}>{method.toUpperCase()}</span>{" "}
        <code class="break">{path}</code>
      </h3>
      <p class="api-summary">{op.summary}</p>
      {op.description ? <p class="muted">{op.description}</p> : null}
      {op.security?.length ? (
        <p class="small api-auth">Inloggen vereist: API-token (Bearer) of sessiecookie.</p>
      ) : null}
      <Parameters parameters={op.parameters ?? []} />
      <Body body={op.requestBody} />
      <Responses responses={op.responses} />
    </section>
  );
}

type Entry = { method: string; path: string; op: Operation };

function byTag(doc: ApiDocument): { name: string; description?: string; entries: Entry[] }[] {
  const entries: Entry[] = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method]! })),
  );
  return (doc.tags ?? []).map((t) => ({
    ...t,
    entries: entries.filter((e) => e.op.tags?.includes(t.name)),
  }));
}

export const apiReferenceHead: PageHead = { title: "API", styles: ["/static/api.css"] };

export function ApiReferencePage(props: { doc: ApiDocument }) {
  const groups = byTag(props.doc);
  const schemas = Object.entries(props.doc.components?.schemas ?? {});
  return (
    <>
      <h1 class="page-title">API-documentatie</h1>
      <p class="lead">
        Met de API kunnen andere programma's het register doorzoeken en kunnen scholen hun
        beoordelaars beheren. Deze pagina beschrijft elke route; het volledige document in OpenAPI
        3.1 staat op <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
      </p>
      <div class="panel soft api-intro">
        <h2>Goed om te weten</h2>
        <ul>
          <li>Antwoorden zijn JSON in UTF-8; datums zijn ISO (JJJJ-MM-DD).</li>
          <li>
            De schoolroutes vragen een API-token (<code>Authorization: Bearer …</code>) of de
            sessiecookie van de website. Zonder geldig token: 401.
          </li>
          <li>
            Een fout heeft altijd dezelfde vorm (<a href="#vorm-Error">Error</a>): een code, een
            Nederlandse melding en zo nodig per veld een melding. 400 betekent onleesbare JSON, 422
            een ongeldige waarde.
          </li>
          <li>
            POST-verzoeken van scholen mogen een <code>Idempotency-Key</code> meesturen: hetzelfde
            verzoek nog eens geeft dan het eerste antwoord.
          </li>
        </ul>
      </div>

      <nav class="api-toc" aria-labelledby="api-toc-title">
        <h2 id="api-toc-title">Inhoud</h2>
        {groups.map((g) => (
          <div class="api-toc-group">
            <h3>{g.name}</h3>
            <ul>
              {g.entries.map((e) => (
                <li>
                  <a href={`#${anchor(e.method, e.path)}`}>
                    <span class={`api-method api-method-${e.method}`}>
                      {e.method.toUpperCase()}
                    </span>{" "}
                    <code>{e.path.replace(/^\/api\/v1/, "")}</code>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>

      {groups.map((g) => (
        <section class="api-group" aria-labelledby={`groep-${g.name}`}>
          <h2 id={`groep-${g.name}`}>{g.name}</h2>
          {g.description ? <p class="muted">{g.description}</p> : null}
          {g.entries.map((e) => (
            <OperationBlock {...e} />
          ))}
        </section>
      ))}

      <section class="api-group" aria-labelledby="vormen">
        <h2 id="vormen">Gegevensvormen</h2>
        <p class="muted">
          De vormen van de antwoorden. Een veld met <span class="api-required">altijd</span> staat
          in elk antwoord; de andere velden kunnen ontbreken.
        </p>
        {schemas.map(([name, schema]) => (
          <section class="api-op" id={`vorm-${name}`}>
            <h3 class="api-op-title">
              <code>{name}</code>
            </h3>
            {schema.description ? <p class="muted">{schema.description}</p> : null}
            <Fields rows={fieldRows(schema)} caption={`Velden van ${name}`} required="altijd" />
          </section>
        ))}
      </section>
    </>
  );
}
