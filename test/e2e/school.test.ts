// Browser: a school administrator does the seed flow — log in, register an assessor after the
// criteria check, log an examination and a bijscholing, and sees status and timeline change.
// Screenshots at desktop and 390 px (screenshots/school-*.png).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { browserAvailable, launchBrowser, screenshotPath, watchErrors } from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";
import { createSchoolWithUser, TEST_PASSWORD } from "../helpers/factories";
import { createTestAssessor } from "../helpers/assessors";

describe.skipIf(!browserAvailable)("school area in the browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let email: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const who = await createSchoolWithUser(server.db, "ROC Midden Techniek");
    email = who.user.email;
    // some colleagues' assessors so the dashboard has rows in every status
    await createTestAssessor(server.db, who, {
      firstName: "Anouk",
      lastName: "Bakker",
      examinationDates: ["2026-01-10"],
      refresherDates: ["2025-11-02"],
    });
    await createTestAssessor(server.db, who, {
      firstName: "Pieter",
      lastName: "Jansen",
      initialTraining: {
        date: "2023-05-01",
        provider: "X",
        components: ["exam_process", "assessing", "final_interview"],
      },
      examinationDates: ["2024-02-01"],
    });
    await createTestAssessor(server.db, who, {
      firstName: "Gerrit",
      lastName: "Smit",
      initialTraining: {
        date: "2023-08-20",
        provider: "X",
        components: ["exam_process", "assessing", "final_interview"],
      },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function overflow(page: Page) {
    return page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  }

  test("log in, register, log an examination and a bijscholing", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page, /status of (404|422)/);

    await page.goto(`${server.url}/inloggen`);
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL(/\/school$/);
    await expect.poll(() => page.locator("h1").textContent()).toContain("ROC Midden Techniek");
    await page.screenshot({ path: screenshotPath("school-dashboard-desktop"), fullPage: true });

    // live search in the list (htmx)
    await page.getByLabel("Zoeken", { exact: true }).fill("jansen");
    await expect.poll(() => page.locator("#beoordelaars tbody tr").count()).toBe(1);
    expect(page.url()).toContain("q=jansen");
    await page.getByLabel("Zoeken", { exact: true }).fill("");
    await expect.poll(() => page.locator("#beoordelaars tbody tr").count()).toBe(3);

    // register after the criteria check
    await page.getByRole("link", { name: "Beoordelaar registreren" }).first().click();
    await page.waitForURL(/\/school\/beoordelaars\/nieuw$/);
    await page.getByRole("button", { name: "Beoordelaar registreren" }).click();
    await expect.poll(() => page.locator(".error-summary li").count()).toBeGreaterThan(3);
    await page.getByLabel("Examenproces en rollen").check();
    await page.getByLabel("Beoordelen van observaties en producten").check();
    await page.getByLabel("Voeren van een eindgesprek").check();
    await page.getByLabel("Datum van de scholing").fill("2023-07-01");
    await page.getByLabel("Aanbieder van de scholing").fill("Kenniscentrum Techniek");
    await page.getByLabel("Voornaam").fill("Daniëlle");
    await page.getByLabel("Tussenvoegsel").fill("van den");
    await page.getByLabel("Achternaam").fill("Berg");
    await page.getByLabel("E-mailadres").fill("d.vandenberg@voorbeeld.nl");
    await page.getByLabel("Telefoon (optioneel)").fill("06-12345678");
    await page
      .getByLabel("Organisatie (bedrijf waar de beoordelaar werkt)")
      .fill("Installatiebedrijf Van Dam");
    // typeahead from /api/v1/places
    await page.locator("#places").fill("Amersf");
    await expect.poll(() => page.locator("#place-options option").count()).toBeGreaterThan(0);
    const option = await page.locator("#place-options option").first().getAttribute("value");
    expect(option).toMatch(/^Amersfoort \(Amersfoort, UT\) \[\d{4}\]$/);
    await page.locator("#places").fill(option!);
    await page.getByRole("button", { name: "Nog een plaats toevoegen" }).click();
    await expect.poll(() => page.locator('input[name="places"]').count()).toBe(3);
    await page.locator("#crebos").fill("25332");
    await page.getByLabel("Ja, de beoordelaar geeft toestemming").check();
    await page.screenshot({ path: screenshotPath("school-register-desktop"), fullPage: true });
    await page.getByRole("button", { name: "Beoordelaar registreren" }).click();
    await page.waitForURL(/\/school\/beoordelaars\/[a-z0-9]{16}\?melding=geregistreerd$/);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Daniëlle van den Berg");
    await expect
      .poll(() => page.locator(".profile-head .badge").textContent())
      .toBe("Verloopt binnenkort");
    await expect.poll(() => page.locator(".timeline-item").count()).toBe(1);

    // log an examination (htmx swap of the profile)
    await page.getByLabel("Datum van het examen").fill("2026-06-01");
    await page.getByRole("button", { name: "Examen opslaan" }).click();
    await expect
      .poll(() => page.locator(".notice.success").textContent())
      .toContain("Het examen is geregistreerd.");
    // Focus goes to the confirmation, not back to the top of the page.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.className ?? ""))
      .toBe("notice success");
    await expect.poll(() => page.locator(".timeline-item").count()).toBe(2);
    await expect
      .poll(() => page.locator(".profile-head .badge").textContent())
      .toBe("Verloopt binnenkort");

    // a future date is refused next to the field
    await page.getByLabel("Datum van de bijscholing").fill("2026-07-01");
    await page.getByLabel("Soort bijscholing").selectOption("terugkomdag");
    await page.getByRole("button", { name: "Bijscholing opslaan" }).click();
    await expect
      .poll(() => page.locator("#bijscholing-form .field-error").first().textContent())
      .toContain("mag niet in de toekomst liggen");
    // After a form error focus moves to the error summary.
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            document.activeElement?.closest("form")?.id + " " + document.activeElement?.className,
        ),
      )
      .toBe("bijscholing-form error-summary");

    // the bijscholing makes the assessor qualified
    await page.getByLabel("Datum van de bijscholing").fill("2026-06-10");
    await page.getByLabel("Soort bijscholing").selectOption("terugkomdag");
    await page.getByLabel("Aanbieder (optioneel)").fill("ROC Midden");
    await page.getByRole("button", { name: "Bijscholing opslaan" }).click();
    await expect
      .poll(() => page.locator(".notice.success").textContent())
      .toContain("De bijscholing is geregistreerd.");
    await expect
      .poll(() => page.locator(".profile-head .badge").textContent())
      .toBe("Gekwalificeerd");
    await expect.poll(() => page.locator(".timeline-item").count()).toBe(3);
    await expect
      .poll(() => page.locator(".legend-deadline").textContent())
      .toContain("31 mei 2029");
    await page.screenshot({ path: screenshotPath("school-profile-desktop"), fullPage: true });

    // publicly findable now
    const publicPage = await context.newPage();
    await publicPage.goto(`${server.url}/api/v1/assessors?q=danielle`);
    expect(await publicPage.textContent("body")).toContain("Daniëlle");

    // phone width
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.screenshot({ path: screenshotPath("school-profile-390"), fullPage: true });
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.goto(`${server.url}/school`);
    await page.screenshot({ path: screenshotPath("school-dashboard-390"), fullPage: true });
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.goto(`${server.url}/school/beoordelaars/nieuw`);
    await page.screenshot({ path: screenshotPath("school-register-390"), fullPage: true });
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
