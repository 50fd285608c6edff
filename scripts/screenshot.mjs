// Takes desktop and 390 px screenshots of a running register: node scripts/screenshot.mjs URL NAME
import { chromium } from "playwright-core";
const [url, name] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
for (const [label, width] of [
  ["desktop", 1280],
  ["mobile", 390],
]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(url);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/shot-${name}-${label}.png`, fullPage: true });
  if (errors.length) console.log(label, "console errors:", errors);
  await page.close();
}
await browser.close();
