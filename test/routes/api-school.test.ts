// School API (DESIGN §5): registering, validation (422), duplicates (409), reading, logging and
// the status after each kind of log.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { bearer, createSchoolWithUser } from "../helpers/factories";
import { CREBO, OTHER_CREBO, UTRECHT, createTestAssessor } from "../helpers/assessors";

let t: TestApp;
let auth: string;
let school: { id: string; name: string };
let user: { id: string };

beforeEach(async () => {
  t = await createTestApp();
  ({ school, user } = await createSchoolWithUser(t.db, "ROC Test"));
  auth = await bearer(t.db, user.id, school.id);
});
afterEach(() => t.close());

const body = (overrides: Record<string, unknown> = {}) => ({
  first_name: "Jan",
  infix: "van der",
  last_name: "Meer",
  email: "jan.vandermeer@voorbeeld.nl",
  phone: "06-12345678",
  organisation: "Installatiebedrijf Van Dam",
  places: [UTRECHT],
  crebos: [CREBO],
  initial_training: {
    date: "2024-03-01",
    provider: "Kenniscentrum Techniek",
    components: ["exam_process", "assessing", "final_interview"],
  },
  public_consent: true,
  ...overrides,
});

function call(method: string, path: string, json?: unknown, headers: Record<string, string> = {}) {
  return t.app.request(path, {
    method,
    headers: {
      Authorization: auth,
      ...(json === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}

describe("POST /api/v1/school/assessors", () => {
  it("registers an assessor, links the school and answers 201 with the full record", async () => {
    const res = await call("POST", "/api/v1/school/assessors", body());
    expect(res.status).toBe(201);
    const record = await res.json();
    expect(record).toMatchObject({
      first_name: "Jan",
      infix: "van der",
      last_name: "Meer",
      email: "jan.vandermeer@voorbeeld.nl",
      places: [{ code: UTRECHT, name: "Utrecht", province: "UT" }],
      crebos: [{ code: CREBO }],
      linked: true,
      version: 1,
      status: "qualified",
      exam_valid_until: "2027-02-28",
      refresher_valid_until: "2027-02-28",
      valid_until: "2027-02-28",
      examinations: [],
      refresher_trainings: [],
      schools: [{ id: school.id, name: "ROC Test", registering: true }],
    });
    expect(record.id).toMatch(/^[a-z0-9]{16}$/);
    expect(record.days_left).toBe(258);
    // publicly visible at once (consent, qualified)
    const pub = await t.app.request(`/api/v1/assessors/${record.id}`);
    expect(pub.status).toBe(200);
  });

  it.each([
    [
      "missing component",
      {
        initial_training: {
          date: "2024-03-01",
          provider: "X",
          components: ["exam_process", "assessing"],
        },
      },
      "initial_training.components",
    ],
    [
      "future training date",
      {
        initial_training: {
          date: "2026-06-16",
          provider: "X",
          components: ["exam_process", "assessing", "final_interview"],
        },
      },
      "initial_training.date",
    ],
    [
      "impossible date",
      {
        initial_training: {
          date: "2026-02-30",
          provider: "X",
          components: ["exam_process", "assessing", "final_interview"],
        },
      },
      "initial_training.date",
    ],
    ["unknown place", { places: ["0001"] }, "places"],
    ["badly formed place", { places: ["Utrecht"] }, "places"],
    ["unknown crebo", { crebos: ["99999"] }, "crebos"],
    ["bad email", { email: "jan@" }, "email"],
    ["missing last name", { last_name: "" }, "last_name"],
    ["missing consent", { public_consent: undefined }, "public_consent"],
    ["unknown field", { salary: 1 }, "salary"],
  ])("422 for %s, naming the field", async (_name, overrides, field) => {
    const res = await call("POST", "/api/v1/school/assessors", body(overrides));
    expect(res.status).toBe(422);
    const json = await res.json();
    expect(json.error.code).toBe("invalid");
    expect(json.error.fields[field]).toEqual(expect.any(String));
    expect(json.error.message).toEqual(expect.any(String));
  });

  it("accepts null or missing optional fields", async () => {
    const res = await call(
      "POST",
      "/api/v1/school/assessors",
      body({ infix: null, phone: null, organisation: undefined }),
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ infix: "", phone: "", organisation: "" });
  });

  it("400 for malformed JSON", async () => {
    const res = await t.app.request("/api/v1/school/assessors", {
      method: "POST",
      headers: { Authorization: auth, "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("malformed");
  });

  it("409 duplicate with existing_id for the same email in another case", async () => {
    const first = await (await call("POST", "/api/v1/school/assessors", body())).json();
    const res = await call(
      "POST",
      "/api/v1/school/assessors",
      body({ email: "JAN.VanDerMeer@Voorbeeld.NL" }),
    );
    expect(res.status).toBe(409);
    const json = await res.json();
    expect(json.error.code).toBe("duplicate");
    expect(json.error.existing_id).toBe(first.id);
    expect(json.error.message).toMatch(/Koppel/);
  });

  it("stores <script> in a name as typed", async () => {
    const res = await call(
      "POST",
      "/api/v1/school/assessors",
      body({ first_name: "<script>alert(1)</script>" }),
    );
    expect(res.status).toBe(201);
    const record = await res.json();
    expect(record.first_name).toBe("<script>alert(1)</script>");
    const again = await (await call("GET", `/api/v1/school/assessors/${record.id}`)).json();
    expect(again.first_name).toBe("<script>alert(1)</script>");
  });
});

describe("logging and status", () => {
  it("examinations and refresher trainings move the windows; status follows", async () => {
    // Training 2023-06-15 → both windows end 2026-06-14: lapsed on 2026-06-15.
    const { id } = await createTestAssessor(
      t.db,
      { school, user },
      {
        initialTraining: {
          date: "2023-06-15",
          provider: "X",
          components: ["exam_process", "assessing", "final_interview"],
        },
      },
    );
    const get = async () => (await call("GET", `/api/v1/school/assessors/${id}`)).json();
    expect(await get()).toMatchObject({
      status: "lapsed",
      valid_until: "2026-06-14",
      days_left: -1,
    });

    const exam = await call("POST", `/api/v1/school/assessors/${id}/examinations`, {
      date: "2026-05-01",
      crebo: CREBO,
      notes: "BPV Utrecht",
    });
    expect(exam.status).toBe(201);
    const examJson = await exam.json();
    expect(examJson).toMatchObject({
      id: expect.any(String),
      date: "2026-05-01",
      crebo: CREBO,
      notes: "BPV Utrecht",
    });
    // still lapsed: the bijscholing window has ended
    expect(await get()).toMatchObject({
      status: "lapsed",
      exam_valid_until: "2029-04-30",
      refresher_valid_until: "2026-06-14",
    });

    const refresher = await call("POST", `/api/v1/school/assessors/${id}/refresher-trainings`, {
      date: "2026-06-01",
      kind: "terugkomdag",
      description: "",
      provider: "Kenniscentrum",
    });
    expect(refresher.status).toBe(201);
    expect(await get()).toMatchObject({
      status: "qualified",
      valid_until: "2029-04-30",
      refresher_valid_until: "2029-05-31",
    });

    // ?on= evaluates on another date: the same record was lapsed before the logs
    expect(
      await (await call("GET", `/api/v1/school/assessors/${id}?on=2026-06-20`)).json(),
    ).toMatchObject({ status: "qualified" });
    expect(
      await (await call("GET", `/api/v1/school/assessors/${id}?on=2029-03-01`)).json(),
    ).toMatchObject({ status: "expiring" });

    // deleting the examination brings the exam window back
    const del = await call("DELETE", `/api/v1/school/assessors/${id}/examinations/${examJson.id}`);
    expect(del.status).toBe(204);
    expect(await get()).toMatchObject({ status: "lapsed", exam_valid_until: "2026-06-14" });
  });

  it.each([
    ["future date", { date: "2026-06-16", crebo: CREBO }, "date", /toekomst/],
    [
      "date before the initial training",
      { date: "2024-01-01", crebo: CREBO },
      "date",
      /vóór de initiële scholing/,
    ],
    ["not a date", { date: "15-06-2026", crebo: CREBO }, "date", /geldige examendatum/],
    ["crebo not of the assessor", { date: "2026-06-01", crebo: OTHER_CREBO }, "crebo", /crebo/],
  ])("examination: 422 for %s", async (_name, payload, field, message) => {
    const { id } = await createTestAssessor(t.db, { school, user });
    const res = await call("POST", `/api/v1/school/assessors/${id}/examinations`, payload);
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields[field]).toMatch(message);
  });

  it.each([
    ["future date", { date: "2026-07-01", kind: "terugkomdag" }, "date"],
    [
      "date before the initial training",
      { date: "2023-12-31", kind: "workshop_kwalificerend_beoordelen" },
      "date",
    ],
    ["unknown kind", { date: "2026-06-01", kind: "cursus" }, "kind"],
    ["overig without description", { date: "2026-06-01", kind: "overig" }, "description"],
  ])("refresher training: 422 for %s", async (_name, payload, field) => {
    const { id } = await createTestAssessor(t.db, { school, user });
    const res = await call("POST", `/api/v1/school/assessors/${id}/refresher-trainings`, payload);
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields[field]).toEqual(expect.any(String));
  });

  it("accepts a log dated today and one on the training date", async () => {
    const { id } = await createTestAssessor(t.db, { school, user });
    expect(
      (
        await call("POST", `/api/v1/school/assessors/${id}/examinations`, {
          date: "2026-06-15",
          crebo: CREBO,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call("POST", `/api/v1/school/assessors/${id}/refresher-trainings`, {
          date: "2024-01-10",
          kind: "overig",
          description: "Intervisie",
        })
      ).status,
    ).toBe(201);
  });
});
