// GET /api/v1/openapi.json (DESIGN §4): a valid OpenAPI 3.1 document that names exactly the
// /api/v1 routes the app answers, with the error shape and the school API's security; /api renders it.
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";

type Operation = {
  summary?: string;
  tags?: string[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { security?: unknown[]; responses: Record<string, unknown> }>
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

let t: TestApp;
let doc: Doc;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.request("/api/v1/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  doc = (await res.json()) as Doc;
});
afterAll(() => t.close());

/** Every (METHOD, /api/v1 path) in the app's route table, paths in OpenAPI form ({id}). */
function appRoutes(): string[] {
  const seen = new Set<string>();
  for (const r of t.app.routes) {
    if (r.method === "ALL" || !r.path.startsWith("/api/v1/")) continue;
    seen.add(`${r.method} ${r.path.replace(/:([^/]+)/g, "{$1}")}`);
  }
  return [...seen].sort();
}

function documentedRoutes(): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

describe("the OpenAPI document", () => {
  it("validates as OpenAPI 3.1", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Record<string, unknown>);
    expect(result.errors, JSON.stringify(result.errors, null, 1)).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    // The validator is not a rubber stamp: a parameter without its location is refused.
    const broken = structuredClone(doc) as Doc;
    const places = broken.paths["/api/v1/places"]!.get as unknown as {
      parameters: { in?: string }[];
    };
    delete places.parameters[0]!.in;
    expect(
      (await new Validator().validate(broken as unknown as Record<string, unknown>)).valid,
    ).toBe(false);
  });

  it("documents every /api/v1 route of the app, and nothing the app does not answer", () => {
    const routes = appRoutes();
    expect(routes.length).toBeGreaterThan(20);
    expect(documentedRoutes()).toEqual(routes);
    // The three parts of the API are all there.
    expect(routes).toContain("GET /api/v1/assessors/{id}");
    expect(routes).toContain("POST /api/v1/rules/exam-result");
    expect(routes).toContain("PATCH /api/v1/school/assessors/{id}");
    expect(routes).toContain("GET /api/v1/openapi.json");
  });

  it("describes the error shape once and uses it for the error responses", () => {
    expect(doc.components.schemas.Error).toMatchObject({
      type: "object",
      required: ["error"],
      properties: {
        error: {
          type: "object",
          required: ["code", "message"],
          properties: { code: { type: "string" }, message: { type: "string" } },
        },
      },
    });
    const search = doc.paths["/api/v1/assessors"]!.get!.responses["422"];
    expect(search).toMatchObject({
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    });
  });

  it("gives every operation a Dutch summary, a tag, a success answer and errors in the one shape", () => {
    const ERROR = { $ref: "#/components/schemas/Error" };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item) as [string, Operation][]) {
        const label = `${method} ${path}`;
        expect(op.summary, label).toMatch(/^[A-ZÉ]/);
        expect(op.tags, label).toHaveLength(1);
        const statuses = Object.keys(op.responses);
        expect(
          statuses.some((s) => s.startsWith("2")),
          label,
        ).toBe(true);
        for (const status of statuses.filter((s) => s.startsWith("4") && s !== "422")) {
          expect(
            op.responses[status]?.content?.["application/json"]?.schema,
            `${label} ${status}`,
          ).toEqual(ERROR);
        }
      }
    }
  });

  it("secures every school route with bearer token or session cookie, and no public route", () => {
    expect(doc.components.securitySchemes).toMatchObject({
      bearer: { type: "http", scheme: "bearer" },
      cookie: { type: "apiKey", in: "cookie" },
    });
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const label = `${method} ${path}`;
        if (path.startsWith("/api/v1/school/"))
          expect(op.security, label).toEqual([{ bearer: [] }, { cookie: [] }]);
        else expect(op.security, label).toBeUndefined();
      }
    }
  });

  it("describes request parameters and bodies from the validating schemas", () => {
    const search = doc.paths["/api/v1/assessors"]!.get as unknown as {
      parameters: { name: string; in: string }[];
    };
    expect(search.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "q",
        "province",
        "place",
        "crebo",
        "near",
        "radius_km",
        "sort",
        "page",
        "per_page",
      ]),
    );
    const create = doc.paths["/api/v1/school/assessors"]!.post as unknown as {
      requestBody: {
        content: {
          "application/json": { schema: { required: string[]; additionalProperties: boolean } };
        };
      };
    };
    const schema = create.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(
      expect.arrayContaining([
        "first_name",
        "last_name",
        "email",
        "places",
        "crebos",
        "initial_training",
        "public_consent",
      ]),
    );
    expect(schema.additionalProperties).toBe(false);
  });
});

describe("/api, the reference page", () => {
  it("renders every documented route in Dutch, server-side, without scripts of its own", async () => {
    const res = await t.app.request("/api");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain("API-documentatie");
    expect(html).toContain('href="/api/v1/openapi.json"');
    for (const route of documentedRoutes()) {
      const [method, path] = route.split(" ");
      expect(html, route).toContain(`>${method}</span> <code class="break">${path}</code>`);
    }
    // No CDN: every script and stylesheet is our own.
    const external = [...html.matchAll(/(?:src|href)="(?:https?:)?\/\/[^"]*"/g)].map((m) => m[0]);
    expect(external).toEqual([]);
    expect(html).toContain("/static/api.css");
    expect(html).toContain("Inloggen vereist");
  });
});
