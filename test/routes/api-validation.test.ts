// The one validation path of the JSON API (routes declared with @hono/zod-openapi): the error
// shape, codes and statuses of a failed validation, JSON read whatever the Content-Type, and the
// order of the answers (401, then 404/403, then 400/422), as before the routes were declared.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { bearer, createSchoolWithUser } from "../helpers/factories";
import { createTestAssessor } from "../helpers/assessors";

let t: TestApp;
let auth: string;
let otherAuth: string;
let id: string;

beforeAll(async () => {
  t = await createTestApp();
  const a = await createSchoolWithUser(t.db, "ROC Een");
  auth = await bearer(t.db, a.user.id, a.school.id);
  const b = await createSchoolWithUser(t.db, "ROC Twee");
  otherAuth = await bearer(t.db, b.user.id, b.school.id);
  ({ id } = await createTestAssessor(t.db, { school: a.school, user: a.user }, {}));
});
afterAll(() => t.close());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  t.app.request(path, { method: "POST", body, headers });

describe("public query parameters", () => {
  it("422 invalid_parameter naming each bad parameter, in Dutch", async () => {
    const res = await t.app.request("/api/v1/assessors?per_page=500&province=XX");
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_parameter");
    expect(body.error.message).toMatch(/^Ongeldige parameter: /);
    expect(body.error.fields).toEqual({
      per_page: "per_page is hoogstens 100.",
      province: "Kies een geldige provincie (bijvoorbeeld UT of NH).",
    });
  });

  it("a parameter given twice gets a Dutch message, not zod's English", async () => {
    const res = await t.app.request("/api/v1/crebos?q=a&q=b");
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.fields.q).toMatch(/hoogstens één keer/);
  });

  it("empty values count as absent; province is case-insensitive", async () => {
    expect((await t.app.request("/api/v1/assessors?q=&province=&page=")).status).toBe(200);
    expect((await t.app.request("/api/v1/places?province=ut")).status).toBe(200);
  });

  it("an impossible public id is 404 in the error shape", async () => {
    const res = await t.app.request("/api/v1/assessors/NIET-GELDIG");
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
  });
});

describe("JSON bodies", () => {
  const grade = JSON.stringify({ parts: [{ grade: 7, weight: 1 }] });

  it.each([
    ["application/json", "application/json"],
    ["no Content-Type", undefined],
    ["text/plain (fetch's default for a string)", "text/plain;charset=UTF-8"],
    ["form-urlencoded (curl -d)", "application/x-www-form-urlencoded"],
  ])("are read as JSON with %s", async (_label, type) => {
    const res = await post(
      "/api/v1/rules/school-exam-grade",
      grade,
      type ? { "Content-Type": type } : {},
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ grade: 7 });
  });

  it("400 malformed for unreadable JSON, 422 invalid with fields for a broken schema", async () => {
    const bad = await post("/api/v1/rules/final-grade", "{nope", {
      "Content-Type": "application/json",
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("malformed");
    const invalid = await post(
      "/api/v1/rules/final-grade",
      JSON.stringify({ schoolExam: 11, x: 1 }),
    );
    expect(invalid.status).toBe(422);
    const body = await invalid.json();
    expect(body.error).toMatchObject({
      code: "invalid",
      message: "Een of meer waarden zijn ongeldig.",
    });
    expect(body.error.fields).toEqual({
      schoolExam: "Het cijfer voor het schoolexamen ligt tussen 1,0 en 10,0.",
      x: "Onbekend veld.",
    });
  });
});

describe("school API order of answers", () => {
  const exam = `/api/v1/school/assessors/ID/examinations`;

  it("401 before anything else, also for a malformed body", async () => {
    const res = await post(exam.replace("ID", id), "{nope");
    expect(res.status).toBe(401);
  });

  it("404 for an unknown assessor and 403 for a read-only one, before the body is judged", async () => {
    const unknown = await post(exam.replace("ID", "onbekend"), "{nope", { Authorization: auth });
    expect(unknown.status).toBe(404);
    const readOnly = await post(exam.replace("ID", id), JSON.stringify({ date: "kapot" }), {
      Authorization: otherAuth,
    });
    expect(readOnly.status).toBe(403);
    expect((await readOnly.json()).error.code).toBe("forbidden");
  });

  it("then 400 for malformed JSON and 422 naming the field, the dated rule included", async () => {
    const malformed = await post(exam.replace("ID", id), "{nope", { Authorization: auth });
    expect(malformed.status).toBe(400);
    const future = await post(
      exam.replace("ID", id),
      JSON.stringify({ date: "2030-01-01", crebo: "25332" }),
      {
        Authorization: auth,
      },
    );
    expect(future.status).toBe(422);
    expect((await future.json()).error.fields).toEqual({
      date: "De examendatum mag niet in de toekomst liggen.",
    });
    const shape = await post(
      exam.replace("ID", id),
      JSON.stringify({ date: "2025-01-01", crebo: "1" }),
      {
        Authorization: auth,
      },
    );
    expect(shape.status).toBe(422);
    expect((await shape.json()).error.fields).toEqual({ crebo: "Kies de crebo van het examen." });
  });

  it("the school list: 422 invalid naming the parameter; empty values are ignored", async () => {
    const res = await t.app.request("/api/v1/school/assessors?status=weg&per_page=abc", {
      headers: { Authorization: auth },
    });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("invalid");
    expect(Object.keys(body.error.fields).sort()).toEqual(["per_page", "status"]);
    const empty = await t.app.request("/api/v1/school/assessors?status=&q=&linked=", {
      headers: { Authorization: auth },
    });
    expect(empty.status).toBe(200);
    expect((await empty.json()).total).toBe(1);
  });

  it("the register admin's 403 on a registration comes before the body", async () => {
    const { createUser } = await import("../helpers/factories");
    const admin = await createUser(t.db, { role: "admin" });
    const res = await post("/api/v1/school/assessors", "{nope", {
      Authorization: await bearer(t.db, admin.id, null),
    });
    expect(res.status).toBe(403);
  });
});
