// The whole JSON API under /api/v1 (public, rules, school) as one OpenAPIHono, its OpenAPI 3.1
// document at /api/v1/openapi.json, and /api: the readable Dutch reference rendered from it.
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { AppEnv } from "#src/env";
import { jsonContent } from "#src/http/openapi";
import { publicApi } from "#src/routes/api-public";
import { schoolApi } from "#src/routes/api-school";
import { ApiReferencePage, apiReferenceHead, type ApiDocument } from "#views/pages/api-reference";

export const api = new OpenAPIHono<AppEnv>();

// The school area first: its paths are longer and more specific.
api.route("/api/v1/school", schoolApi);
api.route("/api/v1", publicApi);

api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
  type: "http",
  scheme: "bearer",
  description:
    "Een API-token van een gebruiker van een school (aan te maken onder School → API-tokens of met de CLI): Authorization: Bearer <token>.",
});
api.openAPIRegistry.registerComponent("securitySchemes", "cookie", {
  type: "apiKey",
  in: "cookie",
  name: "session",
  description:
    "De sessiecookie na inloggen op de website (via https heet die __Host-session). Alleen voor de eigen browser.",
});

const documentRoute = createRoute({
  method: "get",
  path: "/api/v1/openapi.json",
  tags: ["Documentatie"],
  summary: "Dit OpenAPI-document",
  description: "OpenAPI 3.1: elke route onder /api/v1 met parameters, inhoud en antwoorden.",
  responses: {
    200: jsonContent(
      z
        .object({
          openapi: z.string(),
          info: z.object({ title: z.string() }).catchall(z.unknown()),
        })
        .catchall(z.unknown()),
      "Het document.",
    ),
  },
});

let cached: ApiDocument | null = null;

/** The document is the same for the life of the process: built once, on first use. */
export function apiDocument(): ApiDocument {
  cached ??= api.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Register Gekwalificeerd Praktijkbeoordelaar — API",
      version: "1",
      description:
        'De openbare API (zoeken, profielen, referentielijsten, rekenregels) en de API voor scholen. Alle antwoorden zijn JSON (UTF-8), behalve de CSV-bestanden. Een fout heeft altijd de vorm {"error":{"code","message","fields"}} met een Nederlandse melding.',
    },
    tags: [
      { name: "Openbaar", description: "Zonder inloggen: alleen openbare gegevens." },
      { name: "Rekenregels", description: "De berekeningen van de rekenhulp." },
      { name: "School", description: "Voor scholen: met een API-token of de sessiecookie." },
      { name: "Documentatie", description: "Dit document." },
    ],
  }) as unknown as ApiDocument;
  return cached;
}

api.openapi(documentRoute, (c) => {
  c.header("Cache-Control", "public, max-age=300");
  return c.json(apiDocument() as unknown as { openapi: string; info: { title: string } }, 200);
});

api.get("/api", (c) => c.render(<ApiReferencePage doc={apiDocument()} />, apiReferenceHead));
