// /beheer: account requests (approve/refuse), schools (suspend/reactivate), crebos, audit log.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { accountRequests, assessors, auditLog, crebos, schools, sessions, users } from "#db/schema";
import { getDataVersion } from "#src/queries/meta";
import { createTestApp, type TestApp } from "../helpers/app";
import { createTestAssessor, CREBO } from "../helpers/assessors";
import { bearer, createSchoolWithUser, createUser, TEST_PASSWORD } from "../helpers/factories";
import { get, login, mailedPath, NEW_PASSWORD, postForm, sessionCookieOf } from "./auth-helpers";

let t: TestApp;
let adminCookie: string;
let admin: { id: string; email: string };

beforeEach(async () => {
  t = await createTestApp();
  admin = await createUser(t.db, { role: "admin", name: "Bureau Register" });
  adminCookie = await login(t.app, admin.email, TEST_PASSWORD);
});
afterEach(() => t.close());

const API = "/api/v1/school/assessors";

async function requestAccount(overrides: Record<string, string> = {}) {
  const res = await postForm(t.app, "/aanvragen", {
    school_name: "Vakcollege Amersfoort",
    brin: "30XY",
    place: "Amersfoort",
    contact_name: "Ilse Jansen",
    email: "i.jansen@vakcollege.test",
    motivation: "Examens Monteur werktuigkundige installaties.",
    ...overrides,
  });
  expect(res.status).toBe(303);
  const rows = await t.db.select().from(accountRequests);
  return rows[rows.length - 1];
}

describe("account requests", () => {
  test("from request to a working login and API token, without touching the database", async () => {
    const request = await requestAccount();
    const overview = await (await get(t.app, "/beheer", adminCookie)).text();
    expect(overview).toContain("Vakcollege Amersfoort");
    expect(overview).toContain("i.jansen@vakcollege.test");
    expect(overview).toContain(`/beheer/aanvragen/${request.id}/goedkeuren`);

    const approve = await postForm(
      t.app,
      `/beheer/aanvragen/${request.id}/goedkeuren`,
      {},
      { cookie: adminCookie },
    );
    expect(approve.status).toBe(303);
    const [school] = await t.db.select().from(schools);
    expect(school).toMatchObject({
      name: "Vakcollege Amersfoort",
      brin: "30XY",
      status: "active",
      placeCode: request.placeCode,
    });
    const [decided] = await t.db.select().from(accountRequests);
    expect(decided).toMatchObject({ status: "approved", schoolId: school.id, decidedBy: admin.id });
    // No user yet: the contact sets the password through the invite.
    expect(
      await t.db.select().from(users).where(eq(users.email, "i.jansen@vakcollege.test")),
    ).toHaveLength(0);

    const invite = mailedPath(t.mails, "i.jansen@vakcollege.test", "/uitnodiging/");
    const accept = await postForm(t.app, invite, {
      name: "Ilse Jansen",
      password: NEW_PASSWORD,
      password_confirm: NEW_PASSWORD,
    });
    expect(accept.status).toBe(303);
    const cookie = sessionCookieOf(accept)!;
    const [user] = await t.db
      .select()
      .from(users)
      .where(eq(users.email, "i.jansen@vakcollege.test"));
    expect(user).toMatchObject({ role: "school_admin", schoolId: school.id, name: "Ilse Jansen" });

    const tokens = await postForm(t.app, "/school/tokens", { name: "Koppeling" }, { cookie });
    const token = /value="(rgp_[^"]+)"/.exec(await tokens.text())![1];
    const api = await get(t.app, API, undefined, { authorization: `Bearer ${token}` });
    expect(api.status).toBe(200);

    // Log out and in again with the chosen password.
    await postForm(t.app, "/uitloggen", {}, { cookie });
    await login(t.app, "i.jansen@vakcollege.test", NEW_PASSWORD);
    const actions = (await t.db.select().from(auditLog)).map((r) => `${r.entity}:${r.action}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        "account_request:approve",
        "user:invite",
        "user:accept_invite",
        "api_token:create",
      ]),
    );
  });

  test("a request can be decided once", async () => {
    const request = await requestAccount();
    await postForm(
      t.app,
      `/beheer/aanvragen/${request.id}/goedkeuren`,
      {},
      { cookie: adminCookie },
    );
    const again = await postForm(
      t.app,
      `/beheer/aanvragen/${request.id}/goedkeuren`,
      {},
      { cookie: adminCookie },
    );
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("al behandeld");
    const refuse = await postForm(
      t.app,
      `/beheer/aanvragen/${request.id}/weigeren`,
      { reason: "Dubbel" },
      { cookie: adminCookie },
    );
    expect(refuse.status).toBe(409);
    expect(await t.db.select().from(schools)).toHaveLength(1);
    expect(
      (
        await postForm(
          t.app,
          "/beheer/aanvragen/bestaatniet/goedkeuren",
          {},
          { cookie: adminCookie },
        )
      ).status,
    ).toBe(404);
  });

  test("a request for an address that already has an account is not approved", async () => {
    const { user } = await createSchoolWithUser(t.db);
    const request = await requestAccount({ email: user.email });
    const res = await postForm(
      t.app,
      `/beheer/aanvragen/${request.id}/goedkeuren`,
      {},
      { cookie: adminCookie },
    );
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("bestaat al een account");
    const [row] = await t.db
      .select()
      .from(accountRequests)
      .where(eq(accountRequests.id, request.id));
    expect(row.status).toBe("pending");
  });

  test("refusal needs a reason, which is mailed to the requester", async () => {
    const request = await requestAccount();
    const empty = await postForm(
      t.app,
      `/beheer/aanvragen/${request.id}/weigeren`,
      { reason: "" },
      { cookie: adminCookie },
    );
    expect(empty.status).toBe(422);
    const html = await empty.text();
    expect(html).toContain("Vul de reden van de weigering in");
    expect(html).toContain(`id="reason-${request.id}"`);
    const res = await postForm(
      t.app,
      `/beheer/aanvragen/${request.id}/weigeren`,
      { reason: "Geen mbo-instelling in de MEI-sector." },
      { cookie: adminCookie },
    );
    expect(res.status).toBe(303);
    const [row] = await t.db.select().from(accountRequests);
    expect(row).toMatchObject({
      status: "refused",
      refusalReason: "Geen mbo-instelling in de MEI-sector.",
      decidedBy: admin.id,
    });
    const mail = t.mails.find(
      (m) => m.to === "i.jansen@vakcollege.test" && m.body.includes("Reden:"),
    );
    expect(mail?.body).toContain("Geen mbo-instelling in de MEI-sector.");
    expect(await t.db.select().from(schools)).toHaveLength(0);
    expect(
      (await t.db.select().from(auditLog)).some(
        (r) => r.action === "refuse" && r.entityId === request.id,
      ),
    ).toBe(true);
    expect(await (await get(t.app, "/beheer", adminCookie)).text()).toContain(
      "geen openstaande aanvragen",
    );
  });
});

describe("schools", () => {
  test("suspending stops the school's sessions and tokens at once; reactivating restores the tokens", async () => {
    const { school, user } = await createSchoolWithUser(t.db, "ROC Opgeschort");
    const cookie = await login(t.app, user.email, TEST_PASSWORD);
    const token = await bearer(t.db, user.id, school.id);
    expect((await get(t.app, API, undefined, { authorization: token })).status).toBe(200);

    const res = await postForm(
      t.app,
      `/beheer/scholen/${school.id}/opschorten`,
      {},
      { cookie: adminCookie },
    );
    expect(res.status).toBe(303);
    expect((await t.db.select().from(schools).where(eq(schools.id, school.id)))[0].status).toBe(
      "suspended",
    );
    expect((await get(t.app, "/school/team", cookie)).status).toBe(303);
    expect((await get(t.app, API, undefined, { authorization: token })).status).toBe(401);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect(
      (await postForm(t.app, "/inloggen", { email: user.email, password: TEST_PASSWORD })).status,
    ).toBe(403);
    const page = await (await get(t.app, `/beheer/scholen/${school.id}`, adminCookie)).text();
    expect(page).toContain("Opgeschort");
    expect(page).toContain(user.email);

    expect(
      (
        await postForm(
          t.app,
          `/beheer/scholen/${school.id}/heractiveren`,
          {},
          { cookie: adminCookie },
        )
      ).status,
    ).toBe(303);
    expect((await get(t.app, API, undefined, { authorization: token })).status).toBe(200);
    await login(t.app, user.email, TEST_PASSWORD);
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.entity, "school"))).map(
      (r) => r.action,
    );
    expect(actions).toEqual(["suspend", "reactivate"]);
  });

  test("the overview lists schools with their number of users", async () => {
    const { school } = await createSchoolWithUser(t.db, "ROC Zichtbaar");
    await createUser(t.db, { schoolId: school.id, role: "staff" });
    const html = await (await get(t.app, "/beheer", adminCookie)).text();
    expect(html).toMatch(/ROC Zichtbaar<\/a><\/td><td>—<\/td><td>—<\/td><td>2<\/td>/);
    expect((await get(t.app, "/beheer/scholen/bestaatniet", adminCookie)).status).toBe(404);
  });
});

describe("crebos", () => {
  test("add: valid, duplicate (409), invalid (422); the public crebo list follows", async () => {
    const before = await getDataVersion(t.db);
    const res = await postForm(
      t.app,
      "/beheer/crebos",
      { code: "29999", name: "Monteur zonne-energie", level: "3" },
      { cookie: adminCookie },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/beheer/crebos/29999?melding=toegevoegd");
    const [row] = await t.db.select().from(crebos).where(eq(crebos.code, "29999"));
    expect(row).toMatchObject({
      name: "Monteur zonne-energie",
      level: 3,
      mei: true,
      retiredAt: null,
    });
    expect(await getDataVersion(t.db)).not.toBe(before);
    const publicList = await (await get(t.app, "/api/v1/crebos?q=zonne")).json();
    expect(publicList).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "29999", name: "Monteur zonne-energie" }),
      ]),
    );

    const dup = await postForm(
      t.app,
      "/beheer/crebos",
      { code: "29999", name: "Nog eens" },
      { cookie: adminCookie },
    );
    expect(dup.status).toBe(409);
    expect(await dup.text()).toContain("bestaat al");
    const bad = await postForm(
      t.app,
      "/beheer/crebos",
      { code: "12", name: "", level: "9" },
      { cookie: adminCookie },
    );
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("5 cijfers");
  });

  test("rename refreshes the search text of the assessors with that crebo", async () => {
    const who = await createSchoolWithUser(t.db);
    const { id } = await createTestAssessor(t.db, who, { crebos: [CREBO] });
    const res = await postForm(
      t.app,
      `/beheer/crebos/${CREBO}/naam`,
      { name: "Vakspecialist Warmtepompen" },
      { cookie: adminCookie },
    );
    expect(res.status).toBe(303);
    const [crebo] = await t.db.select().from(crebos).where(eq(crebos.code, CREBO));
    expect(crebo.name).toBe("Vakspecialist Warmtepompen");
    const [assessor] = await t.db.select().from(assessors).where(eq(assessors.id, id));
    expect(assessor.searchText.toLowerCase()).toContain("warmtepompen");
    const found = await (await get(t.app, "/api/v1/assessors?q=warmtepompen")).json();
    expect(found.items.map((i: { id: string }) => i.id)).toContain(id);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.entity, "crebo"));
    expect(JSON.parse(entry.changes).name.to).toBe("Vakspecialist Warmtepompen");
    expect(
      (await postForm(t.app, `/beheer/crebos/${CREBO}/naam`, { name: "" }, { cookie: adminCookie }))
        .status,
    ).toBe(422);
  });

  test("retire takes a crebo out of the pick lists; reinstate brings it back", async () => {
    const res = await postForm(
      t.app,
      `/beheer/crebos/${CREBO}/vervallen`,
      {},
      { cookie: adminCookie },
    );
    expect(res.status).toBe(303);
    const [row] = await t.db.select().from(crebos).where(eq(crebos.code, CREBO));
    expect(row.retiredAt).not.toBeNull();
    const list = (await (await get(t.app, "/api/v1/crebos")).json()) as { code: string }[];
    expect(list.map((c) => c.code)).not.toContain(CREBO);
    const retiredPage = await (
      await get(t.app, "/beheer/crebos?status=retired", adminCookie)
    ).text();
    expect(retiredPage).toContain(`/beheer/crebos/${CREBO}`);
    await postForm(t.app, `/beheer/crebos/${CREBO}/herstellen`, {}, { cookie: adminCookie });
    const again = (await (await get(t.app, "/api/v1/crebos")).json()) as { code: string }[];
    expect(again.map((c) => c.code)).toContain(CREBO);
  });

  test("the list is searchable and paged", async () => {
    const first = await (await get(t.app, "/beheer/crebos", adminCookie)).text();
    expect(first).toContain("Pagina 1 van");
    expect(first).toContain('href="/beheer/crebos?status=active&amp;page=2"');
    const search = await (await get(t.app, `/beheer/crebos?q=${CREBO}`, adminCookie)).text();
    expect(search).toMatch(/<p class="muted">1 crebo(&#39;|')s gevonden/);
    expect((await get(t.app, "/beheer/crebos?page=abc&status=zzz", adminCookie)).status).toBe(200);
    expect((await get(t.app, "/beheer/crebos/00000", adminCookie)).status).toBe(404);
  });
});

describe("audit log viewer", () => {
  test("shows entries newest first, filters by school and entity, pages", async () => {
    const a = await createSchoolWithUser(t.db, "School Alfa");
    const b = await createSchoolWithUser(t.db, "School Beta");
    await postForm(t.app, `/beheer/scholen/${a.school.id}/opschorten`, {}, { cookie: adminCookie });
    await postForm(t.app, `/beheer/scholen/${b.school.id}/opschorten`, {}, { cookie: adminCookie });
    for (let i = 0; i < 55; i++)
      await postForm(
        t.app,
        `/beheer/crebos/${CREBO}/naam`,
        { name: `Naam ${i}` },
        { cookie: adminCookie },
      );

    const all = await (await get(t.app, "/beheer/audit", adminCookie)).text();
    expect(all).toContain("57 regels.");
    expect(all).toContain("Pagina 1 van 2");
    expect(all.indexOf("Naam 54")).toBeGreaterThan(-1);
    expect(all).not.toContain("Naam 3&quot;");

    const page2 = await (await get(t.app, "/beheer/audit?page=2", adminCookie)).text();
    expect(page2).toContain("School Alfa");

    const bySchool = await (
      await get(t.app, `/beheer/audit?school=${a.school.id}`, adminCookie)
    ).text();
    expect(bySchool).toContain("1 regels.");
    // Dutch action names and the name of what changed, not the raw codes.
    expect(bySchool).toContain("School opgeschort");
    expect(bySchool).toMatch(/School: <strong>School Alfa<\/strong>/);
    expect(bySchool).toContain('data-action="suspend"');
    const byEntity = await (await get(t.app, "/beheer/audit?entity=school", adminCookie)).text();
    expect(byEntity).toContain("2 regels.");
    expect(byEntity).toContain(admin.email);
  });

  test("names the assessor, speaks Dutch, and the wide table scrolls by keyboard", async () => {
    const a = await createSchoolWithUser(t.db, "School Gamma");
    await createTestAssessor(t.db, a, { firstName: "Greetje", lastName: "Auditia" });
    const html = await (await get(t.app, "/beheer/audit?entity=assessor", adminCookie)).text();
    expect(html).toMatch(/Beoordelaar: <strong>Greetje van der Auditia<\/strong>/);
    expect(html).toContain(">Geregistreerd</td>");
    expect(html).toContain('<option value="assessor" selected="">Beoordelaar</option>');
    expect(html).toMatch(
      /<div class="table-wrap" tabindex="0" role="region" aria-labelledby="audit-caption">/,
    );
    for (const raw of [">create<", ">assessor<", '"first_name"']) expect(html).not.toContain(raw);
  });

  test("the viewer only reads: there is no way to post to it", async () => {
    const res = await postForm(t.app, "/beheer/audit", {}, { cookie: adminCookie });
    expect(res.status).toBe(404);
  });
});

test("/beheer renders for an admin with the sub-navigation", async () => {
  const res = await get(t.app, "/beheer", adminCookie);
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toContain("no-store");
  const html = await res.text();
  for (const href of ["/beheer/crebos", "/beheer/audit", "/beheer/wachtwoord"])
    expect(html).toContain(`href="${href}"`);
});
