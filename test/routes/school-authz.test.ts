// Authorisation matrix (SECURITY 7, DESIGN §3/§5): every school API endpoint and school page,
// tried as no login, another school, a linked school, the registering school and the admin.
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app";
import { bearer, createSchoolWithUser, createUser, sessionCookie } from "../helpers/factories";
import { CREBO, createTestAssessor, schoolActor } from "../helpers/assessors";
import { linkAssessor } from "#src/queries/assessors";
import { addExamination, addRefresherTraining } from "#src/queries/logs";

type Role = "none" | "other" | "linked" | "registering" | "admin";
const ROLES: Role[] = ["none", "other", "linked", "registering", "admin"];
const ORIGIN = "http://localhost:8787";

let t: TestApp | undefined;
afterEach(() => t?.close());

/** A fresh register: assessor X registered by R, linked by L; O is unrelated; A is the admin. */
async function fixture(opts: { deregistered?: boolean } = {}) {
  t = await createTestApp();
  const db = t.db;
  const registering = await createSchoolWithUser(db, "Registrerende school");
  const linked = await createSchoolWithUser(db, "Gekoppelde school");
  const other = await createSchoolWithUser(db, "Andere school");
  const admin = await createUser(db, { role: "admin", schoolId: null });
  const { id } = await createTestAssessor(db, registering, { crebos: [CREBO] });
  await linkAssessor(db, schoolActor(linked.user, linked.school), id);
  const exam = await addExamination(db, schoolActor(registering.user, registering.school), id, {
    date: "2026-01-05",
    crebo: CREBO,
    notes: "",
  });
  const refresher = await addRefresherTraining(
    db,
    schoolActor(registering.user, registering.school),
    id,
    {
      date: "2026-01-06",
      kind: "terugkomdag",
      description: "",
      provider: "",
    },
  );
  if (opts.deregistered)
    await (
      await import("#src/queries/assessor-changes")
    ).deregister(db, schoolActor(registering.user, registering.school), id, {
      date: "2026-06-01",
      reason: "",
    });
  const users = { other: other.user, linked: linked.user, registering: registering.user, admin };
  const schools = {
    other: other.school.id,
    linked: linked.school.id,
    registering: registering.school.id,
    admin: null,
  };
  const headers = async (role: Role, kind: "api" | "page"): Promise<Record<string, string>> => {
    if (role === "none") return kind === "page" ? { Origin: ORIGIN } : {};
    if (kind === "api") return { Authorization: await bearer(db, users[role].id, schools[role]) };
    return { Cookie: await sessionCookie(db, users[role].id), Origin: ORIGIN };
  };
  return { id, examId: exam.id, refresherId: refresher.id, headers };
}

type Case = {
  name: string;
  method: string;
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  expect: Record<Role, number>;
};
type Fixture = Awaited<ReturnType<typeof fixture>>;

const VERSION_BODY = { version: 1, organisation: "Nieuwe organisatie" };
const base = (f: Fixture) => `/api/v1/school/assessors/${f.id}`;

const api: Case[] = [
  {
    name: "GET list",
    method: "GET",
    path: () => "/api/v1/school/assessors",
    expect: { none: 401, other: 200, linked: 200, registering: 200, admin: 200 },
  },
  {
    name: "GET csv",
    method: "GET",
    path: () => "/api/v1/school/assessors.csv",
    expect: { none: 401, other: 200, linked: 200, registering: 200, admin: 200 },
  },
  {
    name: "GET one",
    method: "GET",
    path: base,
    expect: { none: 401, other: 200, linked: 200, registering: 200, admin: 200 },
  },
  {
    name: "PATCH",
    method: "PATCH",
    path: base,
    body: () => VERSION_BODY,
    expect: { none: 401, other: 403, linked: 403, registering: 200, admin: 200 },
  },
  {
    name: "PATCH email (item 8: a linked school may not change contact data)",
    method: "PATCH",
    path: base,
    body: () => ({ version: 1, email: "nieuw-adres@voorbeeld.nl" }),
    expect: { none: 401, other: 403, linked: 403, registering: 200, admin: 200 },
  },
  {
    name: "PATCH places and crebos",
    method: "PATCH",
    path: base,
    body: () => ({ version: 1, places: ["3297"], crebos: [CREBO] }),
    expect: { none: 401, other: 403, linked: 403, registering: 200, admin: 200 },
  },
  {
    name: "POST link",
    method: "POST",
    path: (f) => `${base(f)}/link`,
    expect: { none: 401, other: 200, linked: 200, registering: 200, admin: 403 },
  },
  {
    name: "POST examination",
    method: "POST",
    path: (f) => `${base(f)}/examinations`,
    body: () => ({ date: "2026-06-01", crebo: CREBO }),
    expect: { none: 401, other: 403, linked: 201, registering: 201, admin: 403 },
  },
  {
    name: "DELETE examination (logged by the registering school)",
    method: "DELETE",
    path: (f) => `${base(f)}/examinations/${f.examId}`,
    expect: { none: 401, other: 403, linked: 403, registering: 204, admin: 403 },
  },
  {
    name: "POST refresher training",
    method: "POST",
    path: (f) => `${base(f)}/refresher-trainings`,
    body: () => ({ date: "2026-06-01", kind: "terugkomdag" }),
    expect: { none: 401, other: 403, linked: 201, registering: 201, admin: 403 },
  },
  {
    name: "DELETE refresher training (logged by the registering school)",
    method: "DELETE",
    path: (f) => `${base(f)}/refresher-trainings/${f.refresherId}`,
    expect: { none: 401, other: 403, linked: 403, registering: 204, admin: 403 },
  },
  {
    name: "POST consent",
    method: "POST",
    path: (f) => `${base(f)}/consent`,
    body: () => ({ public_consent: false }),
    expect: { none: 401, other: 403, linked: 403, registering: 200, admin: 200 },
  },
  {
    name: "POST deregistration",
    method: "POST",
    path: (f) => `${base(f)}/deregistration`,
    body: () => ({ date: "2026-06-15", reason: "Gestopt" }),
    expect: { none: 401, other: 403, linked: 403, registering: 200, admin: 200 },
  },
  {
    name: "GET export",
    method: "GET",
    path: (f) => `${base(f)}/export`,
    expect: { none: 401, other: 200, linked: 200, registering: 200, admin: 200 },
  },
  {
    name: "POST erasure",
    method: "POST",
    path: (f) => `${base(f)}/erasure`,
    expect: { none: 401, other: 403, linked: 403, registering: 200, admin: 200 },
  },
  {
    name: "GET unknown id",
    method: "GET",
    path: () => "/api/v1/school/assessors/onbekend23456789",
    expect: { none: 401, other: 404, linked: 404, registering: 404, admin: 404 },
  },
];

const deregisteredApi: Case[] = [
  {
    name: "GET one",
    method: "GET",
    path: base,
    expect: { none: 401, other: 404, linked: 404, registering: 200, admin: 200 },
  },
  {
    name: "PATCH",
    method: "PATCH",
    path: base,
    body: () => ({ version: 2, phone: "06-99999999" }),
    expect: { none: 401, other: 404, linked: 404, registering: 200, admin: 200 },
  },
  {
    name: "POST link",
    method: "POST",
    path: (f) => `${base(f)}/link`,
    expect: { none: 401, other: 404, linked: 404, registering: 200, admin: 403 },
  },
  {
    name: "POST examination",
    method: "POST",
    path: (f) => `${base(f)}/examinations`,
    body: () => ({ date: "2026-05-01", crebo: CREBO }),
    expect: { none: 401, other: 404, linked: 404, registering: 201, admin: 403 },
  },
  {
    name: "DELETE deregistration (undo)",
    method: "DELETE",
    path: (f) => `${base(f)}/deregistration`,
    expect: { none: 401, other: 404, linked: 404, registering: 200, admin: 200 },
  },
  {
    name: "GET export",
    method: "GET",
    path: (f) => `${base(f)}/export`,
    expect: { none: 401, other: 404, linked: 404, registering: 200, admin: 200 },
  },
  {
    name: "POST erasure",
    method: "POST",
    path: (f) => `${base(f)}/erasure`,
    expect: { none: 401, other: 404, linked: 404, registering: 200, admin: 200 },
  },
];

const page = (f: Fixture) => `/school/beoordelaars/${f.id}`;
const LOGIN = 303;
const pages: Case[] = [
  {
    name: "GET /school",
    method: "GET",
    path: () => "/school",
    expect: { none: LOGIN, other: 200, linked: 200, registering: 200, admin: 200 },
  },
  {
    name: "GET profile",
    method: "GET",
    path: page,
    expect: { none: LOGIN, other: 200, linked: 200, registering: 200, admin: 200 },
  },
  {
    name: "GET inzage",
    method: "GET",
    path: (f) => `${page(f)}/inzage`,
    expect: { none: LOGIN, other: 200, linked: 200, registering: 200, admin: 200 },
  },
  {
    name: "GET edit form",
    method: "GET",
    path: (f) => `${page(f)}/bewerken`,
    expect: { none: LOGIN, other: 403, linked: 403, registering: 200, admin: 200 },
  },
  {
    name: "POST examination",
    method: "POST",
    path: (f) => `${page(f)}/examens`,
    body: () => ({ "exam-date": "2026-06-01", "exam-crebo": CREBO }),
    expect: { none: LOGIN, other: 403, linked: 303, registering: 303, admin: 403 },
  },
  {
    name: "POST delete examination",
    method: "POST",
    path: (f) => `${page(f)}/examens/${f.examId}/verwijderen`,
    expect: { none: LOGIN, other: 403, linked: 403, registering: 303, admin: 403 },
  },
  {
    name: "POST bijscholing",
    method: "POST",
    path: (f) => `${page(f)}/bijscholingen`,
    body: () => ({ "refresher-date": "2026-06-01", "refresher-kind": "terugkomdag" }),
    expect: { none: LOGIN, other: 403, linked: 303, registering: 303, admin: 403 },
  },
  {
    name: "POST consent",
    method: "POST",
    path: (f) => `${page(f)}/toestemming`,
    body: () => ({ consent: "nee" }),
    expect: { none: LOGIN, other: 403, linked: 403, registering: 303, admin: 303 },
  },
  {
    name: "POST afmelding",
    method: "POST",
    path: (f) => `${page(f)}/afmelding`,
    body: () => ({ "dereg-date": "2026-06-15" }),
    expect: { none: LOGIN, other: 403, linked: 403, registering: 303, admin: 303 },
  },
  {
    name: "POST link",
    method: "POST",
    path: (f) => `${page(f)}/koppelen`,
    expect: { none: LOGIN, other: 303, linked: 303, registering: 303, admin: 403 },
  },
  {
    name: "POST erase",
    method: "POST",
    path: (f) => `${page(f)}/wissen`,
    body: () => ({ confirm: "ja" }),
    expect: { none: LOGIN, other: 403, linked: 403, registering: 303, admin: 303 },
  },
  {
    name: "GET register form",
    method: "GET",
    path: () => "/school/beoordelaars/nieuw",
    expect: { none: LOGIN, other: 200, linked: 200, registering: 200, admin: 403 },
  },
  {
    name: "GET import",
    method: "GET",
    path: () => "/school/import",
    expect: { none: LOGIN, other: 200, linked: 200, registering: 200, admin: 403 },
  },
  {
    name: "GET csv export",
    method: "GET",
    path: () => "/school/beoordelaars.csv",
    expect: { none: LOGIN, other: 200, linked: 200, registering: 200, admin: 403 },
  },
];

const deregisteredPages: Case[] = [
  {
    name: "GET profile",
    method: "GET",
    path: page,
    expect: { none: LOGIN, other: 404, linked: 404, registering: 200, admin: 200 },
  },
  {
    name: "POST undo afmelding",
    method: "POST",
    path: (f) => `${page(f)}/afmelding/ongedaan`,
    expect: { none: LOGIN, other: 404, linked: 404, registering: 303, admin: 303 },
  },
  {
    name: "GET inzage",
    method: "GET",
    path: (f) => `${page(f)}/inzage`,
    expect: { none: LOGIN, other: 404, linked: 404, registering: 200, admin: 200 },
  },
];

function matrix(cases: Case[], _kind: "api" | "page") {
  return cases.flatMap((c) =>
    ROLES.map((role) => [`${c.name} as ${role} → ${c.expect[role]}`, c, role] as const),
  );
}

async function run(
  c: Case,
  role: Role,
  kind: "api" | "page",
  opts: { deregistered?: boolean } = {},
) {
  const f = await fixture(opts);
  const headers = await f.headers(role, kind);
  const body = c.body?.(f);
  const init: RequestInit = { method: c.method, headers };
  if (body !== undefined && kind === "api") {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)["Content-Type"] = "application/json";
  } else if (kind === "page" && c.method === "POST") {
    init.body = new URLSearchParams((body ?? {}) as Record<string, string>);
    (init.headers as Record<string, string>)["Content-Type"] = "application/x-www-form-urlencoded";
  }
  const res = await t!.app.request(c.path(f), init);
  expect(res.status).toBe(c.expect[role]);
  if (kind === "api" && res.status >= 400) {
    const json = await res.json();
    expect(json.error.code).toEqual(expect.any(String));
    expect(json.error.message).toEqual(expect.any(String));
  }
  if (kind === "page" && role === "none")
    expect(res.headers.get("location")).toMatch(/^\/inloggen/);
}

describe("school API authorisation", () => {
  it.each(matrix(api, "api"))("%s", async (_n, c, role) => run(c, role, "api"));
});

describe("school API authorisation, deregistered assessor", () => {
  it.each(matrix(deregisteredApi, "api"))("%s", async (_n, c, role) =>
    run(c, role, "api", { deregistered: true }),
  );
});

describe("school pages authorisation", () => {
  it.each(matrix(pages, "page"))("%s", async (_n, c, role) => run(c, role, "page"));
});

describe("school pages authorisation, deregistered assessor", () => {
  it.each(matrix(deregisteredPages, "page"))("%s", async (_n, c, role) =>
    run(c, role, "page", { deregistered: true }),
  );
});

describe("credentials", () => {
  it("an invalid bearer token is 401 JSON, also on writes", async () => {
    const f = await fixture();
    for (const [method, path] of [
      ["GET", "/api/v1/school/assessors"],
      ["POST", `/api/v1/school/assessors/${f.id}/examinations`],
    ]) {
      const res = await t!.app.request(path, {
        method,
        headers: { Authorization: "Bearer rgp_invalid" },
      });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthenticated");
    }
  });

  it("a cookie POST without our Origin is refused (CSRF)", async () => {
    const f = await fixture();
    const headers = await f.headers("registering", "page");
    const res = await t!.app.request(`/school/beoordelaars/${f.id}/toestemming`, {
      method: "POST",
      headers: {
        ...headers,
        Origin: "https://evil.example",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "consent=nee",
    });
    expect(res.status).toBe(403);
  });
});
