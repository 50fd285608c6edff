// Contract: every operation in /api/v1/openapi.json is called for real (a libSQL test database with
// fixtures; school routes with a bearer token) and each real answer — status and body — is checked
// against the document's response schema with ajv (JSON Schema 2020-12). The document cannot
// drift from the code: a new route fails here until it is documented and exercised.
// (Long on purpose: one call per documented operation and status, in the order a school works.)
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { bearer, createSchoolWithUser, createUser } from "../helpers/factories";
import { CREBO, UTRECHT } from "../helpers/assessors";

type Media = Record<string, { schema?: object }>;
type Operation = { responses: Record<string, { content?: Media }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: object };

let t: TestApp;
let doc: Doc;
let ajv: Ajv2020;
let auth: string;
let otherAuth: string;
let staffAuth: string;
let schoolId: string;
const compiled = new Map<string, ValidateFunction>();
/** "GET /api/v1/assessors/{id}" → the statuses really answered and checked. */
const checked = new Map<string, Set<string>>();

beforeAll(async () => {
  t = await createTestApp();
  doc = (await (await t.app.request("/api/v1/openapi.json")).json()) as Doc;
  // strict: false — OpenAPI adds annotations (example, contentMediaType) ajv need not know.
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const a = await createSchoolWithUser(t.db, "ROC Contract");
  auth = await bearer(t.db, a.user.id, a.school.id);
  schoolId = a.school.id;
  const staff = await createUser(t.db, { schoolId: a.school.id, role: "staff" });
  staffAuth = await bearer(t.db, staff.id, a.school.id);
  const b = await createSchoolWithUser(t.db, "ROC Ander");
  otherAuth = await bearer(t.db, b.user.id, b.school.id);
});
afterAll(() => t.close());

/** The response schema of (operation, status), with the document's components for its $refs. */
function validatorFor(method: string, template: string, status: string, type: string) {
  const key = `${method} ${template} ${status} ${type}`;
  let validate = compiled.get(key);
  if (!validate) {
    const op = doc.paths[template]?.[method.toLowerCase()];
    expect(op, `${method} ${template} is not in the document`).toBeDefined();
    const response = op!.responses[status];
    expect(response, `${method} ${template} answered ${status}, not documented`).toBeDefined();
    const media = response!.content?.[type];
    expect(media?.schema, `${method} ${template} ${status}: no schema for ${type}`).toBeDefined();
    validate = ajv.compile({ ...media!.schema, components: doc.components });
    compiled.set(key, validate);
  }
  return validate;
}

type Call = {
  method?: string;
  /** The document's path template, e.g. /api/v1/assessors/{id}. */
  template: string;
  params?: Record<string, string>;
  query?: string;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  as?: "school" | "other" | "staff" | "anonymous";
  status: number;
};

/** Calls the route for real and checks status and body against the document; returns the body. */
// biome-ignore lint/suspicious/noExplicitAny: the body has just been checked against its schema; the test reads fields from it
async function call(c: Call): Promise<any> {
  const method = c.method ?? "GET";
  let path = c.template;
  for (const [k, v] of Object.entries(c.params ?? {})) path = path.replace(`{${k}}`, v);
  const who = c.as ?? (c.template.startsWith("/api/v1/school/") ? "school" : "anonymous");
  const headers: Record<string, string> = { ...c.headers };
  const tokens = { school: auth, other: otherAuth, staff: staffAuth };
  if (who !== "anonymous") headers.Authorization = tokens[who];
  if (c.json !== undefined) headers["Content-Type"] = "application/json";
  const res = await t.app.request(path + (c.query ? `?${c.query}` : ""), {
    method,
    headers,
    body: c.json !== undefined ? JSON.stringify(c.json) : c.body,
  });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text.slice(0, 300)}`).toBe(c.status);
  const status = String(res.status);
  const documented = doc.paths[c.template]?.[method.toLowerCase()]?.responses[status];
  expect(documented, `${method} ${c.template} answered ${status}, not documented`).toBeDefined();
  let body: unknown = text;
  if (res.status === 204) {
    expect(text).toBe("");
    expect(documented!.content).toBeUndefined();
  } else {
    const type = (res.headers.get("content-type") ?? "").split(";")[0]!.trim();
    if (type === "application/json") body = JSON.parse(text);
    const validate = validatorFor(method, c.template, status, type);
    const ok = validate(body);
    expect(ok, `${method} ${path} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  }
  const key = `${method} ${c.template}`;
  checked.set(key, (checked.get(key) ?? new Set()).add(status));
  return body;
}

const newAssessor = (email: string, consent = true) => ({
  first_name: "Jan",
  infix: "van der",
  last_name: "Meer",
  email,
  phone: "06-12345678",
  organisation: "Installatiebedrijf Van Dam",
  places: [UTRECHT],
  crebos: [CREBO],
  initial_training: {
    date: "2024-03-01",
    provider: "Kenniscentrum Techniek",
    components: ["exam_process", "assessing", "final_interview"],
  },
  public_consent: consent,
});

describe("every documented route answers as documented", () => {
  it("the document itself", async () => {
    await call({ template: "/api/v1/openapi.json", status: 200 });
  });

  it("the school API: register, read, change, log, consent, afmelding, link, export, erase", async () => {
    const S = "/api/v1/school/assessors";
    await call({ template: S, as: "anonymous", status: 401 });
    const record = await call({
      method: "POST",
      template: S,
      json: newAssessor("jan@voorbeeld.nl"),
      headers: { "Idempotency-Key": "contract-1" },
      status: 201,
    });
    const id = record.id as string;
    await call({ method: "POST", template: S, json: { first_name: "" }, status: 422 });
    await call({ method: "POST", template: S, body: "{kapot", status: 400 });
    await call({
      method: "POST",
      template: S,
      json: newAssessor("JAN@voorbeeld.nl"),
      status: 409,
    });
    await call({ template: S, query: "linked=true&status=qualified", status: 200 });
    await call({ template: S, query: "status=onbekend", status: 422 });
    await call({ template: `${S}.csv`, status: 200 });

    const P = `${S}/{id}`;
    await call({ template: P, params: { id }, query: "on=2026-01-01", status: 200 });
    await call({ template: P, params: { id: "bestaatniet" }, status: 404 });
    const patched = await call({
      method: "PATCH",
      template: P,
      params: { id },
      json: { version: record.version, organisation: "Van Dam Techniek" },
      status: 200,
    });
    await call({
      method: "PATCH",
      template: P,
      params: { id },
      json: { version: record.version, organisation: "Verouderd" },
      status: 409,
    });
    expect(patched.version).toBe(record.version + 1);
    await call({
      method: "PATCH",
      template: P,
      params: { id },
      json: { version: 1 },
      as: "other",
      status: 403,
    });

    const exam = await call({
      method: "POST",
      template: `${P}/examinations`,
      params: { id },
      json: { date: "2025-05-01", crebo: CREBO, notes: "Proeve" },
      status: 201,
    });
    await call({
      method: "POST",
      template: `${P}/examinations`,
      params: { id },
      json: { date: "2099-01-01", crebo: CREBO },
      status: 422,
    });
    const refresher = await call({
      method: "POST",
      template: `${P}/refresher-trainings`,
      params: { id },
      json: { date: "2025-06-01", kind: "terugkomdag" },
      status: 201,
    });
    // The record with logs is read back and checked against the document, lists included.
    await call({ template: P, params: { id }, status: 200 });
    await call({
      method: "DELETE",
      template: `${P}/examinations/{eid}`,
      params: { id, eid: exam.id },
      status: 204,
    });
    await call({
      method: "DELETE",
      template: `${P}/refresher-trainings/{rid}`,
      params: { id, rid: refresher.id },
      status: 204,
    });
    await call({
      method: "DELETE",
      template: `${P}/refresher-trainings/{rid}`,
      params: { id, rid: refresher.id },
      status: 404,
    });
    await call({
      method: "POST",
      template: `${P}/consent`,
      params: { id },
      json: { public_consent: false },
      status: 200,
    });
    await call({
      method: "POST",
      template: `${P}/consent`,
      params: { id },
      json: { public_consent: true },
      status: 200,
    });
    await call({
      method: "POST",
      template: `${P}/deregistration`,
      params: { id },
      json: { date: "2026-06-01", reason: "Gestopt" },
      status: 200,
    });
    await call({ method: "DELETE", template: `${P}/deregistration`, params: { id }, status: 200 });

    // The other school links, reads, may not change, and exports.
    await call({ method: "POST", template: `${P}/link`, params: { id }, as: "other", status: 200 });
    await call({
      method: "DELETE",
      template: `${P}/deregistration`,
      params: { id },
      as: "other",
      status: 403,
    });
    const exported = await call({ template: `${P}/export`, params: { id }, status: 200 });
    expect(exported.assessor.id).toBe(id);

    // Import: the exported CSV with a new e-mail address is one new assessor for the other school.
    const csv = (await (
      await t.app.request(`${S}.csv`, { headers: { Authorization: auth } })
    ).text()) as string;
    expect(csv).toContain("jan@voorbeeld.nl");
    await call({
      method: "POST",
      template: `${S}/import`,
      body: csv.replace("jan@voorbeeld.nl", "piet@voorbeeld.nl"),
      headers: { "Content-Type": "text/csv; charset=utf-8" },
      as: "other",
      status: 201,
    });
    await call({
      method: "POST",
      template: `${S}/import`,
      body: csv,
      headers: { "Content-Type": "text/csv; charset=utf-8" },
      as: "other",
      status: 422,
    });

    await call({
      method: "POST",
      template: `${P}/erasure`,
      params: { id },
      as: "other",
      status: 403,
    });
    await call({ method: "POST", template: `${P}/erasure`, params: { id }, status: 200 });
  });

  it("the public API: search, profile, CSV, reference lists", async () => {
    const school = await call({
      method: "POST",
      template: "/api/v1/school/assessors",
      json: newAssessor("openbaar@voorbeeld.nl"),
      status: 201,
    });
    const result = await call({ template: "/api/v1/assessors", query: "q=meer", status: 200 });
    expect(result.items.map((i: { id: string }) => i.id)).toContain(school.id);
    await call({
      template: "/api/v1/assessors",
      query: `near=${UTRECHT}&radius_km=10`,
      status: 200,
    });
    await call({ template: "/api/v1/assessors", query: "near=Utrecht&radius_km=200", status: 200 });
    const ambiguous = await call({
      template: "/api/v1/assessors",
      query: "near=Beek",
      status: 422,
    });
    expect(ambiguous.error.code).toBe("ambiguous_place");
    await call({ template: "/api/v1/assessors", query: "per_page=0", status: 422 });
    await call({ template: "/api/v1/assessors.csv", query: "province=UT", status: 200 });
    await call({ template: "/api/v1/assessors.csv", query: "sort=afstand", status: 422 });
    await call({ template: "/api/v1/assessors/{id}", params: { id: school.id }, status: 200 });
    await call({ template: "/api/v1/assessors/{id}", params: { id: "nietopenbaar" }, status: 404 });
    await call({ template: "/api/v1/provinces", status: 200 });
    await call({ template: "/api/v1/postcodes/{pc4}", params: { pc4: "3811 AB" }, status: 200 });
    await call({ template: "/api/v1/postcodes/{pc4}", params: { pc4: "1029" }, status: 404 });
    await call({ template: "/api/v1/places", query: "province=ut&q=utr", status: 200 });
    await call({ template: "/api/v1/places", query: "province=XX", status: 422 });
    await call({ template: "/api/v1/crebos", query: "q=installatie", status: 200 });
    await call({ template: "/api/v1/crebos", query: `q=${"x".repeat(101)}`, status: 422 });
  });

  it("the school's public contact and its reports (Meld een fout)", async () => {
    const F = "/api/v1/school/profile";
    await call({ template: F, status: 200 });
    await call({
      method: "PATCH",
      template: F,
      json: { website: "www.roc-contract.nl", contact_email: "examenbureau@roc-contract.nl" },
      status: 200,
    });
    await call({ method: "PATCH", template: F, json: { website: "geen adres" }, status: 422 });
    await call({ method: "PATCH", template: F, json: {}, as: "staff", status: 403 });
    await call({ template: "/api/v1/schools", status: 200 });
    await call({ template: "/api/v1/schools/{id}", params: { id: schoolId }, status: 200 });
    await call({ template: "/api/v1/schools/{id}", params: { id: "onbekend" }, status: 404 });

    const assessor = await call({
      method: "POST",
      template: "/api/v1/school/assessors",
      json: newAssessor("gemeld@voorbeeld.nl"),
      status: 201,
    });
    const report = await t.app.request(`/beoordelaars/${assessor.id}/melding`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "De organisatie klopt niet meer." }),
    });
    expect(report.status).toBe(201);
    const R = "/api/v1/school/reports";
    const open = await call({ template: R, query: "status=open", status: 200 });
    expect(open).toHaveLength(1);
    await call({ template: R, query: "status=weg", status: 422 });
    await call({
      method: "POST",
      template: `${R}/{id}/close`,
      params: { id: open[0].id },
      status: 200,
    });
    await call({ method: "POST", template: `${R}/{id}/close`, params: { id: "weg" }, status: 404 });
  });

  it("the rules API", async () => {
    const R = "/api/v1/rules";
    await call({
      method: "POST",
      template: `${R}/school-exam-grade`,
      json: {
        parts: [
          { grade: 6.3, weight: 1 },
          { grade: 6.6, weight: 1 },
        ],
      },
      status: 200,
    });
    await call({
      method: "POST",
      template: `${R}/school-exam-grade`,
      json: { parts: [] },
      status: 422,
    });
    await call({ method: "POST", template: `${R}/school-exam-grade`, body: "{", status: 400 });
    await call({
      method: "POST",
      template: `${R}/final-grade`,
      json: { schoolExam: 6.4, centralExam: 5.8 },
      status: 200,
    });
    await call({
      method: "POST",
      template: `${R}/exam-result`,
      json: {
        level: "havo",
        subjects: [
          { name: "Nederlands", finalGrade: 7, centralExamGrade: 6.5, core: true },
          { name: "Engels", finalGrade: 6, centralExamGrade: 6, core: true },
          { name: "Wiskunde A", finalGrade: 6, centralExamGrade: 5.9, core: true },
          { name: "Lichamelijke opvoeding", assessment: "voldoende" },
        ],
      },
      status: 200,
    });
    await call({
      method: "POST",
      template: `${R}/exam-result`,
      json: { level: "mbo" },
      status: 422,
    });
  });

  it("called every documented operation, each with a success status", () => {
    const missing: string[] = [];
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) {
        const key = `${method.toUpperCase()} ${template}`;
        const statuses = [...(checked.get(key) ?? [])];
        if (!statuses.some((s) => s.startsWith("2"))) missing.push(key);
      }
    }
    expect(missing, "operations never answered with 2xx in this test").toEqual([]);
  });
});
