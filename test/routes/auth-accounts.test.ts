// Account request, invites, team, API tokens, password change and the guards (issue 4).
import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  accountRequests,
  apiTokens,
  auditLog,
  invites,
  schools,
  sessions,
  users,
} from "#db/schema";
import { sha256Hex } from "#src/lib/ids";
import { createTestApp, TEST_NOW, type TestApp } from "../helpers/app";
import { bearer, createSchoolWithUser, createUser, TEST_PASSWORD } from "../helpers/factories";
import { get, login, mailedPath, NEW_PASSWORD, postForm, sessionCookieOf } from "./auth-helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const API = "/api/v1/school/assessors";
const later = (ms: number) => () => new Date(TEST_NOW.getTime() + ms);

async function auditActions(entity?: string) {
  const rows = await t.db
    .select()
    .from(auditLog)
    .where(entity ? eq(auditLog.entity, entity) : undefined);
  return rows.map((r) => r.action);
}

describe("/aanvragen", () => {
  const valid = {
    school_name: "Techniek College Utrecht",
    brin: "25lj",
    place: "Utrecht",
    contact_name: "Petra de Wit",
    email: "p.dewit@techniekcollege.test",
    motivation: "Wij zetten beoordelaars in voor Eerste Monteur Elektrotechniek.",
  };

  test("a request is stored as pending, the admin is notified, no account is created", async () => {
    const admin = await createUser(t.db, { role: "admin" });
    const res = await postForm(t.app, "/aanvragen", valid);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/aanvragen/ontvangen");
    expect(await (await get(t.app, "/aanvragen/ontvangen")).text()).toContain("Aanvraag ontvangen");
    const [row] = await t.db.select().from(accountRequests);
    expect(row).toMatchObject({
      schoolName: valid.school_name,
      brin: "25LJ",
      status: "pending",
      email: valid.email,
      contactName: "Petra de Wit",
    });
    expect(row.placeCode).toBeTruthy();
    expect(await t.db.select().from(schools)).toHaveLength(0);
    expect((await t.db.select().from(users)).map((u) => u.email)).toEqual([admin.email]);
    expect(t.mails.find((m) => m.to === admin.email)?.body).toContain("Techniek College Utrecht");
    expect(t.mails.find((m) => m.to === valid.email)?.subject).toContain("ontvangen");
  });

  test("invalid values come back with Dutch messages next to the fields (422)", async () => {
    const res = await postForm(t.app, "/aanvragen", {
      school_name: "",
      brin: "12345",
      place: "Nergenshuizen",
      contact_name: "",
      email: "geen-adres",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Vul de naam van de school in.");
    expect(html).toContain("Een BRIN-code bestaat uit 2 cijfers en 2 letters");
    expect(html).toContain("kennen wij niet");
    expect(html).toContain("Vul de naam van de contactpersoon in.");
    expect(html).toContain("Vul een geldig e-mailadres in");
    expect(html).toContain('aria-invalid="true"');
    expect(await t.db.select().from(accountRequests)).toHaveLength(0);
  });

  test("a place name shared by several municipalities asks which one is meant", async () => {
    const [dup] = await t.db.all<{ name: string }>(
      sql`SELECT name FROM places GROUP BY name_norm HAVING count(*) > 1 LIMIT 1`,
    );
    const res = await postForm(t.app, "/aanvragen", { ...valid, place: dup.name });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('name="place_code"');
    expect(html).toContain("gemeente");
    const code = /<option value="([^"]+)"/.exec(html.slice(html.indexOf('name="place_code"')))![1];
    const chosen = await postForm(t.app, "/aanvragen", {
      ...valid,
      place: dup.name,
      place_code: code,
    });
    expect(chosen.status).toBe(303);
    const [row] = await t.db.select().from(accountRequests);
    expect(row.placeCode).toBe(code);
  });

  test("names are stored as typed and escaped when shown", async () => {
    await createUser(t.db, { role: "admin" });
    await postForm(t.app, "/aanvragen", {
      ...valid,
      school_name: "<script>alert(1)</script> College",
    });
    const admin = await createUser(t.db, { role: "admin" });
    const cookie = await login(t.app, admin.email, TEST_PASSWORD);
    const html = await (await get(t.app, "/beheer", cookie)).text();
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; College");
    expect(html).not.toContain("<script>alert(1)");
  });
});

describe("invites", () => {
  async function inviteColleague(role = "staff") {
    const { school, user } = await createSchoolWithUser(t.db, "Vakschool Noord");
    const cookie = await login(t.app, user.email, TEST_PASSWORD);
    const res = await postForm(
      t.app,
      "/school/team",
      { email: "Collega@Vakschool.test", role },
      { cookie },
    );
    expect(res.status).toBe(303);
    return {
      school,
      admin: user,
      cookie,
      path: mailedPath(t.mails, "collega@vakschool.test", "/uitnodiging/"),
    };
  }

  test("a school admin invites a colleague, who sets name and password and is logged in", async () => {
    const { school, path, cookie } = await inviteColleague();
    const team = await (await get(t.app, "/school/team", cookie)).text();
    expect(team).toContain("Openstaande uitnodigingen");
    expect(team).toContain("collega@vakschool.test");
    const page = await get(t.app, path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Vakschool Noord");
    expect(html).toContain("collega@vakschool.test");
    const res = await postForm(t.app, path, {
      name: "Karel Collega",
      password: NEW_PASSWORD,
      password_confirm: NEW_PASSWORD,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/school");
    const cookie2 = sessionCookieOf(res)!;
    expect((await get(t.app, "/school/tokens", cookie2)).status).toBe(200);
    const [created] = await t.db
      .select()
      .from(users)
      .where(eq(users.email, "collega@vakschool.test"));
    expect(created).toMatchObject({ name: "Karel Collega", role: "staff", schoolId: school.id });
    await login(t.app, "collega@vakschool.test", NEW_PASSWORD);
    expect(await auditActions("user")).toEqual(expect.arrayContaining(["invite", "accept_invite"]));
  });

  test("the invite token is 32 random bytes, stored as SHA-256, valid 7 days", async () => {
    const { path } = await inviteColleague();
    const token = path.split("/").pop()!;
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const [row] = await t.db.select().from(invites).where(eq(invites.kind, "invite"));
    expect(row.tokenHash).toBe(await sha256Hex(token));
    expect(row.expiresAt).toBe(new Date(TEST_NOW.getTime() + 7 * 24 * 3600_000).toISOString());
  });

  test("an invite works once", async () => {
    const { path } = await inviteColleague();
    const first = await postForm(t.app, path, {
      name: "Karel",
      password: NEW_PASSWORD,
      password_confirm: NEW_PASSWORD,
    });
    expect(first.status).toBe(303);
    expect((await get(t.app, path)).status).toBe(410);
    const second = await postForm(t.app, path, {
      name: "Indringer",
      password: "een-ander-lang-wachtwoord",
      password_confirm: "een-ander-lang-wachtwoord",
    });
    expect(second.status).toBe(410);
    expect(await second.text()).toContain("al gebruikt");
    await login(t.app, "collega@vakschool.test", NEW_PASSWORD);
  });

  test("an invite expires after 7 days", async () => {
    const { path } = await inviteColleague();
    const day6 = await createTestApp({ db: t.db, now: later(6 * 24 * 3600_000) });
    expect((await get(day6.app, path)).status).toBe(200);
    const day8 = await createTestApp({ db: t.db, now: later(7 * 24 * 3600_000 + 1000) });
    expect((await get(day8.app, path)).status).toBe(410);
    const res = await postForm(day8.app, path, {
      name: "Te laat",
      password: NEW_PASSWORD,
      password_confirm: NEW_PASSWORD,
    });
    expect(res.status).toBe(410);
    expect(
      await t.db.select().from(users).where(eq(users.email, "collega@vakschool.test")),
    ).toHaveLength(0);
  });

  test.each([
    ["kort", "minstens 12 tekens"],
    ["wachtwoord123", "te bekend"],
    ["aaaaaaaaaaaaaaa", "te bekend"],
  ])("the password policy refuses %s", async (password, message) => {
    const { path } = await inviteColleague();
    const res = await postForm(t.app, path, {
      name: "Karel",
      password,
      password_confirm: password,
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(message);
    // The link is still usable after a refused password.
    expect((await get(t.app, path)).status).toBe(200);
  });

  test("the two passwords must match", async () => {
    const { path } = await inviteColleague();
    const res = await postForm(t.app, path, {
      name: "Karel",
      password: NEW_PASSWORD,
      password_confirm: `${NEW_PASSWORD}x`,
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("niet gelijk");
  });

  test("a medewerker cannot invite (403); an address with an account cannot be invited (409)", async () => {
    const { school, user } = await createSchoolWithUser(t.db);
    const staff = await createUser(t.db, { schoolId: school.id, role: "staff" });
    const staffCookie = await login(t.app, staff.email, TEST_PASSWORD);
    expect(
      (
        await postForm(
          t.app,
          "/school/team",
          { email: "x@school.test", role: "staff" },
          { cookie: staffCookie },
        )
      ).status,
    ).toBe(403);
    const cookie = await login(t.app, user.email, TEST_PASSWORD);
    const dup = await postForm(
      t.app,
      "/school/team",
      { email: staff.email, role: "staff" },
      { cookie },
    );
    expect(dup.status).toBe(409);
    expect(await dup.text()).toContain("al een account");
    const bad = await postForm(
      t.app,
      "/school/team",
      { email: "geen-email", role: "baas" },
      { cookie },
    );
    expect(bad.status).toBe(422);
  });

  test("a school admin can cancel an open invite", async () => {
    const { cookie, path } = await inviteColleague();
    const [row] = await t.db.select().from(invites).where(eq(invites.kind, "invite"));
    const res = await postForm(
      t.app,
      `/school/team/uitnodigingen/${row.id}/intrekken`,
      {},
      { cookie },
    );
    expect(res.status).toBe(303);
    expect((await get(t.app, path)).status).toBe(410);
  });
});

describe("team: removing a colleague", () => {
  test("a removed user's sessions and tokens stop at once", async () => {
    const { school, user } = await createSchoolWithUser(t.db);
    const colleague = await createUser(t.db, { schoolId: school.id, role: "staff" });
    const colleagueCookie = await login(t.app, colleague.email, TEST_PASSWORD);
    const colleagueToken = await bearer(t.db, colleague.id, school.id);
    expect((await get(t.app, API, undefined, { authorization: colleagueToken })).status).toBe(200);

    const cookie = await login(t.app, user.email, TEST_PASSWORD);
    const res = await postForm(t.app, `/school/team/${colleague.id}/verwijderen`, {}, { cookie });
    expect(res.status).toBe(303);

    expect((await get(t.app, "/school/team", colleagueCookie)).status).toBe(303);
    const api = await get(t.app, API, undefined, { authorization: colleagueToken });
    expect(api.status).toBe(401);
    expect((await api.json()).error.code).toBe("unauthenticated");
    expect(
      await t.db.select().from(sessions).where(eq(sessions.userId, colleague.id)),
    ).toHaveLength(0);
    expect(
      (await postForm(t.app, "/inloggen", { email: colleague.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(401);
    const team = await (await get(t.app, "/school/team", cookie)).text();
    expect(team).not.toContain(colleague.email);
    expect(await auditActions("user")).toContain("remove");
  });

  test("nobody removes themselves or a user of another school", async () => {
    const { user } = await createSchoolWithUser(t.db);
    const other = await createSchoolWithUser(t.db);
    const cookie = await login(t.app, user.email, TEST_PASSWORD);
    expect(
      (await postForm(t.app, `/school/team/${user.id}/verwijderen`, {}, { cookie })).status,
    ).toBe(422);
    expect(
      (await postForm(t.app, `/school/team/${other.user.id}/verwijderen`, {}, { cookie })).status,
    ).toBe(404);
    const [still] = await t.db.select().from(users).where(eq(users.id, other.user.id));
    expect(still.disabledAt).toBeNull();
  });
});

describe("API tokens", () => {
  test("create shows the token once; list shows name, created, last used; the token works", async () => {
    const { user } = await createSchoolWithUser(t.db);
    const cookie = await login(t.app, user.email, TEST_PASSWORD);
    const res = await postForm(t.app, "/school/tokens", { name: "Roosterkoppeling" }, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const html = await res.text();
    const token =
      /id="new-token"[^>]*value="([^"]+)"/.exec(html)?.[1] ??
      /value="([^"]+)"[^>]*id="new-token"/.exec(html)?.[1];
    expect(token).toMatch(/^rgp_[A-Za-z0-9_-]{43}$/);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.userId, user.id));
    expect(row.tokenHash).toBe(await sha256Hex(token!));
    expect(row.name).toBe("Roosterkoppeling");

    const list = await (await get(t.app, "/school/tokens", cookie)).text();
    expect(list).toContain("Roosterkoppeling");
    expect(list).not.toContain(token!);
    expect(list).toContain("Nog niet");

    expect((await get(t.app, API, undefined, { authorization: `Bearer ${token}` })).status).toBe(
      200,
    );
    const used = await (await get(t.app, "/school/tokens", cookie)).text();
    expect(used).not.toContain("Nog niet");
    // Last use is shown as a Dutch date and time, e.g. "15 juni 2026, 12:00".
    expect(used).toMatch(
      /\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}, \d{2}:\d{2}/,
    );
    expect(await auditActions("api_token")).toEqual(["create"]);
  });

  test("a token of school A used after revoke gets 401", async () => {
    const { school, user } = await createSchoolWithUser(t.db, "School A");
    const auth = await bearer(t.db, user.id, school.id);
    expect((await get(t.app, API, undefined, { authorization: auth })).status).toBe(200);
    const cookie = await login(t.app, user.email, TEST_PASSWORD);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.userId, user.id));
    const res = await postForm(t.app, `/school/tokens/${row.id}/intrekken`, {}, { cookie });
    expect(res.status).toBe(303);
    const after = await get(t.app, API, undefined, { authorization: auth });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: "unauthenticated" } });
    expect(await auditActions("api_token")).toContain("revoke");
  });

  test("a medewerker revokes only their own tokens; another school's token is 404", async () => {
    const { school, user } = await createSchoolWithUser(t.db);
    const staff = await createUser(t.db, { schoolId: school.id, role: "staff" });
    await bearer(t.db, user.id, school.id);
    const other = await createSchoolWithUser(t.db);
    await bearer(t.db, other.user.id, other.school.id);
    const [adminToken] = await t.db.select().from(apiTokens).where(eq(apiTokens.userId, user.id));
    const [otherToken] = await t.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.userId, other.user.id));
    const staffCookie = await login(t.app, staff.email, TEST_PASSWORD);
    expect(
      (
        await postForm(
          t.app,
          `/school/tokens/${adminToken.id}/intrekken`,
          {},
          { cookie: staffCookie },
        )
      ).status,
    ).toBe(404);
    const adminCookie = await login(t.app, user.email, TEST_PASSWORD);
    expect(
      (
        await postForm(
          t.app,
          `/school/tokens/${otherToken.id}/intrekken`,
          {},
          { cookie: adminCookie },
        )
      ).status,
    ).toBe(404);
    const live = await t.db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, other.user.id)));
    expect(live[0].revokedAt).toBeNull();
    // The school admin sees the medewerker's tokens too and may revoke them.
    await bearer(t.db, staff.id, school.id);
    const list = await (await get(t.app, "/school/tokens", adminCookie)).text();
    expect(list).toContain(staff.name);
  });

  test("a token name is required", async () => {
    const { user } = await createSchoolWithUser(t.db);
    const cookie = await login(t.app, user.email, TEST_PASSWORD);
    const res = await postForm(t.app, "/school/tokens", { name: " " }, { cookie });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Geef het token een naam.");
  });
});

describe("password change", () => {
  test("ends the other sessions, keeps this one; the new password works", async () => {
    const { user } = await createSchoolWithUser(t.db);
    const here = await login(t.app, user.email, TEST_PASSWORD);
    const elsewhere = await login(t.app, user.email, TEST_PASSWORD);
    const res = await postForm(
      t.app,
      "/school/wachtwoord",
      {
        current_password: TEST_PASSWORD,
        new_password: NEW_PASSWORD,
        new_password_confirm: NEW_PASSWORD,
      },
      { cookie: here },
    );
    expect(res.status).toBe(303);
    expect((await get(t.app, "/school/team", here)).status).toBe(200);
    expect((await get(t.app, "/school/team", elsewhere)).status).toBe(303);
    await login(t.app, user.email, NEW_PASSWORD);
    expect(
      (await postForm(t.app, "/inloggen", { email: user.email, password: TEST_PASSWORD })).status,
    ).toBe(401);
  });

  test("a wrong current password or a weak new one is refused with a message (422)", async () => {
    const { user } = await createSchoolWithUser(t.db);
    const cookie = await login(t.app, user.email, TEST_PASSWORD);
    const wrong = await postForm(
      t.app,
      "/school/wachtwoord",
      {
        current_password: "fout-fout-fout",
        new_password: NEW_PASSWORD,
        new_password_confirm: NEW_PASSWORD,
      },
      { cookie },
    );
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("Uw huidige wachtwoord klopt niet.");
    const weak = await postForm(
      t.app,
      "/school/wachtwoord",
      { current_password: TEST_PASSWORD, new_password: "kort", new_password_confirm: "kort" },
      { cookie },
    );
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain("minstens 12 tekens");
  });

  test("an admin changes their password under /beheer", async () => {
    const admin = await createUser(t.db, { role: "admin" });
    const cookie = await login(t.app, admin.email, TEST_PASSWORD);
    expect((await get(t.app, "/beheer/wachtwoord", cookie)).status).toBe(200);
    const res = await postForm(
      t.app,
      "/beheer/wachtwoord",
      {
        current_password: TEST_PASSWORD,
        new_password: NEW_PASSWORD,
        new_password_confirm: NEW_PASSWORD,
      },
      { cookie },
    );
    expect(res.status).toBe(303);
    await login(t.app, admin.email, NEW_PASSWORD);
  });
});

describe("guards", () => {
  test("school pages: not logged in → 303 to the login with the way back; an admin → 403", async () => {
    const res = await get(t.app, "/school/tokens?x=1");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/inloggen?terug=%2Fschool%2Ftokens%3Fx%3D1");
    const admin = await createUser(t.db, { role: "admin" });
    const cookie = await login(t.app, admin.email, TEST_PASSWORD);
    const forbidden = await get(t.app, "/school/team", cookie);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toContain("Geen toegang");
  });

  test("school API: no or invalid credentials → 401 in the JSON error shape", async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: "Bearer rgp_doesnotexist" },
      { authorization: "Basic abc" },
    ];
    for (const headers of variants) {
      const res = await get(t.app, API, undefined, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/json");
      const body = await res.json();
      expect(body.error.code).toBe("unauthenticated");
      expect(typeof body.error.message).toBe("string");
    }
  });

  test("/beheer: a school user → 403, not logged in → login", async () => {
    const { user } = await createSchoolWithUser(t.db);
    const cookie = await login(t.app, user.email, TEST_PASSWORD);
    const res = await get(t.app, "/beheer", cookie);
    expect(res.status).toBe(403);
    expect(
      (await postForm(t.app, "/beheer/crebos", { code: "99999", name: "Stiekem" }, { cookie }))
        .status,
    ).toBe(403);
    const anonymous = await get(t.app, "/beheer/crebos");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe("/inloggen?terug=%2Fbeheer%2Fcrebos");
  });

  test("a logged-in user who opens /inloggen goes straight on", async () => {
    const { user } = await createSchoolWithUser(t.db);
    const cookie = await login(t.app, user.email, TEST_PASSWORD);
    const res = await get(t.app, "/inloggen?terug=%2Fschool%2Ftokens", cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/school/tokens");
  });
});
