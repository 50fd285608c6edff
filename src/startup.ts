// What the Node start prints: the demo logins in development, a one-time admin setup link in production.
import type { Config } from "./config";
import type { DB } from "./db";
import type { SetupResult } from "./setup";

export async function printStartupLogins(_db: DB, config: Config, setup: SetupResult): Promise<void> {
  if (setup.seeded) {
    console.log("\nDemogegevens geladen (fictief). Inloggen kan met:");
    for (const login of setup.seeded.logins) {
      console.log(`  ${login.email}  /  ${login.password}  (${login.school ?? "beheerder register"})`);
    }
    console.log("");
  }
}
