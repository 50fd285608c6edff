// Property tests over the school forms and API bodies (SECURITY 10): any input gives a 2xx/3xx or
// a 4xx, never a 5xx, and user data never reaches the HTML unescaped.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { bearer, createSchoolWithUser, sessionCookie } from "../helpers/factories";
import { CREBO, UTRECHT, createTestAssessor } from "../helpers/assessors";

const ORIGIN = "http://localhost:8787";
const MARK = "<i data-fuzz>";

let t: TestApp;
let cookie: string;
let auth: string;
let assessorId: string;

beforeAll(async () => {
  t = await createTestApp();
  const who = await createSchoolWithUser(t.db, "ROC Fuzz");
  cookie = await sessionCookie(t.db, who.user.id);
  auth = await bearer(t.db, who.user.id, who.school.id);
  assessorId = (await createTestAssessor(t.db, who)).id;
});
afterAll(() => t.close());

/** Text that sometimes carries markup, odd unicode, dates or codes. */
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }))
    .map(([a, b]) => `${a}${MARK}${b}`),
  fc.constantFrom(
    "",
    " ",
    "2026-06-15",
    "2026-02-30",
    "9999-12-31",
    UTRECHT,
    CREBO,
    "ja",
    "nee",
    "overig",
    "0",
    "-1",
    "%00",
    "'; DROP TABLE assessors;--",
  ),
);

function post(path: string, fields: [string, string][]) {
  return t.app.request(path, {
    method: "POST",
    headers: {
      Cookie: cookie,
      Origin: ORIGIN,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields),
  });
}

async function checkHtml(res: Response) {
  expect(res.status).toBeLessThan(500);
  const html = await res.text();
  expect(html).not.toContain(MARK);
}

describe("school forms under arbitrary input", () => {
  it("register form", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.constantFrom(
              "first_name",
              "infix",
              "last_name",
              "email",
              "phone",
              "organisation",
              "places",
              "crebos",
              "training_date",
              "training_provider",
              "components",
              "consent",
            ),
            text,
          ),
          { maxLength: 14 },
        ),
        async (fields) => {
          const res = await post("/school/beoordelaars/nieuw", fields);
          expect([303, 409, 422]).toContain(res.status);
          await checkHtml(res);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("profile forms", async () => {
    const forms: Record<string, string[]> = {
      examens: ["exam-date", "exam-crebo", "exam-notes"],
      bijscholingen: [
        "refresher-date",
        "refresher-kind",
        "refresher-provider",
        "refresher-description",
      ],
      toestemming: ["consent"],
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(forms)),
        fc.array(text, { minLength: 4, maxLength: 4 }),
        async (form, values) => {
          const res = await post(
            `/school/beoordelaars/${assessorId}/${form}`,
            forms[form].map((f, i) => [f, values[i]] as [string, string]),
          );
          expect([303, 422]).toContain(res.status);
          if (res.status === 303) {
            await checkHtml(
              await t.app.request(res.headers.get("location")!, { headers: { Cookie: cookie } }),
            );
          } else await checkHtml(res);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("dashboard search", async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (q, status) => {
        const res = await t.app.request(
          `/school?${new URLSearchParams({ q, status, linked: "false" })}`,
          { headers: { Cookie: cookie } },
        );
        expect(res.status).toBe(200);
        await checkHtml(res);
      }),
      { numRuns: 30 },
    );
  });
});

describe("school API under arbitrary bodies", () => {
  it("POST examinations and PATCH never answer 5xx and always use the error shape", async () => {
    const body = fc.dictionary(
      fc.constantFrom("date", "crebo", "notes", "version", "first_name", "email", "places", "x"),
      fc.oneof(
        text,
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(text, { maxLength: 3 }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("POST", "PATCH"), body, async (method, json) => {
        const path =
          method === "POST"
            ? `/api/v1/school/assessors/${assessorId}/examinations`
            : `/api/v1/school/assessors/${assessorId}`;
        const res = await t.app.request(path, {
          method,
          headers: { Authorization: auth, "Content-Type": "application/json" },
          body: JSON.stringify(json),
        });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect((await res.json()).error.code).toEqual(expect.any(String));
      }),
      { numRuns: 60 },
    );
  });
});
