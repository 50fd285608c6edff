// Issue 12, item 7: the duplicate check must not leak records the caller may not see (a
// deregistered assessor of another school is 404 to it everywhere else).
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { bearer, createSchoolWithUser } from "../helpers/factories";
import { CREBO, createTestAssessor, UTRECHT } from "../helpers/assessors";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const API = "/api/v1/school/assessors";

function body(email: string) {
  return {
    first_name: "Anna",
    infix: "",
    last_name: "Jansen",
    email,
    phone: "",
    organisation: "",
    places: [UTRECHT],
    crebos: [CREBO],
    initial_training: {
      date: "2024-01-10",
      provider: "ROC",
      components: ["exam_process", "assessing", "final_interview"],
    },
    public_consent: false,
  };
}

function call(
  method: string,
  path: string,
  auth: string,
  json?: unknown,
  type = "application/json",
) {
  return t.app.request(path, {
    method,
    headers: { Authorization: auth, "Content-Type": type },
    body: typeof json === "string" ? json : JSON.stringify(json),
  });
}

async function setting() {
  const registering = await createSchoolWithUser(t.db);
  const hidden = await createTestAssessor(t.db, registering, { deregisteredOn: "2026-05-01" });
  const visible = await createTestAssessor(t.db, registering);
  const other = await createSchoolWithUser(t.db);
  return {
    hidden,
    visible,
    otherAuth: await bearer(t.db, other.user.id, other.school.id),
    registeringAuth: await bearer(t.db, registering.user.id, registering.school.id),
  };
}

describe("item 7: duplicate check hides records the caller may not see", () => {
  test("registering a deregistered assessor of another school: 409 duplicate_hidden, no id, contact the register office", async () => {
    const s = await setting();
    expect((await call("GET", `${API}/${s.hidden.id}`, s.otherAuth)).status).toBe(404);
    const res = await call("POST", API, s.otherAuth, body(s.hidden.input.email.toUpperCase()));
    expect(res.status).toBe(409);
    const text = await res.text();
    expect(text).not.toContain(s.hidden.id);
    const json = JSON.parse(text);
    expect(json.error.code).toBe("duplicate_hidden");
    expect(json.error.existing_id).toBeUndefined();
    expect(json.error.message).toContain("bureau van het register");
  });

  test("a visible duplicate still names its id; the registering school sees its own deregistered one", async () => {
    const s = await setting();
    const visible = await call("POST", API, s.otherAuth, body(s.visible.input.email));
    expect(visible.status).toBe(409);
    expect((await visible.json()).error).toMatchObject({
      code: "duplicate",
      existing_id: s.visible.id,
    });
    const own = await call("POST", API, s.registeringAuth, body(s.hidden.input.email));
    expect((await own.json()).error).toMatchObject({ code: "duplicate", existing_id: s.hidden.id });
  });

  test("changing an e-mail to the hidden one (PATCH): duplicate_hidden without id", async () => {
    const s = await setting();
    const mine = await (await call("POST", API, s.otherAuth, body("eigen@voorbeeld.nl"))).json();
    const res = await call("PATCH", `${API}/${mine.id}`, s.otherAuth, {
      version: mine.version,
      email: s.hidden.input.email,
    });
    expect(res.status).toBe(409);
    const text = await res.text();
    expect(text).not.toContain(s.hidden.id);
    expect(JSON.parse(text).error.code).toBe("duplicate_hidden");
  });

  test("the CSV import reports the hidden duplicate without its id", async () => {
    const s = await setting();
    const csv =
      "voornaam;tussenvoegsel;achternaam;e-mail;telefoon;organisatie;plaatscodes;crebos;scholing datum;scholing aanbieder;scholing onderdelen;openbaar\n" +
      `Anna;;Jansen;${s.hidden.input.email};;;${UTRECHT};${CREBO};2024-01-10;ROC;exam_process, assessing, final_interview;nee\n` +
      `Bert;;Visser;${s.visible.input.email};;;${UTRECHT};${CREBO};2024-01-10;ROC;exam_process, assessing, final_interview;nee\n`;
    const res = await call("POST", `${API}/import`, s.otherAuth, csv, "text/csv; charset=utf-8");
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).not.toContain(s.hidden.id);
    const json = JSON.parse(text);
    expect(json.rows[0].existing_id).toBeUndefined();
    expect(json.rows[0].errors["e-mail"]).toContain("bureau van het register");
    expect(json.rows[1].existing_id).toBe(s.visible.id);
  });
});
