// Item 15 (issue 12): the export guards cells against spreadsheet formulas ('+31 6 …); the import
// takes that guard off again, so an export re-imports unchanged and gives the same records.
import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { formulaGuard, formulaUnguard, parseCsv } from "#src/lib/csv";
import { createTestApp, type TestApp } from "../helpers/app";
import { createTestAssessor } from "../helpers/assessors";
import { bearer, createSchoolWithUser, sessionCookie } from "../helpers/factories";

const apps: TestApp[] = [];
afterEach(() => {
  while (apps.length) apps.pop()!.close();
});

async function register(name: string) {
  const t = await createTestApp();
  apps.push(t);
  const { school, user } = await createSchoolWithUser(t.db, name);
  return { t, school, user, auth: await bearer(t.db, user.id, school.id) };
}

type School = Awaited<ReturnType<typeof register>>;

async function exportCsv(s: School): Promise<string> {
  const res = await s.t.app.request("/api/v1/school/assessors.csv", {
    headers: { Authorization: s.auth },
  });
  expect(res.status).toBe(200);
  return res.text();
}

async function ownAssessors(s: School) {
  const res = await s.t.app.request("/api/v1/school/assessors?linked=true&per_page=100", {
    headers: { Authorization: s.auth },
  });
  const items = (await res.json()).items as Record<string, unknown>[];
  return items
    .map((i) => ({
      name: [i.first_name, i.infix, i.last_name].join(" "),
      email: i.email,
      phone: i.phone,
      organisation: i.organisation,
    }))
    .sort((a, b) => String(a.email).localeCompare(String(b.email)));
}

// Values a spreadsheet would read as a formula, and one that already starts with the guard's quote.
const RISKY = [
  { phone: "+31 6 1234 5678", organisation: "Installatiebedrijf Noord" },
  { phone: "+31 30 123 4567", organisation: "=Som Techniek" },
  { phone: "06-12345678", organisation: "-Min Elektro" },
  { phone: "", organisation: "@Werk Installaties" },
  { phone: "+32 470 12 34 56", organisation: "'+Quote Metaal" },
];

describe("item 15: a CSV export re-imports unchanged", () => {
  it("taking the guard off gives back exactly the value, for any text", () => {
    const risky = fc.stringMatching(/^'{0,3}[=+\-@\t\r'a0 ]?.{0,8}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), risky), (value) => {
        expect(formulaUnguard(formulaGuard(value))).toBe(value);
        expect(formulaGuard(value)).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 2000 },
    );
  });

  it("the formula guard of the export is taken off by the import, for every risky value", async () => {
    const source = await register("ROC Bron");
    const who = { school: source.school, user: source.user };
    for (const [i, values] of RISKY.entries())
      await createTestAssessor(source.t.db, who, {
        firstName: `Risico${i}`,
        email: `risico-${i}@voorbeeld.nl`,
        ...values,
      });
    const csv = await exportCsv(source);

    // The export still guards: a spreadsheet sees text, not a formula.
    const cells = parseCsv(csv).flat();
    expect(cells).toContain("'+31 6 1234 5678");
    expect(cells).toContain("'=Som Techniek");
    expect(cells).toContain("'-Min Elektro");
    expect(cells).toContain("'@Werk Installaties");
    expect(cells.some((c) => /^[=+\-@]/.test(c))).toBe(false);

    // The same bytes, unchanged, into an empty register.
    const target = await register("ROC Doel");
    const res = await target.t.app.request("/api/v1/school/assessors/import", {
      method: "POST",
      headers: { Authorization: target.auth, "Content-Type": "text/csv; charset=utf-8" },
      body: csv,
    });
    const report = await res.json();
    expect(res.status, JSON.stringify(report)).toBe(201);
    expect(report).toMatchObject({ created: RISKY.length, invalid: 0 });

    const imported = await ownAssessors(target);
    expect(imported).toEqual(await ownAssessors(source));
    expect(imported.map((a) => a.phone)).toContain("+31 6 1234 5678");
    expect(imported.map((a) => a.organisation)).toContain("'+Quote Metaal");

    // And exporting the copy gives the same cells again (ids and school aside).
    const strip = (text: string) =>
      parseCsv(text)
        .map((r) => r.slice(1))
        .sort();
    expect(strip(await exportCsv(target))).toEqual(strip(csv));
  });

  it("the import page accepts the export unchanged too", async () => {
    const source = await register("ROC Bron");
    await createTestAssessor(
      source.t.db,
      { school: source.school, user: source.user },
      { phone: "+31 6 8765 4321", email: "telefoon@voorbeeld.nl" },
    );
    const csv = await exportCsv(source);
    const target = await register("ROC Doel");
    const form = new FormData();
    form.set("file", new File([csv], "export.csv", { type: "text/csv" }));
    const preview = await target.t.app.request("/school/import", {
      method: "POST",
      headers: {
        Cookie: await sessionCookie(target.t.db, target.user.id),
        Origin: "http://localhost:8787",
      },
      body: form,
    });
    const html = await preview.text();
    // 200: every row is valid (a refused row makes the preview 422).
    expect(preview.status).toBe(200);
    expect(html).not.toContain("Vul een geldig telefoonnummer in");
    expect(html).toContain("telefoon@voorbeeld.nl");
  });
});
