// Browser: a school goes from account request to approval, invite, password, login and logout;
// screenshots of the login page and /beheer at desktop and phone widths.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { browserAvailable, launchBrowser, screenshotPath, watchErrors } from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";
import { createUser, TEST_PASSWORD } from "../helpers/factories";

const CONTACT = "m.bakker@techniekschool.test";
const PASSWORD = "mijn-eigen-lange-wachtwoord";

describe.skipIf(!browserAvailable)("account lifecycle in the browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let adminEmail: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    adminEmail = (await createUser(server.db, { role: "admin", name: "Bureau Register" })).email;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newPage(width = 1280) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    return { context, page, errors: watchErrors(page, /status of (401|403|404|410|422|429)/) };
  }

  async function logIn(page: Page, email: string, password: string) {
    await page.goto(`${server.url}/inloggen`);
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForLoadState("domcontentloaded");
  }

  test("request → approve → invite → password → logged in → token → logout → login", async () => {
    // 1. The school requests an account.
    const school = await newPage();
    await school.page.goto(`${server.url}/aanvragen`);
    await school.page.getByLabel("Naam van de school").fill("Techniekschool Zwolle");
    await school.page.getByLabel("BRIN-code (niet verplicht)").fill("27AB");
    await school.page.getByLabel("Plaats", { exact: true }).fill("Zwolle");
    await school.page.getByLabel("Naam contactpersoon").fill("Marieke Bakker");
    await school.page.getByLabel("E-mailadres contactpersoon").fill(CONTACT);
    await school.page
      .getByLabel("Korte toelichting")
      .fill("Examens Eerste monteur elektrotechnische installaties.");
    await school.page.getByRole("button", { name: "Aanvraag versturen" }).click();
    await expect
      .poll(() => school.page.locator("h1").textContent())
      .toContain("Aanvraag ontvangen");

    // 2. The admin approves it.
    const admin = await newPage();
    await logIn(admin.page, adminEmail, TEST_PASSWORD);
    expect(new URL(admin.page.url()).pathname).toBe("/beheer");
    await expect
      .poll(() => admin.page.getByRole("heading", { name: "Techniekschool Zwolle" }).count())
      .toBe(1);
    await admin.page.screenshot({ path: screenshotPath("auth-beheer-desktop"), fullPage: true });
    await admin.page.setViewportSize({ width: 390, height: 844 });
    await admin.page.screenshot({ path: screenshotPath("auth-beheer-390"), fullPage: true });
    const overflow = await admin.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await admin.page.setViewportSize({ width: 1280, height: 900 });
    await admin.page.getByRole("button", { name: "Goedkeuren en uitnodigen" }).click();
    await expect
      .poll(() => admin.page.locator(".notice.success").textContent())
      .toContain("goedgekeurd");
    await expect
      .poll(() => admin.page.getByRole("link", { name: "Techniekschool Zwolle" }).count())
      .toBe(1);

    // 3. The contact opens the invite from the outbox and sets a password.
    const mail = [...server.mails]
      .reverse()
      .find((m) => m.to === CONTACT && m.body.includes("/uitnodiging/"));
    expect(mail).toBeDefined();
    const link = /https?:\/\/\S+\/uitnodiging\/[A-Za-z0-9_-]+/.exec(mail!.body)![0];
    await school.page.goto(link);
    await school.page.getByLabel("Uw naam").fill("Marieke Bakker");
    await school.page.getByLabel("Kies een wachtwoord").fill(PASSWORD);
    await school.page.getByLabel("Herhaal het wachtwoord").fill(PASSWORD);
    await school.page.getByRole("button", { name: "Account activeren" }).click();
    await school.page.waitForLoadState("domcontentloaded");
    expect(new URL(school.page.url()).pathname).toBe("/school");

    // 4. Logged in: create an API token; it is shown once and works.
    await school.page.goto(`${server.url}/school/tokens`);
    await school.page.getByLabel("Naam").fill("Roosterkoppeling");
    await school.page.getByRole("button", { name: "Token aanmaken" }).click();
    const token = await school.page.locator("#new-token").inputValue();
    expect(token).toMatch(/^rgp_/);
    const api = await fetch(`${server.url}/api/v1/school/assessors`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.status).toBe(200);
    await school.page.screenshot({ path: screenshotPath("auth-tokens-desktop"), fullPage: true });
    await school.page.goto(`${server.url}/school/team`);
    await school.page.screenshot({ path: screenshotPath("auth-team-desktop"), fullPage: true });
    await school.page.setViewportSize({ width: 390, height: 844 });
    await school.page.screenshot({ path: screenshotPath("auth-team-390"), fullPage: true });
    await school.page.setViewportSize({ width: 1280, height: 900 });
    await admin.page.goto(`${server.url}/beheer/crebos`);
    await admin.page.screenshot({
      path: screenshotPath("auth-beheer-crebos-desktop"),
      fullPage: false,
    });
    await admin.page.goto(`${server.url}/beheer/audit`);
    await admin.page.setViewportSize({ width: 390, height: 844 });
    await admin.page.screenshot({ path: screenshotPath("auth-beheer-audit-390"), fullPage: false });

    // 5. Log out with the header button; the school pages then ask for a login.
    await school.page.getByRole("button", { name: "Uitloggen" }).click();
    await school.page.waitForLoadState("domcontentloaded");
    expect(new URL(school.page.url()).pathname).toBe("/inloggen");
    await expect
      .poll(() => school.page.locator(".notice").textContent())
      .toContain("U bent uitgelogd");
    await school.page.goto(`${server.url}/school/tokens`);
    expect(new URL(school.page.url()).pathname).toBe("/inloggen");

    // 6. Log in with the chosen password: back to the page asked for.
    await school.page.getByLabel("E-mailadres").fill(CONTACT);
    await school.page.getByLabel("Wachtwoord", { exact: true }).fill(PASSWORD);
    await school.page.getByRole("button", { name: "Inloggen" }).click();
    await school.page.waitForLoadState("domcontentloaded");
    expect(new URL(school.page.url()).pathname).toBe("/school/tokens");
    await expect
      .poll(() => school.page.locator("table").textContent())
      .toContain("Roosterkoppeling");

    expect(school.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
    await school.context.close();
    await admin.context.close();
  });

  test("login page at desktop and 390 px; a wrong password shows the message next to the form", async () => {
    for (const width of [1280, 390]) {
      const { context, page, errors } = await newPage(width);
      await page.goto(`${server.url}/inloggen`);
      await page.screenshot({
        path: screenshotPath(`auth-login-${width === 390 ? "390" : "desktop"}`),
        fullPage: true,
      });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.getByLabel("E-mailadres").fill("iemand@school.test");
      await page.getByLabel("Wachtwoord", { exact: true }).fill("verkeerd-wachtwoord");
      await page.getByRole("button", { name: "Inloggen" }).click();
      await expect.poll(() => page.locator(".error-summary").textContent()).toContain("klopt niet");
      if (width === 390)
        await page.screenshot({ path: screenshotPath("auth-login-error-390"), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
