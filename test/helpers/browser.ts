// Headless Debian Chromium through playwright-core. Skips only when no Chromium is installed
// and REQUIRE_BROWSER is not set (CI sets it, so there the tests cannot skip).
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";

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
