// Browser: the assessor walks /mijn-gegevens on a 390 px phone (axe clean), withdraws consent and
// reports an error; a member of the public files Meld een fout on a profile and the school admin
// finds it in Meldingen and handles it. Screenshots of every page at 1280 and 390 px go to
// /tmp/shots-access/ (or SHOTS_DIR).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { axeViolations, browserAvailable, launchBrowser, watchErrors } from "../helpers/browser";
import { bearer, createSchoolWithUser, TEST_PASSWORD } from "../helpers/factories";
import { startServer, type RunningServer } from "../helpers/server";
import { personalLink, registrationBody } from "../own-access/helpers";

const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots-access";

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function overflow(page: Page) {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

describe.skipIf(!browserAvailable)("the assessor's own access in the browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let adminEmail: string;
  let schoolId: string;
  let assessor: { id: string; email: string; link: string };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const who = await createSchoolWithUser(server.db, "Techniek College Noord");
    adminEmail = who.user.email;
    schoolId = who.school.id;
    const auth = await bearer(server.db, who.user.id, who.school.id);
    const call = (path: string, method: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await call("/api/v1/school/profile", "PATCH", {
      website: "https://www.techniekcollege-noord.nl/examenbureau",
      contact_email: "examenbureau@techniekcollege-noord.nl",
      contact_phone: "050-1234567",
    });
    const res = await call(
      "/api/v1/school/assessors",
      "POST",
      registrationBody("e2e", { first_name: "Sanne", infix: "", last_name: "Visser" }),
    );
    const record = (await res.json()) as { id: string; email: string };
    await call(`/api/v1/school/assessors/${record.id}/examinations`, "POST", {
      date: "2025-03-12",
      crebo: "25332",
      notes: "Proeve van bekwaamheid",
    });
    await call(`/api/v1/school/assessors/${record.id}/refresher-trainings`, "POST", {
      date: "2025-10-02",
      kind: "terugkomdag",
      description: "",
      provider: "Kenniscentrum Techniek",
    });
    // The mailer sees the body as queued (the outbox redacts links once a mail is delivered).
    const mail = server.mails.find((m) => m.to === record.email)!;
    assessor = { ...record, link: new URL(personalLink(mail.body)).pathname };
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("walks /mijn-gegevens at 390 px: everything readable, axe clean, consent and a report", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    // CSP violations and script errors show up here; a 422 page load is expected once.
    const errors = watchErrors(page, /status of 422/);

    await page.goto(`${server.url}/mijn-gegevens`);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "request-390");
    await page.getByLabel("Uw e-mailadres").fill("onbekend@voorbeeld.nl");
    await page.getByRole("button", { name: "Stuur mij een link" }).click();
    await expect
      .poll(() => page.locator(".notice").textContent())
      .toContain("Als dit adres bij ons bekend is");

    await page.goto(`${server.url}${assessor.link}`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Mijn gegevens");
    const text = (await page.locator("main").textContent()) ?? "";
    for (const value of [
      assessor.email,
      "06-11112222",
      "Proeve van bekwaamheid",
      "Terugkomdag",
      "Techniek College Noord",
      "examenbureau@techniekcollege-noord.nl",
    ])
      expect(text).toContain(value);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "mijn-gegevens-390");
    expect((await context.cookies()).length).toBe(0);

    await page.getByRole("button", { name: "Toestemming intrekken" }).click();
    await expect.poll(() => page.locator(".notice").first().textContent()).toContain("ingetrokken");
    expect(await page.getByRole("button", { name: "Toestemming geven" }).count()).toBe(1);
    expect((await fetch(`${server.url}/api/v1/assessors/${assessor.id}`)).status).toBe(404);

    await page
      .getByLabel("Wat klopt er niet?")
      .fill("Mijn telefoonnummer is 06-99998888 geworden.");
    await page.getByRole("button", { name: "Melding versturen" }).click();
    await expect
      .poll(() => page.locator("#melding .notice").textContent())
      .toContain("doorgestuurd");
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "mijn-gegevens-after-390");

    // Empty report: the message is next to the field and in the summary.
    await page.getByRole("button", { name: "Melding versturen" }).click();
    await expect.poll(() => page.locator("#message-error").textContent()).toContain("Beschrijf");
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Toestemming geven" }).click();
    await expect.poll(() => page.locator(".notice").first().textContent()).toContain("vastgelegd");
    expect(errors).toEqual([]);
    await context.close();

    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const wide = await desktop.newPage();
    await wide.goto(`${server.url}${assessor.link}`);
    expect(await axeViolations(wide)).toEqual([]);
    await shot(wide, "mijn-gegevens-1280");
    await wide.goto(`${server.url}/mijn-gegevens`);
    await shot(wide, "request-1280");
    await desktop.close();
  });

  test("a public Meld een fout report shows in the school's Meldingen and is handled there", async () => {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/beoordelaars/${assessor.id}`);
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await shot(page, `profile-${width}`);
      await page.getByRole("link", { name: "Techniek College Noord" }).first().click();
      await page.waitForURL(`**/scholen/${schoolId}`);
      expect(await page.locator("main").textContent()).toContain("Sanne Visser");
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `school-public-${width}`);
      await context.close();
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/beoordelaars/${assessor.id}`);
    await page
      .getByLabel("Wat klopt er niet?")
      .fill("Sanne werkt sinds kort bij een ander bedrijf.");
    await page.getByLabel("Uw e-mailadres (niet verplicht)").fill("melder@voorbeeld.nl");
    await page.getByRole("button", { name: "Melding versturen" }).click();
    await expect
      .poll(() => page.locator("#melding .notice").textContent())
      .toContain("doorgestuurd");
    const after = (await page.locator("main").textContent()) ?? "";
    expect(after).not.toContain(assessor.email);

    await page.goto(`${server.url}/inloggen`);
    await page.getByLabel("E-mailadres").fill(adminEmail);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL(/\/school$/);
    await page.getByRole("link", { name: "Meldingen" }).click();
    await page.waitForURL(/\/school\/meldingen$/);
    const list = (await page.locator("main").textContent()) ?? "";
    expect(list).toContain("Sanne werkt sinds kort bij een ander bedrijf.");
    expect(list).toContain("melder@voorbeeld.nl");
    expect(list).toContain("Bezoeker openbaar profiel");
    expect(list).toContain("De beoordelaar zelf");
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "meldingen-1280");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "meldingen-390");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("button", { name: "Markeer als afgehandeld" }).first().click();
    await expect.poll(() => page.locator(".notice").textContent()).toContain("afgehandeld");
    await page.getByRole("link", { name: "Afgehandeld" }).click();
    await expect.poll(() => page.locator("main").textContent()).toContain("Test Gebruiker");

    await page.goto(`${server.url}/school/contact`);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "contact-1280");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "contact-390");
    await context.close();
  });
});
