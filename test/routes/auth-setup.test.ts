// First start in production: a one-time admin setup link on the console; development prints demo logins.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { invites, users } from "#db/schema";
import { parseConfig } from "#src/config";
import { printStartupLogins } from "#src/startup";
import { createTestApp, type TestApp } from "../helpers/app";
import { createUser } from "../helpers/factories";
import { get, login, NEW_PASSWORD, postForm, sessionCookieOf } from "./auth-helpers";

let t: TestApp;
let printed: string[];
beforeEach(async () => {
  t = await createTestApp();
  printed = [];
  vi.spyOn(console, "log").mockImplementation(
    (...args: unknown[]) => void printed.push(args.join(" ")),
  );
});
afterEach(() => {
  vi.restoreAllMocks();
  t.close();
});

const production = parseConfig({ NODE_ENV: "production", BASE_URL: "https://register.example" });

function printedLink(): string {
  const line = printed
    .join("\n")
    .match(/https:\/\/register\.example(\/uitnodiging\/[A-Za-z0-9_-]+)/);
  expect(line, printed.join("\n")).not.toBeNull();
  return line![1];
}

test("production without an admin prints a one-time link that creates the first admin", async () => {
  await printStartupLogins(t.db, production, { seeded: null, fresh: true });
  const path = printedLink();
  const [invite] = await t.db.select().from(invites);
  expect(invite.kind).toBe("admin_setup");

  const page = await get(t.app, path);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('name="email"');
  const bad = await postForm(t.app, path, {
    email: "geen-adres",
    name: "Beheerder",
    password: NEW_PASSWORD,
    password_confirm: NEW_PASSWORD,
  });
  expect(bad.status).toBe(422);
  const res = await postForm(t.app, path, {
    email: "Bureau@Register.example",
    name: "Bureau",
    password: NEW_PASSWORD,
    password_confirm: NEW_PASSWORD,
  });
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe("/beheer");
  expect((await get(t.app, "/beheer", sessionCookieOf(res)!)).status).toBe(200);
  const [admin] = await t.db.select().from(users).where(eq(users.email, "bureau@register.example"));
  expect(admin).toMatchObject({ role: "admin", schoolId: null });
  expect((await get(t.app, path)).status).toBe(410);
  await login(t.app, "bureau@register.example", NEW_PASSWORD);

  // With an admin, the next start prints no link.
  printed = [];
  await printStartupLogins(t.db, production, { seeded: null, fresh: false });
  expect(printed.join("\n")).not.toContain("/uitnodiging/");
});

test("each start without an admin prints a new link; the earlier one stops working", async () => {
  await printStartupLogins(t.db, production, { seeded: null, fresh: true });
  const first = printedLink();
  printed = [];
  await printStartupLogins(t.db, production, { seeded: null, fresh: false });
  const second = printedLink();
  expect(second).not.toBe(first);
  expect((await get(t.app, first)).status).toBe(410);
  expect((await get(t.app, second)).status).toBe(200);
});

test("development prints the demo logins and no setup link", async () => {
  const dev = parseConfig({ NODE_ENV: "development" });
  await printStartupLogins(t.db, dev, {
    seeded: {
      logins: [
        {
          email: "demo@school.test",
          password: "demo-wachtwoord-2026",
          role: "school_admin",
          school: "ROC Demo",
        },
      ],
    },
    fresh: true,
  });
  const text = printed.join("\n");
  expect(text).toContain("demo@school.test");
  expect(text).not.toContain("/uitnodiging/");
  expect(await t.db.select().from(invites)).toHaveLength(0);
});

test("the setup link is spent once an admin exists by another way (e.g. the CLI)", async () => {
  await printStartupLogins(t.db, production, { seeded: null, fresh: true });
  const path = printedLink();
  await createUser(t.db, { role: "admin" });
  expect((await get(t.app, path)).status).toBe(410);
  const res = await postForm(t.app, path, {
    email: "indringer@x.test",
    name: "X",
    password: NEW_PASSWORD,
    password_confirm: NEW_PASSWORD,
  });
  expect(res.status).toBe(410);
  expect(await t.db.select().from(users).where(eq(users.email, "indringer@x.test"))).toHaveLength(
    0,
  );
});

test("production with an admin already present prints nothing", async () => {
  await createUser(t.db, { role: "admin" });
  await printStartupLogins(t.db, production, { seeded: null, fresh: false });
  expect(printed.join("\n")).not.toContain("/uitnodiging/");
});
