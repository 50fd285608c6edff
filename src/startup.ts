// What the Node start prints: the demo logins in development, a one-time admin setup link in production.
import type { Config } from "./config";
import type { DB } from "./db";
import type { SetupResult } from "./setup";
import { closeOpenInvitesQuery, createInvite } from "./auth/invites";
import { hasAdmin } from "./queries/accounts";

/**
 * In production without an admin: a fresh one-time link (7 days) to create the first admin.
 * Earlier unused setup links stop working, so only the last printed link is valid.
 */
export async function adminSetupLink(
  db: DB,
  config: Config,
  now = new Date(),
): Promise<string | null> {
  if (await hasAdmin(db)) return null;
  await closeOpenInvitesQuery(db, { kind: "admin_setup" }, now);
  const { token } = await createInvite(db, { kind: "admin_setup", email: "", role: "admin" }, now);
  return `${config.baseUrl}/uitnodiging/${token}`;
}

export async function printStartupLogins(
  db: DB,
  config: Config,
  setup: SetupResult,
): Promise<void> {
  if (setup.seeded) {
    console.log("\nDemogegevens geladen (fictief). Inloggen kan met:");
    for (const login of setup.seeded.logins) {
      console.log(
        `  ${login.email}  /  ${login.password}  (${login.school ?? "beheerder register"})`,
      );
    }
    console.log("");
  }
  if (config.env === "production") {
    const link = await adminSetupLink(db, config);
    if (link) {
      console.log(
        "\nEr is nog geen beheerder. Maak de eerste beheerder aan via deze eenmalige link (7 dagen geldig):",
      );
      console.log(`  ${link}\n`);
    }
  }
}
