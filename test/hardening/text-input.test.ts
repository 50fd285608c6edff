// Issue 12, items 4 and 9: no header injection through any field that reaches a mail header, and
// no control characters or bidi overrides in any text field (API, forms, CSV import); ordinary
// Unicode stays.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { accountRequests, assessors, outbox } from "#db/schema";
import { MailAddressError, queueMail } from "#src/mail";
import { createTestApp, type TestApp } from "../helpers/app";
import { bearer, createSchoolWithUser, createUser, sessionCookie } from "../helpers/factories";
import { CREBO, UTRECHT } from "../helpers/assessors";
import { postForm } from "../routes/auth-helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const EVIL = "Evil\r\nBcc: x@example.org";
const API = "/api/v1/school/assessors";

function body(overrides: Record<string, unknown> = {}) {
  return {
    first_name: "Anna",
    infix: "",
    last_name: "Jansen",
    email: `anna-${Math.random().toString(36).slice(2, 8)}@voorbeeld.nl`,
    phone: "06-12345678",
    organisation: "Jansen Installatie",
    places: [UTRECHT],
    crebos: [CREBO],
    initial_training: {
      date: "2024-01-10",
      provider: "Kenniscentrum Techniek",
      components: ["exam_process", "assessing", "final_interview"],
    },
    public_consent: true,
    ...overrides,
  };
}

async function school() {
  const who = await createSchoolWithUser(t.db);
  return { ...who, auth: await bearer(t.db, who.user.id, who.school.id) };
}

function postJson(path: string, auth: string, json: unknown, method = "POST") {
  return t.app.request(path, {
    method,
    headers: { Authorization: auth, "Content-Type": "application/json" },
    body: JSON.stringify(json),
  });
}

const request = {
  school_name: "Techniek College Utrecht",
  place: "Utrecht",
  contact_name: "Petra de Wit",
  email: "p.dewit@techniekcollege.test",
  motivation: "Wij zetten beoordelaars in.",
};

describe("item 4: CR/LF header injection", () => {
  test("account request: a school or contact name with CR/LF is refused (422), no mail is queued", async () => {
    await createUser(t.db, { role: "admin" });
    for (const field of ["school_name", "contact_name"]) {
      const res = await postForm(t.app, "/aanvragen", { ...request, [field]: EVIL });
      expect(res.status, field).toBe(422);
      expect(await res.text()).toContain(field);
    }
    expect(await t.db.select().from(accountRequests)).toHaveLength(0);
    expect(await t.db.select().from(outbox)).toHaveLength(0);
  });

  test("assessor names (API, page form, CSV import) with CR/LF are refused", async () => {
    const { auth, user } = await school();
    for (const field of ["first_name", "infix", "last_name", "organisation"]) {
      const res = await postJson(API, auth, body({ [field]: EVIL }));
      expect(res.status, field).toBe(422);
      expect((await res.json()).error.fields[field]).toMatch(/regel/);
    }
    const cookie = await sessionCookie(t.db, user.id);
    const page = await t.app.request("/school/beoordelaars/nieuw", {
      method: "POST",
      headers: {
        Cookie: cookie,
        Origin: "http://localhost:8787",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ first_name: EVIL, last_name: "Jansen" }).toString(),
    });
    expect(page.status).toBe(422);
    const csv =
      "voornaam;tussenvoegsel;achternaam;e-mail;telefoon;organisatie;plaatscodes;crebos;scholing datum;scholing aanbieder;scholing onderdelen;openbaar\n" +
      `"Evil\r\nBcc: x@example.org";;Jansen;csv@voorbeeld.nl;;;${UTRECHT};${CREBO};2024-01-10;ROC;exam_process, assessing, final_interview;ja\n`;
    const imported = await t.app.request(`${API}/import`, {
      method: "POST",
      headers: { Authorization: auth, "Content-Type": "text/csv; charset=utf-8" },
      body: csv,
    });
    expect(imported.status).toBe(422);
    expect((await t.db.select().from(assessors)).map((a) => a.firstName)).not.toContain(EVIL);
  });

  test("a PATCH of a name with CR/LF is refused", async () => {
    const who = await school();
    const created = await postJson(API, who.auth, body());
    const record = await created.json();
    const res = await postJson(
      `${API}/${record.id}`,
      who.auth,
      { version: record.version, last_name: EVIL },
      "PATCH",
    );
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields.last_name).toBeTruthy();
  });

  test("a line break that reaches the outbox anyway (old data) never becomes a header", async () => {
    await queueMail(t.db, {
      to: "school@voorbeeld.test",
      subject: `Herinnering: ${EVIL}`,
      body: "Tekst",
    });
    const [row] = await t.db.select().from(outbox);
    expect(row.subject).not.toMatch(/[\r\n]/);
    // An address with a line break is refused whole: no row, so no header can be built from it.
    await expect(
      queueMail(t.db, {
        to: "school@voorbeeld.test\r\nBcc: x@example.org",
        subject: "Hallo",
        body: "Tekst",
      }),
    ).rejects.toThrow(MailAddressError);
    expect(await t.db.select().from(outbox)).toHaveLength(1);
  });
});

describe("item 9: control characters and bidi overrides refused, ordinary Unicode kept", () => {
  test("a NUL in a name is 422 naming the field (not silently truncated to 'Nul')", async () => {
    const { auth } = await school();
    const res = await postJson(API, auth, body({ first_name: "Nul\u0000byte" }));
    expect(res.status).toBe(422);
    const json = await res.json();
    expect(json.error.fields.first_name).toMatch(/stuurteken/);
    expect(await t.db.select().from(assessors)).toHaveLength(0);
  });

  test.each([
    ["bidi override U+202E", "organisation", "Bedrijf \u202Egpj.exe"],
    ["bidi isolate U+2067", "last_name", "Jansen\u2067"],
    ["C1 control U+009B", "infix", "van\u009B"],
    ["C0 control U+0007", "last_name", "Jan\u0007sen"],
    ["DEL", "first_name", "An\u007Fna"],
  ])("%s in %s → 422 naming it", async (_what, field, value) => {
    const { auth } = await school();
    const res = await postJson(API, auth, body({ [field]: value }));
    expect(res.status).toBe(422);
    expect(Object.keys((await res.json()).error.fields)).toContain(field);
  });

  test("nested fields are named by their path; notes may hold line breaks but no NUL", async () => {
    const { auth } = await school();
    const nested = await postJson(
      API,
      auth,
      body({ initial_training: { ...body().initial_training, provider: "ROC \u202Eevil" } }),
    );
    expect(nested.status).toBe(422);
    expect((await nested.json()).error.fields["initial_training.provider"]).toBeTruthy();
    const record = await (await postJson(API, auth, body())).json();
    const ok = await postJson(`${API}/${record.id}/examinations`, auth, {
      date: "2026-06-01",
      crebo: CREBO,
      notes: "Regel één\r\nRegel twee",
    });
    expect(ok.status).toBe(201);
    const bad = await postJson(`${API}/${record.id}/examinations`, auth, {
      date: "2026-06-01",
      crebo: CREBO,
      notes: "Nul\u0000",
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields.notes).toBeTruthy();
  });

  test("forms: the account request and the assessor form refuse them with a Dutch 422 naming the field", async () => {
    const res = await postForm(t.app, "/aanvragen", { ...request, contact_name: "Petra\u202E" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("contact_name");
    expect(html).toContain("leesrichting");
    const { user } = await createSchoolWithUser(t.db);
    const page = await t.app.request("/school/beoordelaars/nieuw", {
      method: "POST",
      headers: {
        Cookie: await sessionCookie(t.db, user.id),
        Origin: "http://localhost:8787",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ first_name: "Nul\u0000byte" }).toString(),
    });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain("first_name");
  });

  test("ordinary Unicode (é, ı, ç, Fryslân) is stored as typed", async () => {
    const { auth } = await school();
    const res = await postJson(
      API,
      auth,
      body({
        first_name: "Çağrı Émile",
        last_name: "Yılmaz-Fryslân",
        organisation: "Ûnderhâld B.V.",
      }),
    );
    expect(res.status).toBe(201);
    const record = await res.json();
    const [row] = await t.db.select().from(assessors).where(eq(assessors.id, record.id));
    expect([row.firstName, row.lastName, row.organisation]).toEqual([
      "Çağrı Émile",
      "Yılmaz-Fryslân",
      "Ûnderhâld B.V.",
    ]);
  });
});
