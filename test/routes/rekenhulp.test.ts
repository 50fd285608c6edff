import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ORIGIN = "http://localhost:8787";

function postJson(path: string, body: unknown) {
  return t.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function postForm(
  path: string,
  fields: Record<string, string>,
  opts: { htmx?: boolean; origin?: string } = {},
) {
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    origin: opts.origin ?? ORIGIN,
  };
  if (opts.htmx) headers["hx-request"] = "true";
  return t.app.request(path, {
    method: "POST",
    headers,
    body: new URLSearchParams(fields).toString(),
  });
}

function getPage(path: string, htmx = false) {
  return t.app.request(path, htmx ? { headers: { "hx-request": "true" } } : {});
}

describe("POST /api/v1/rules/school-exam-grade", () => {
  test.each([
    [
      [
        { grade: 6.3, weight: 1 },
        { grade: 6.6, weight: 1 },
      ],
      6.5,
    ],
    [
      [
        { grade: 6.5, weight: 1 },
        { grade: 6.7, weight: 1 },
      ],
      6.6,
    ],
    [
      [
        { grade: 7, weight: 1 },
        { grade: 6, weight: 2 },
      ],
      6.3,
    ],
    [[{ grade: 5.55, weight: 1 }], 5.6],
    [
      [6.5, 7.2, 5.8, 8, 6.1, 7.4, 6.9, 5.5].map((grade, i) => ({
        grade,
        weight: [1, 1, 2, 1, 2, 1, 2, 1][i],
      })),
      6.6,
    ],
  ])("%j → %s", async (parts, grade) => {
    const res = await postJson("/api/v1/rules/school-exam-grade", { parts });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ grade });
  });
});

describe("POST /api/v1/rules/final-grade", () => {
  test.each([
    [{ schoolExam: 6.45, centralExam: 5.8 }, 6],
    [{ schoolExam: 6.45 }, 7],
    [{ schoolExam: 6.44 }, 6],
    [{ schoolExam: 6.45, centralExam: null }, 7],
    [{ schoolExam: 6.45, centralExam: 4.5 }, 6],
    [{ schoolExam: 5.4, centralExam: 5.5 }, 5],
  ])("%j → %s", async (body, grade) => {
    const res = await postJson("/api/v1/rules/final-grade", body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ grade });
  });
});

describe("POST /api/v1/rules/exam-result", () => {
  const havo = [
    { name: "Nederlands", finalGrade: 5, centralExamGrade: 5.4, core: true },
    { name: "Engels", finalGrade: 7, centralExamGrade: 6.6, core: true },
    { name: "Wiskunde A", finalGrade: 6, centralExamGrade: 5.9, core: true },
    { name: "Biologie", finalGrade: 7, centralExamGrade: 6.1 },
    { name: "Maatschappijleer", finalGrade: 6, combination: true },
    { name: "CKV", finalGrade: 7, combination: true },
    { name: "Lichamelijke opvoeding", assessment: "goed" },
  ];

  test("a passing havo candidate", async () => {
    const res = await postJson("/api/v1/rules/exam-result", { level: "havo", subjects: havo });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      passed: true,
      reasons: [],
      centralExamAverage: 6,
      combinationGrade: 7,
    });
  });

  test("a failing candidate gets every reason in Dutch", async () => {
    const subjects = havo.map((s) =>
      s.name === "Engels"
        ? { ...s, finalGrade: 5 }
        : s.name === "Lichamelijke opvoeding"
          ? { ...s, assessment: "onvoldoende" }
          : s,
    );
    const res = await postJson("/api/v1/rules/exam-result", { level: "vwo", subjects });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.passed).toBe(false);
    expect(body.reasons).toHaveLength(2);
    expect(body.reasons[0]).toMatch(/kernvakken/);
    expect(body.reasons[1]).toMatch(/Lichamelijke opvoeding is onvoldoende/);
    expect(body.centralExamAverage).toBe(6);
  });

  test("mavo has no combination grade", async () => {
    const res = await postJson("/api/v1/rules/exam-result", {
      level: "mavo",
      subjects: [
        { name: "Nederlands", finalGrade: 6, centralExamGrade: 5.5, core: true },
        { name: "Engels", finalGrade: 7, centralExamGrade: 5.5 },
      ],
    });
    expect(await res.json()).toEqual({ passed: true, reasons: [], centralExamAverage: 5.5 });
  });

  test("null optional fields are accepted", async () => {
    const res = await postJson("/api/v1/rules/exam-result", {
      level: "havo",
      subjects: [
        {
          name: "Nederlands",
          finalGrade: 6,
          centralExamGrade: 6,
          core: true,
          combination: null,
          assessment: null,
        },
      ],
    });
    expect(res.status).toBe(200);
  });
});

describe("rules API errors", () => {
  test.each([
    ["/api/v1/rules/school-exam-grade", "{"],
    ["/api/v1/rules/final-grade", "not json"],
    ["/api/v1/rules/exam-result", ""],
  ])("%s with malformed JSON → 400", async (path, body) => {
    const res = await postJson(path, body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toBe("malformed");
    expect(json.error.message).toMatch(/JSON/);
  });

  test.each<[string, unknown, string]>([
    ["/api/v1/rules/school-exam-grade", { parts: [] }, "parts"],
    ["/api/v1/rules/school-exam-grade", {}, "parts"],
    ["/api/v1/rules/school-exam-grade", { parts: [{ grade: 11, weight: 1 }] }, "parts.0.grade"],
    ["/api/v1/rules/school-exam-grade", { parts: [{ grade: 0.5, weight: 1 }] }, "parts.0.grade"],
    ["/api/v1/rules/school-exam-grade", { parts: [{ grade: 6, weight: 0 }] }, "parts.0.weight"],
    ["/api/v1/rules/school-exam-grade", { parts: [{ grade: 6, weight: -2 }] }, "parts.0.weight"],
    ["/api/v1/rules/school-exam-grade", { parts: [{ grade: "6,5", weight: 1 }] }, "parts.0.grade"],
    ["/api/v1/rules/school-exam-grade", { parts: [{ grade: 6 }] }, "parts.0.weight"],
    [
      "/api/v1/rules/school-exam-grade",
      { parts: [{ grade: 6, weight: 1, name: "P1" }] },
      "parts.0.name",
    ],
    ["/api/v1/rules/school-exam-grade", { parts: [{ grade: 6, weight: 1 }], extra: true }, "extra"],
    ["/api/v1/rules/school-exam-grade", [{ grade: 6, weight: 1 }], "_"],
    ["/api/v1/rules/final-grade", { schoolExam: 10.1 }, "schoolExam"],
    ["/api/v1/rules/final-grade", { centralExam: 6 }, "schoolExam"],
    ["/api/v1/rules/final-grade", { schoolExam: 6, centralExam: 0 }, "centralExam"],
    ["/api/v1/rules/final-grade", { schoolExam: 6, central_exam: 6 }, "central_exam"],
    [
      "/api/v1/rules/exam-result",
      { level: "vmbo", subjects: [{ name: "Ne", finalGrade: 6 }] },
      "level",
    ],
    ["/api/v1/rules/exam-result", { level: "havo", subjects: [] }, "subjects"],
    [
      "/api/v1/rules/exam-result",
      { level: "havo", subjects: [{ name: "Ne", finalGrade: 6.5 }] },
      "subjects.0.finalGrade",
    ],
    [
      "/api/v1/rules/exam-result",
      { level: "havo", subjects: [{ name: "Ne" }] },
      "subjects.0.finalGrade",
    ],
    [
      "/api/v1/rules/exam-result",
      { level: "havo", subjects: [{ name: "", finalGrade: 6 }] },
      "subjects.0.name",
    ],
    [
      "/api/v1/rules/exam-result",
      { level: "havo", subjects: [{ name: "LO", assessment: "matig" }] },
      "subjects.0.assessment",
    ],
    [
      "/api/v1/rules/exam-result",
      { level: "havo", subjects: [{ name: "Ne", finalGrade: 6, centralExamGrade: 12 }] },
      "subjects.0.centralExamGrade",
    ],
    [
      "/api/v1/rules/exam-result",
      { level: "havo", subjects: [{ name: "Ne", finalGrade: 6, kern: true }] },
      "subjects.0.kern",
    ],
    [
      "/api/v1/rules/exam-result",
      { level: "havo", subjects: [{ name: "Ne", core: true, assessment: "goed" }] },
      "subjects.0.finalGrade",
    ],
  ])("%s %j → 422 naming %s", async (path, body, field) => {
    const res = await postJson(path, body);
    expect(res.status).toBe(422);
    const json = await res.json();
    expect(json.error.code).toBe("invalid");
    expect(typeof json.error.message).toBe("string");
    expect(json.error.fields).toHaveProperty(field);
    expect(json.error.fields[field]).toMatch(/[a-z]/);
    expect(JSON.stringify(json)).not.toMatch(/Unrecognized|Invalid input|expected/);
  });

  test("GET on an API path is not a calculation", async () => {
    const res = await t.app.request("/api/v1/rules/final-grade");
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
  });
});

describe("GET /rekenhulp", () => {
  test("the page in Dutch, with every calculator, working without JavaScript", async () => {
    const res = await getPage("/rekenhulp");
    expect(res.status).toBe(200);
    expect(res.headers.get("vary")).toMatch(/HX-Request/);
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain("Rekenhulp examencijfers");
    expect(html).toContain('href="/static/rekenhulp.css"');
    for (const action of [
      "/rekenhulp/schoolexamen",
      "/rekenhulp/eindcijfer",
      "/rekenhulp/uitslag",
    ]) {
      expect(html).toContain(`method="post" action="${action}#`);
      expect(html).toContain(`hx-post="${action}"`);
    }
    expect(html).toContain('method="get" action="/rekenhulp/termijn#termijn"');
    expect(html).toContain('hx-get="/rekenhulp/termijn"');
    expect(html).toMatch(/<a href="\/rekenhulp" aria-current="page">/);
    expect(html).not.toMatch(/style="/);
    expect(html).not.toMatch(/<script>/);
    // The deadline form starts at today (Amsterdam, from the injected clock).
    expect(html).toContain('value="2026-06-15"');
  });

  test("?voorbeeld=havo fills in and judges an example candidate", async () => {
    const html = await (await getPage("/rekenhulp?voorbeeld=havo")).text();
    expect(html).toContain('value="Wiskunde A"');
    expect(html).toMatch(/verdict (passed|failed)/);
  });

  test("a bookmarked form address leads back to the page", async () => {
    const res = await getPage("/rekenhulp/uitslag");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/rekenhulp#uitslag");
  });
});

describe("POST /rekenhulp/schoolexamen", () => {
  const fields = {
    rows: "8",
    "part-1-name": "P1",
    "part-1-weight": "1",
    "part-1-grade": "6,3",
    "part-2-weight": "1",
    "part-2-grade": "6.6",
    "part-3-weight": "1",
    "part-3-grade": "",
  };

  test("without JavaScript: the whole page with the result and the values kept", async () => {
    const res = await postForm("/rekenhulp/schoolexamen", fields);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<html");
    expect(html).toContain("(6,3 + 6,6) / 2 = 6,45");
    expect(html).toMatch(/Cijfer schoolexamen<\/dt><dd><strong class="big-number">6,5<\/strong>/);
    expect(html).toMatch(/Eindcijfer<\/dt><dd><strong class="big-number">7<\/strong>/);
    expect(html).toContain('value="6,3"');
  });

  test("with a central-exam grade the final grade is their rounded average", async () => {
    const html = await (
      await postForm("/rekenhulp/schoolexamen", { ...fields, centralExam: "5,8" }, { htmx: true })
    ).text();
    expect(html).not.toContain("<html");
    expect(html).toMatch(/Eindcijfer<\/dt><dd><strong class="big-number">6<\/strong>/);
  });

  test("weighted PTA formula (1P1+1P2+2P3+1P4+2P5+1P6+2P7+1M1)/11", async () => {
    const grades = ["6,5", "7,2", "5,8", "8", "6,1", "7,4", "6,9", "5,5"];
    const weights = ["1", "1", "2", "1", "2", "1", "2", "1"];
    const body: Record<string, string> = { rows: "8" };
    grades.forEach((g, i) => {
      body[`part-${i + 1}-grade`] = g;
      body[`part-${i + 1}-weight`] = weights[i];
    });
    const html = await (await postForm("/rekenhulp/schoolexamen", body, { htmx: true })).text();
    expect(html).toContain("/ 11 = 6,5636…");
    expect(html).toMatch(/big-number">6,6</);
  });

  test("without JavaScript, bad input: 422, Dutch errors next to the fields", async () => {
    const res = await postForm("/rekenhulp/schoolexamen", {
      ...fields,
      "part-2-grade": "zes",
      "part-1-weight": "0",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="part-2-grade-error"');
    expect(html).toContain("is geen cijfer");
    expect(html).toContain("De weging is een getal groter dan 0");
    expect(html).toMatch(/id="part-2-grade"[^>]*aria-invalid="true"/);
    expect(html).toContain("Onderdeel 2, cijfer");
  });

  test("with htmx, bad input: 422 and the error summary as the partial", async () => {
    const res = await postForm(
      "/rekenhulp/schoolexamen",
      { rows: "8", "part-1-grade": "11", "part-1-weight": "1" },
      { htmx: true },
    );
    expect(res.status).toBe(422);
    expect(res.headers.get("vary")).toMatch(/HX-Request/);
    const html = await res.text();
    expect(html).not.toContain("<html");
    expect(html).toContain("Een cijfer ligt tussen 1,0 en 10,0.");
    expect(html).toContain('href="#part-1-grade"');
  });

  test("an empty form asks for at least one grade", async () => {
    const res = await postForm("/rekenhulp/schoolexamen", { rows: "8" }, { htmx: true });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Vul ten minste één cijfer in.");
  });

  test("Regel toevoegen adds a row, without JavaScript and with htmx (the section)", async () => {
    const page = await (
      await postForm("/rekenhulp/schoolexamen", { ...fields, action: "add-row" })
    ).text();
    expect(page).toContain('name="part-9-grade"');
    expect(page).toContain('value="6,3"');
    expect(page).toMatch(/id="part-9-name"[^>]*autofocus/);
    const section = await (
      await postForm("/rekenhulp/schoolexamen", { ...fields, action: "add-row" }, { htmx: true })
    ).text();
    expect(section).toMatch(/^<section class="panel calc" id="schoolexamen"/);
    expect(section).toContain('name="part-9-grade"');
    expect(section).toContain('value="9"');
  });

  test("a form from another site is refused (CSRF)", async () => {
    const res = await postForm("/rekenhulp/schoolexamen", fields, {
      origin: "https://evil.example",
    });
    expect(res.status).toBe(403);
  });
});

describe("POST /rekenhulp/eindcijfer", () => {
  test.each([
    [{ schoolExam: "6,45" }, "7"],
    [{ schoolExam: "6,44" }, "6"],
    [{ schoolExam: "6,45", centralExam: "5,8" }, "6"],
    [{ schoolExam: "6.5", centralExam: "5,5" }, "6"],
  ])("%j → %s", async (fields, grade) => {
    const res = await postForm("/rekenhulp/eindcijfer", fields, { htmx: true });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(
      new RegExp(`Eindcijfer</dt><dd><strong class="big-number">${grade}</strong>`),
    );
  });

  test("every id on /rekenhulp is unique, so each field has its own label", async () => {
    const html = await (await getPage("/rekenhulp")).text();
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    const seen = new Set<string>();
    const duplicates = ids.filter((id) => {
      if (seen.has(id)) return true;
      seen.add(id);
      return false;
    });
    expect(duplicates).toEqual([]);
    expect(html).toContain('<label for="eindcijfer-centralExam">');
    expect(html).toMatch(/id="eindcijfer-centralExam" name="centralExam"/);
  });

  test("missing school-exam grade → 422 next to the field", async () => {
    const res = await postForm("/rekenhulp/eindcijfer", { schoolExam: "", centralExam: "6" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="schoolExam-error"');
    expect(html).toContain("Vul het cijfer voor het schoolexamen in.");
  });
});

describe("POST /rekenhulp/uitslag", () => {
  function subjects(rows: [string, string, string, string, string][]): Record<string, string> {
    const body: Record<string, string> = { level: "havo", rows: "12" };
    rows.forEach(([name, final, ce, flags, assessment], i) => {
      const key = (f: string) => `subject-${i + 1}-${f}`;
      body[key("name")] = name;
      body[key("final")] = final;
      body[key("ce")] = ce;
      body[key("assessment")] = assessment;
      if (flags.includes("k")) body[key("core")] = "1";
      if (flags.includes("c")) body[key("combination")] = "1";
    });
    return body;
  }

  const candidate: [string, string, string, string, string][] = [
    ["Nederlands", "5", "5,4", "k", ""],
    ["Engels", "5", "5,6", "k", ""],
    ["Wiskunde B", "6", "5,5", "k", ""],
    ["Natuurkunde", "7", "6,0", "", ""],
    ["Maatschappijleer", "3", "", "c", ""],
    ["CKV", "7", "", "c", ""],
    ["Lichamelijke opvoeding", "", "", "", "onvoldoende"],
  ];

  test("afgewezen, with the Dutch reasons, the central-exam average and the combination grade", async () => {
    const res = await postForm("/rekenhulp/uitslag", subjects(candidate));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Afgewezen");
    expect(html).toContain("ten hoogste één 5 toegestaan");
    expect(html).toContain("Maatschappijleer (3)");
    expect(html).toContain("Lichamelijke opvoeding is onvoldoende");
    expect(html).toMatch(/Gemiddelde centraal examen<\/dt><dd>5,62…<\/dd>/);
    expect(html).toMatch(/Combinatiecijfer<\/dt><dd>5<\/dd>/);
    // The checkboxes keep their state.
    expect(html).toMatch(/id="subject-1-core"[^>]*checked/);
  });

  test("geslaagd", async () => {
    const passing = candidate.map((r) =>
      r[0] === "Engels"
        ? (["Engels", "7", "6,6", "k", ""] as typeof r)
        : r[0] === "Maatschappijleer"
          ? (["Maatschappijleer", "6", "", "c", ""] as typeof r)
          : r[0] === "Lichamelijke opvoeding"
            ? (["Lichamelijke opvoeding", "", "", "", "goed"] as typeof r)
            : r,
    );
    const html = await (
      await postForm("/rekenhulp/uitslag", subjects(passing), { htmx: true })
    ).text();
    expect(html).toContain("Geslaagd");
    expect(html).not.toContain("Waarom afgewezen");
  });

  test("names are data: markup in a subject name is escaped", async () => {
    const html = await (
      await postForm(
        "/rekenhulp/uitslag",
        subjects([["<script>alert(1)</script>", "3", "6", "", ""]]),
        { htmx: true },
      )
    ).text();
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;");
  });

  test("incomplete rows → 422 with errors naming the row", async () => {
    const res = await postForm(
      "/rekenhulp/uitslag",
      subjects([
        ["", "6", "", "", ""],
        ["Engels", "6,5", "", "", ""],
        ["Biologie", "", "", "", ""],
      ]),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Vul de naam van het vak in.");
    expect(html).toContain("Een eindcijfer is een geheel getal van 1 tot en met 10.");
    expect(html).toContain("Vul een eindcijfer of een beoordeling in.");
    expect(html).toContain("Vak 3, eindcijfer");
  });

  test("an unknown level → 422", async () => {
    const res = await postForm(
      "/rekenhulp/uitslag",
      { ...subjects(candidate), level: "vmbo" },
      { htmx: true },
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Kies havo, vwo of mavo.");
  });

  test("Vak toevoegen adds a row", async () => {
    const html = await (
      await postForm(
        "/rekenhulp/uitslag",
        { ...subjects(candidate), action: "add-row" },
        { htmx: true },
      )
    ).text();
    expect(html).toContain('name="subject-13-name"');
    expect(html).toContain('value="Natuurkunde"');
  });
});

describe("GET /rekenhulp/termijn and /rekenhulp/toetstijd", () => {
  test.each([
    ["date=2026-06-12&days=1&holidays=1", "maandag 15 juni 2026"],
    ["date=2026-06-13&days=1&holidays=1", "maandag 15 juni 2026"],
    ["date=2026-06-15&days=0&holidays=1", "maandag 15 juni 2026"],
    ["date=2026-06-15&days=5&holidays=1", "maandag 22 juni 2026"],
    ["date=2026-05-13&days=1&holidays=1", "vrijdag 15 mei 2026"],
    ["date=2026-05-13&days=1", "donderdag 14 mei 2026"],
    ["date=2026-04-02&days=1&holidays=1&goodFriday=1", "dinsdag 7 april 2026"],
    ["date=2026-06-15&days=2&holidays=1&extraDays=16-06-2026", "donderdag 18 juni 2026"],
    ["date=15-6-2026&days=10&holidays=1", "maandag 29 juni 2026"],
  ])("?%s → %s", async (query, expected) => {
    const res = await getPage(`/rekenhulp/termijn?${query}`, true);
    expect(res.status).toBe(200);
    expect(res.headers.get("vary")).toMatch(/HX-Request/);
    expect(await res.text()).toContain(`<strong class="big-number">${expected}</strong>`);
  });

  test("skipped holidays are named", async () => {
    const html = await (
      await getPage("/rekenhulp/termijn?date=2026-05-13&days=10&holidays=1", true)
    ).text();
    expect(html).toContain("Hemelvaartsdag (14 mei 2026)");
    expect(html).toContain("Tweede Pinksterdag (25 mei 2026)");
  });

  test("without JavaScript: the whole page, the form keeps its values", async () => {
    const res = await getPage("/rekenhulp/termijn?date=2026-06-12&days=5&holidays=1");
    const html = await res.text();
    expect(html).toContain("<html");
    expect(html).toContain("vrijdag 19 juni 2026");
    expect(html).toMatch(/id="holidays"[^>]*checked/);
  });

  test.each([
    ["date=2026-02-30&days=5", "date"],
    ["date=2026-06-15&days=-1", "days"],
    ["date=2026-06-15&days=1000", "days"],
    ["date=2026-06-15&days=5&extraDays=morgen", "extraDays"],
  ])("?%s → 422 naming %s", async (query, field) => {
    const res = await getPage(`/rekenhulp/termijn?${query}`);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(`id="${field}-error"`);
  });

  test.each([
    ["40", "ten hoogste 10 minuten", "toegang tot 15 minuten"],
    ["41", "ten hoogste 30 minuten", "toegang tot 30 minuten"],
    ["120", "ten hoogste 30 minuten", "toegang tot 30 minuten"],
  ])("toetstijd %s minutes", async (duration, extra, late) => {
    const html = await (await getPage(`/rekenhulp/toetstijd?duration=${duration}`, true)).text();
    expect(html).toContain(extra);
    expect(html).toContain(late);
  });

  test("toetstijd 0 → 422", async () => {
    expect((await getPage("/rekenhulp/toetstijd?duration=0")).status).toBe(422);
  });
});
