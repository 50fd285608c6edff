// Issue 12, item 2: API tokens work on the school API only; pages and account actions take the
// session cookie alone; a password change or reset revokes the user's tokens.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { apiTokens, invites } from "#db/schema";
import { createTestApp, type TestApp } from "../helpers/app";
import { bearer, createSchoolWithUser, TEST_PASSWORD } from "../helpers/factories";
import { get, login, mailedPath, NEW_PASSWORD, postForm } from "../routes/auth-helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const API = "/api/v1/school/assessors";

describe("item 2: API tokens must not reach HTML pages or account actions", () => {
  test("a bearer token cannot make a new token on /school/tokens (which would survive revoking the first)", async () => {
    const { user, school } = await createSchoolWithUser(t.db);
    const auth = await bearer(t.db, user.id, school.id);
    const res = await postForm(
      t.app,
      "/school/tokens",
      { name: "tweede token" },
      { origin: null, headers: { authorization: auth } },
    );
    // Without an Origin the CSRF check refuses it; the token exempts nothing there any more.
    expect(res.status).toBe(403);
    expect(await t.db.select().from(apiTokens)).toHaveLength(1);
    // Also with our Origin (no CSRF excuse): still not a login.
    const same = await postForm(
      t.app,
      "/school/tokens",
      { name: "derde token" },
      { headers: { authorization: auth } },
    );
    expect(same.status).toBe(303);
    expect(same.headers.get("location")).toMatch(/^\/inloggen/);
    expect(await t.db.select().from(apiTokens)).toHaveLength(1);
  });

  test("a bearer token cannot invite a school admin on /school/team, nor open school pages", async () => {
    const { user, school } = await createSchoolWithUser(t.db);
    const auth = await bearer(t.db, user.id, school.id);
    const res = await postForm(
      t.app,
      "/school/team",
      { email: "indringer@voorbeeld.test", role: "school_admin" },
      { headers: { authorization: auth } },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/inloggen/);
    expect(await t.db.select().from(invites)).toHaveLength(0);
    for (const path of ["/school", "/school/tokens", "/school/team", "/school/wachtwoord"]) {
      const page = await get(t.app, path, undefined, { authorization: auth });
      expect(page.status, path).toBe(303);
    }
    // The school API itself still takes the token.
    const api = await get(t.app, API, undefined, { authorization: auth });
    expect(api.status).toBe(200);
  });

  test("a password change revokes the user's tokens, and the page says so", async () => {
    const { user, school } = await createSchoolWithUser(t.db);
    const auth = await bearer(t.db, user.id, school.id);
    const cookie = await login(t.app, user.email, TEST_PASSWORD);
    const form = await get(t.app, "/school/wachtwoord", cookie);
    expect(await form.text()).toContain("API-tokens");
    const res = await postForm(
      t.app,
      "/school/wachtwoord",
      {
        current_password: TEST_PASSWORD,
        new_password: NEW_PASSWORD,
        new_password_confirm: NEW_PASSWORD,
      },
      { cookie },
    );
    expect(res.status).toBe(303);
    const done = await get(t.app, res.headers.get("location")!, cookie);
    expect(await done.text()).toContain("API-tokens zijn ingetrokken");
    expect((await get(t.app, API, undefined, { authorization: auth })).status).toBe(401);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.userId, user.id));
    expect(row.revokedAt).not.toBeNull();
  });

  test("a password reset revokes the user's tokens, and the page says so", async () => {
    const { user, school } = await createSchoolWithUser(t.db);
    const auth = await bearer(t.db, user.id, school.id);
    await postForm(t.app, "/wachtwoord-vergeten", { email: user.email });
    const path = mailedPath(t.mails, user.email, "/wachtwoord-vergeten/");
    expect(await (await get(t.app, path)).text()).toContain("API-tokens");
    const res = await postForm(t.app, path, {
      password: NEW_PASSWORD,
      password_confirm: NEW_PASSWORD,
    });
    expect(res.status).toBe(303);
    expect((await get(t.app, API, undefined, { authorization: auth })).status).toBe(401);
  });
});
