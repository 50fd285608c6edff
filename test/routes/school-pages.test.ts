// School pages (DESIGN §6): dashboard, register form, profile with its forms (plain POST and
// htmx), edit with a stale version, escaping of user data.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { createSchoolWithUser, sessionCookie } from "../helpers/factories";
import { CREBO, UTRECHT, createTestAssessor } from "../helpers/assessors";

const ORIGIN = "http://localhost:8787";

let t: TestApp;
let cookie: string;
let school: { id: string; name: string };
let user: { id: string };

beforeEach(async () => {
  t = await createTestApp();
  ({ school, user } = await createSchoolWithUser(t.db, "ROC Midden"));
  cookie = await sessionCookie(t.db, user.id);
});
afterEach(() => t.close());

function get(path: string, headers: Record<string, string> = {}) {
  return t.app.request(path, { headers: { Cookie: cookie, ...headers } });
}

function post(
  path: string,
  fields: [string, string][] | Record<string, string>,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields));
  return t.app.request(path, {
    method: "POST",
    headers: {
      Cookie: cookie,
      Origin: ORIGIN,
      "Content-Type": "application/x-www-form-urlencoded",
      ...headers,
    },
    body,
  });
}

const registration = (overrides: Record<string, string> = {}): [string, string][] => {
  const base: Record<string, string> = {
    first_name: "Sanne",
    infix: "de",
    last_name: "Vries",
    email: "sanne.devries@voorbeeld.nl",
    phone: "06-11112222",
    organisation: "Elektro Noord",
    training_date: "2025-01-15",
    training_provider: "Kenniscentrum Techniek",
    consent: "ja",
    ...overrides,
  };
  const fields: [string, string][] = Object.entries(base).filter(([, v]) => v !== "");
  fields.push(
    ["places", "Utrecht (UT) [3295]"],
    ["places", ""],
    ["crebos", `${CREBO} Eerste monteur`],
    ["crebos", ""],
  );
  for (const c of ["exam_process", "assessing", "final_interview"])
    if (!overrides[`no_${c}`]) fields.push(["components", c]);
  return fields;
};

describe("/school dashboard", () => {
  it("redirects to the login page without a session", async () => {
    const res = await t.app.request("/school");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/inloggen/);
  });

  it("shows counts per status and the own list, soonest deadline first, with what is missing", async () => {
    await createTestAssessor(
      t.db,
      { school, user },
      {
        firstName: "Later",
        initialTraining: {
          date: "2025-06-01",
          provider: "X",
          components: ["exam_process", "assessing", "final_interview"],
        },
      },
    );
    await createTestAssessor(
      t.db,
      { school, user },
      {
        firstName: "Eerder",
        initialTraining: {
          date: "2023-08-01",
          provider: "X",
          components: ["exam_process", "assessing", "final_interview"],
        },
      },
    );
    await createTestAssessor(
      t.db,
      { school, user },
      {
        firstName: "Verlopen",
        initialTraining: {
          date: "2022-01-01",
          provider: "X",
          components: ["exam_process", "assessing", "final_interview"],
        },
      },
    );
    const other = await createSchoolWithUser(t.db, "Andere School");
    await createTestAssessor(t.db, other, { firstName: "Vreemd" });
    const res = await get("/school");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Verloopt binnenkort");
    expect(html).toMatch(/<span class="number">1<\/span><span class="label">Verloopt binnenkort/);
    expect(html).toMatch(/<span class="number">1<\/span><span class="label">Verlopen/);
    expect(html.indexOf("Eerder")).toBeLessThan(html.indexOf("Verlopen van der"));
    expect(html.indexOf("Verlopen van der")).toBeLessThan(html.indexOf("Later"));
    expect(html).not.toContain("Vreemd");
    expect(html).toContain("Geen examen sinds 1 augustus 2023");
    expect(html).toContain("Nog geen bijscholing sinds 1 augustus 2023");
    // all schools: read-only search over other schools' assessors
    const all = await (await get("/school?linked=false&q=vreemd")).text();
    expect(all).toContain("Vreemd");
    expect(all).toContain("Andere School");
  });

  it("answers htmx with the list partial only, and varies on HX-Request", async () => {
    await createTestAssessor(t.db, { school, user }, { firstName: "Partial" });
    const res = await get("/school?q=partial", {
      "HX-Request": "true",
      "HX-Request-Type": "partial",
    });
    const html = await res.text();
    expect(html.startsWith('<div id="beoordelaars"')).toBe(true);
    expect(html).not.toContain("<html");
    expect(res.headers.get("vary")).toMatch(/HX-Request/);
  });
});

describe("registering through the form", () => {
  it("registers after the criteria check and redirects to the profile", async () => {
    const res = await post("/school/beoordelaars/nieuw", registration());
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/school\/beoordelaars\/[a-z0-9]{16}\?melding=geregistreerd$/);
    const profile = await (await get(location)).text();
    expect(profile).toContain("Sanne de Vries");
    expect(profile).toContain("De beoordelaar is geregistreerd");
    expect(profile).toContain("Gekwalificeerd");
    expect(profile).toContain("sanne.devries@voorbeeld.nl");
  });

  it("shows the form with Dutch errors next to the fields (422)", async () => {
    const res = await post(
      "/school/beoordelaars/nieuw",
      registration({
        no_final_interview: "1",
        email: "sanne@",
        training_date: "2026-07-01",
        consent: "",
      }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Alle drie onderdelen van de initiële scholing zijn verplicht");
    expect(html).toContain("Vul een geldig e-mailadres in");
    expect(html).toContain("mag niet in de toekomst liggen");
    expect(html).toContain("Geef aan of de beoordelaar toestemming geeft");
    expect(html).toContain('value="Sanne"');
  });

  it("accepts a place code or an exact name without JavaScript, and names unknown places", async () => {
    const fields = registration().filter(([k]) => k !== "places");
    const ok = await post("/school/beoordelaars/nieuw", [
      ...fields,
      ["places", "De Meern"],
      ["places", UTRECHT],
    ]);
    expect(ok.status).toBe(303);
    const bad = await post("/school/beoordelaars/nieuw", [
      ...registration({ email: "ander@voorbeeld.nl" }).filter(([k]) => k !== "places"),
      ["places", "Atlantis"],
    ]);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Onbekende plaats: Atlantis.");
    const ambiguous = await post("/school/beoordelaars/nieuw", [
      ...registration({ email: "derde@voorbeeld.nl" }).filter(([k]) => k !== "places"),
      ["places", "Alphen"],
    ]);
    expect(ambiguous.status).toBe(422);
    expect(await ambiguous.text()).toContain("meerdere plaatsen met de naam Alphen");
  });

  it("offers to link an assessor whose email is already registered", async () => {
    const other = await createSchoolWithUser(t.db, "Andere School");
    const { id } = await createTestAssessor(t.db, other, {
      email: "bekend@voorbeeld.nl",
      firstName: "Bekende",
    });
    const res = await post(
      "/school/beoordelaars/nieuw",
      registration({ email: "BEKEND@voorbeeld.nl" }),
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("Deze beoordelaar staat al in het register");
    expect(html).toContain(`action="/school/beoordelaars/${id}/koppelen"`);
    const link = await post(`/school/beoordelaars/${id}/koppelen`, {});
    expect(link.status).toBe(303);
    const profile = await (await get(link.headers.get("location")!)).text();
    expect(profile).toContain("Examen registreren");
  });

  it("stores <script> in a name as typed and escapes it in HTML", async () => {
    const res = await post(
      "/school/beoordelaars/nieuw",
      registration({ first_name: "<script>alert('x')</script>" }),
    );
    expect(res.status).toBe(303);
    const html = await (await get(res.headers.get("location")!)).text();
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert");
    const list = await (await get("/school")).text();
    expect(list).not.toContain("<script>alert");
  });
});

describe("profile forms", () => {
  it("logs an examination (plain POST → redirect) and a bijscholing (htmx → partial); status and timeline change", async () => {
    const { id } = await createTestAssessor(
      t.db,
      { school, user },
      {
        initialTraining: {
          date: "2023-06-20",
          provider: "X",
          components: ["exam_process", "assessing", "final_interview"],
        },
      },
    );
    let html = await (await get(`/school/beoordelaars/${id}`)).text();
    expect(html).toContain("Verloopt binnenkort");
    const exam = await post(`/school/beoordelaars/${id}/examens`, {
      "exam-date": "2026-06-01",
      "exam-crebo": CREBO,
      "exam-notes": "Proeve",
    });
    expect(exam.status).toBe(303);
    html = await (await get(exam.headers.get("location")!)).text();
    expect(html).toContain("Het examen is geregistreerd.");
    expect(html).toContain("Examen afgenomen");
    expect(html).toContain("Proeve");
    expect(html).toContain("Verloopt binnenkort"); // bijscholing still due
    const refresher = await post(
      `/school/beoordelaars/${id}/bijscholingen`,
      {
        "refresher-date": "2026-06-10",
        "refresher-kind": "verificatiebijeenkomst",
        "refresher-provider": "ROC",
      },
      { "HX-Request": "true", "HX-Request-Type": "partial" },
    );
    expect(refresher.status).toBe(200);
    html = await refresher.text();
    expect(html.startsWith('<div id="profiel"')).toBe(true);
    expect(html).toContain("Bijscholing: Verificatiebijeenkomst");
    expect(html).toContain("Gekwalificeerd");
    expect(html).toContain("31 mei 2029"); // exam window from 2026-06-01
  });

  it("shows field errors inside the profile (422) for a future date and one before the training", async () => {
    const { id } = await createTestAssessor(t.db, { school, user });
    const future = await post(`/school/beoordelaars/${id}/examens`, {
      "exam-date": "2026-06-16",
      "exam-crebo": CREBO,
    });
    expect(future.status).toBe(422);
    expect(await future.text()).toContain("De examendatum mag niet in de toekomst liggen.");
    const early = await post(`/school/beoordelaars/${id}/bijscholingen`, {
      "refresher-date": "2020-01-01",
      "refresher-kind": "terugkomdag",
    });
    expect(early.status).toBe(422);
    expect(await early.text()).toContain(
      "mag niet vóór de initiële scholing (10 januari 2024) liggen",
    );
  });

  it("consent withdrawal removes the public profile at once", async () => {
    const { id } = await createTestAssessor(t.db, { school, user });
    expect((await t.app.request(`/api/v1/assessors/${id}`)).status).toBe(200);
    const res = await post(`/school/beoordelaars/${id}/toestemming`, { consent: "nee" });
    expect(res.status).toBe(303);
    expect((await t.app.request(`/api/v1/assessors/${id}`)).status).toBe(404);
  });

  it("afmelding hides the assessor from others; the registering school can undo it", async () => {
    const { id } = await createTestAssessor(t.db, { school, user });
    const other = await createSchoolWithUser(t.db);
    const otherCookie = await sessionCookie(t.db, other.user.id);
    const res = await post(`/school/beoordelaars/${id}/afmelding`, {
      "dereg-date": "2026-06-15",
      "dereg-reason": "Met pensioen",
    });
    expect(res.status).toBe(303);
    expect((await t.app.request(`/api/v1/assessors/${id}`)).status).toBe(404);
    expect(
      (await t.app.request(`/school/beoordelaars/${id}`, { headers: { Cookie: otherCookie } }))
        .status,
    ).toBe(404);
    const html = await (await get(`/school/beoordelaars/${id}`)).text();
    expect(html).toContain("Afgemeld op 15 juni 2026 (Met pensioen).");
    const undo = await post(`/school/beoordelaars/${id}/afmelding/ongedaan`, {});
    expect(undo.status).toBe(303);
    expect((await t.app.request(`/api/v1/assessors/${id}`)).status).toBe(200);
  });

  it("a stale edit shows what changed instead of overwriting", async () => {
    const { id } = await createTestAssessor(t.db, { school, user }, { organisation: "Oud BV" });
    const form = await (await get(`/school/beoordelaars/${id}/bewerken`)).text();
    expect(form).toContain('name="version" value="1"');
    const fields = (org: string, version: string): [string, string][] => [
      ["first_name", "Test"],
      ["infix", "van der"],
      ["last_name", "Beoordelaar"],
      ["email", `edit-${id}@voorbeeld.nl`],
      ["phone", ""],
      ["organisation", org],
      ["places", UTRECHT],
      ["crebos", CREBO],
      ["training_date", "2024-01-10"],
      ["training_provider", "Kenniscentrum Techniek"],
      ["components", "exam_process"],
      ["components", "assessing"],
      ["components", "final_interview"],
      ["version", version],
    ];
    const first = await post(`/school/beoordelaars/${id}/bewerken`, fields("Nieuw BV", "1"));
    expect(first.status).toBe(303);
    const stale = await post(`/school/beoordelaars/${id}/bewerken`, fields("Mijn BV", "1"));
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("Iemand anders heeft deze gegevens intussen gewijzigd");
    expect(html).toMatch(/Organisatie<\/th><td>Oud BV<\/td><td>Nieuw BV<\/td>/);
    expect(html).toContain('value="Mijn BV"');
    expect(html).toContain('name="version" value="2"');
    const profile = await (await get(`/school/beoordelaars/${id}`)).text();
    expect(profile).toContain("Nieuw BV");
  });
});

describe("wording", () => {
  it("says 'uiterste datum' (as /over does), never 'deadline', in what a school reads", async () => {
    const { id } = await createTestAssessor(t.db, { school, user }, { firstName: "Wim" });
    const visibleText = (html: string) =>
      html
        .replace(/<script[\s\S]*?<\/script>/g, "")
        .replace(/<[^>]+>/g, " ")
        .replace(/\s+/g, " ");
    for (const path of ["/school", `/school/beoordelaars/${id}`, "/over"]) {
      const res = await t.app.request(path, { headers: { Cookie: cookie } });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(visibleText(html), path).not.toMatch(/deadline/i);
      // data-label is read out as the cell's label on phones.
      expect(html, path).not.toMatch(/data-label="Deadline"/);
    }
    const dashboard = await (
      await t.app.request("/school", { headers: { Cookie: cookie } })
    ).text();
    expect(dashboard).toContain("Uiterste datum");
  });
});
