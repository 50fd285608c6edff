// The one JSON error shape of the API, and the typed errors routes and queries throw.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ErrorBody = {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
    [extra: string]: unknown;
  };
};

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export function errorBody(
  code: string,
  message: string,
  fields?: Record<string, string>,
  extra?: Record<string, unknown>,
): ErrorBody {
  return { error: { code, message, ...(fields ? { fields } : {}), ...extra } };
}

export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  fields?: Record<string, string>,
  extra?: Record<string, unknown>,
) {
  return c.json(errorBody(code, message, fields, extra), status);
}

export const messages = {
  malformed: "Het verzoek kon niet worden gelezen. Controleer of de gegevens geldige JSON zijn.",
  invalid: "Een of meer waarden zijn ongeldig.",
  unauthenticated: "U bent niet ingelogd, of het API-token is ongeldig.",
  forbidden: "U mag dit niet wijzigen.",
  notFound: "Niet gevonden.",
  tooLarge: "Het verzoek is te groot (maximaal 1 MB).",
  throttled: "Te veel pogingen. Probeer het later opnieuw.",
  internal: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
};
