// Shared pieces for the JSON routes declared with @hono/zod-openapi: the validation hook that
// answers in the one error shape, the JSON-body gate, the error schema and response helpers.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { z, type ZodError } from "zod";
import type { AppEnv } from "#src/env";
import { RULE_FIELD_OPTIONS } from "#src/rules/schemas";
import { fieldMessages } from "#src/rules/validation";
import { apiError, messages } from "./errors";

/** How an area names its fields and query errors (the areas predate this module). */
export type HookStyle = {
  /** zod issues of a JSON body → {field: Dutch message}. */
  bodyFields: (error: ZodError) => Record<string, string>;
  /** zod issues of the query string → {parameter: Dutch message}. */
  queryFields: (error: ZodError) => Record<string, string>;
  /** The error code of an invalid query parameter ("invalid_parameter" or "invalid"). */
  queryCode: string;
};

type HookResult = { target: string; success: boolean; error?: ZodError };

/**
 * zod's own English text appears only where a schema has no message of its own, e.g. a query
 * parameter given twice (?page=1&page=2 arrives as a list): the client still gets Dutch.
 */
function inDutch(fields: Record<string, string>, fallback: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, m]) => [k, /^Invalid /.test(m) ? fallback : m]),
  );
}

/**
 * The defaultHook of every API sub-app: a failed validation becomes the JSON error shape.
 * A path parameter that cannot be an id is "not found" (404), never "invalid": the path names a
 * thing, and a thing with an impossible id does not exist.
 */
export function validationHook(style: HookStyle) {
  return (result: HookResult, c: Context) => {
    if (result.success || !result.error) return;
    if (result.target === "param") return apiError(c, 404, "not_found", messages.notFound);
    if (result.target === "query") {
      const fields = inDutch(
        style.queryFields(result.error),
        "Deze waarde is ongeldig. Geef elke parameter hoogstens één keer.",
      );
      return apiError(
        c,
        422,
        style.queryCode,
        `Ongeldige parameter: ${Object.keys(fields).join(", ")}.`,
        fields,
      );
    }
    return apiError(
      c,
      422,
      "invalid",
      messages.invalid,
      inDutch(style.bodyFields(result.error), "Deze waarde heeft niet de juiste vorm."),
    );
  };
}

/** Query issues named by their parameter only ("page", never "page.0"). */
export function parameterFields(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? "_")] ??= issue.message;
  return fields;
}

/** The public API: parameters named alone, code invalid_parameter; rules bodies keep positions. */
export const publicValidation = () =>
  validationHook({
    bodyFields: (e) => fieldMessages(e, RULE_FIELD_OPTIONS),
    queryFields: parameterFields,
    queryCode: "invalid_parameter",
  });

/** The school API: the same field names as the school's forms, code invalid. */
export const schoolValidation = () =>
  validationHook({
    bodyFields: (e) => fieldMessages(e),
    queryFields: (e) => fieldMessages(e),
    queryCode: "invalid",
  });

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * JSON bodies: unreadable JSON is 400 `malformed`. The API has always read the body as JSON
 * whatever Content-Type the client sent (curl -d sends form-urlencoded); the zod-openapi
 * validators only read declared media types, so the request is re-labelled as JSON here.
 * Runs as route middleware, i.e. before the validators.
 */
export const jsonBody = createMiddleware<AppEnv>(async (c, next) => {
  const text = await c.req.text();
  try {
    JSON.parse(text);
  } catch {
    return apiError(c, 400, "malformed", messages.malformed);
  }
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim();
  if (!JSON_TYPE.test(type)) {
    const headers = new Headers(c.req.raw.headers);
    headers.set("content-type", "application/json");
    c.req.raw = new Request(c.req.raw.url, { method: c.req.method, headers, body: text });
  }
  await next();
});

/** The one error shape of the API (DESIGN §4). */
export const ErrorSchema = z
  .object({
    error: z
      .object({
        code: z.string().meta({ description: "Vaste code, bijvoorbeeld invalid of not_found." }),
        message: z.string().meta({ description: "Uitleg in het Nederlands." }),
        fields: z
          .record(z.string(), z.string())
          .optional()
          .meta({ description: "Per veld of parameter een Nederlandse melding." }),
      })
      .catchall(z.unknown()),
  })
  .meta({
    id: "Error",
    description:
      "Elke fout: een code, een Nederlandse melding en zo nodig per veld een melding. Sommige fouten geven extra gegevens, zoals existing_id bij duplicate.",
  });

export const jsonContent = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const ERROR_TEXT = {
  400: "Het verzoek kon niet worden gelezen (geen geldige JSON).",
  401: "Niet ingelogd, of het API-token is ongeldig.",
  403: "U mag dit gegeven inzien maar niet wijzigen, of dit is alleen voor een school.",
  404: "Niet gevonden, of niet zichtbaar voor u.",
  409: "Conflict met de huidige gegevens.",
  413: "Het verzoek is te groot (maximaal 1 MB).",
  415: "Dit soort inhoud wordt niet ondersteund.",
  422: "Een of meer waarden zijn ongeldig.",
  429: "Te veel verzoeken.",
} as const;

export type ErrorStatus = keyof typeof ERROR_TEXT;

/** Error responses of a route, each in the one error shape; `text` overrides a description. */
export function errors(statuses: ErrorStatus[], text: Partial<Record<ErrorStatus, string>> = {}) {
  return Object.fromEntries(
    statuses.map((s) => [s, jsonContent(ErrorSchema, text[s] ?? ERROR_TEXT[s])]),
  ) as Record<ErrorStatus, ReturnType<typeof jsonContent<typeof ErrorSchema>>>;
}

/** A JSON request body for the document and the validator (read by jsonBody first). */
export const jsonRequest = <S extends z.ZodType>(schema: S, description?: string) => ({
  body: { required: true, description, content: { "application/json": { schema } } },
});

/**
 * Descriptions for the document, attached to the very schemas that validate (zod's registry),
 * so a schema owned elsewhere (search, rules) stays as it is and the document still explains it.
 */
export function describeFields(shape: Record<string, z.ZodType>, texts: Record<string, string>) {
  for (const [name, description] of Object.entries(texts))
    if (shape[name]) z.globalRegistry.add(shape[name], { description });
}
