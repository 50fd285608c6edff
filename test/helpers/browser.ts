// Headless Debian Chromium through playwright-core. Skips only when no Chromium is installed
// and REQUIRE_BROWSER is not set (CI sets it, so there the tests cannot skip).
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const browserAvailable = existsSync(CHROMIUM_PATH);

if (!browserAvailable && process.env.REQUIRE_BROWSER === "1") {
  throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM_PATH}`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Screenshots go to screenshots/ (ignored by git) so a person can look at them. */
export function screenshotPath(name: string): string {
  mkdirSync("screenshots", { recursive: true });
  return join("screenshots", `${name}.png`);
}

/**
 * Script errors and console errors (CSP violations among them) of a page, collected as they come.
 * `expected` matches console errors that are the point of the test (the browser logs a refused
 * form's 422 as an error).
 */
export function watchErrors(page: Page, expected?: RegExp): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && !expected?.test(m.text())) errors.push(m.text());
  });
  return errors;
}

let axeSource: string | undefined;

/** WCAG 2.2 A/AA violations that axe finds (injected by evaluate(), which the page's CSP allows). */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(join(process.cwd(), "node_modules/axe-core/axe.min.js"), "utf8");
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe;
    return (await axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    })) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}
