// The first admin of a production database on D1 (Workers cannot print a setup link at start):
//   node scripts/gen-admin-sql.mjs --base-url https://register.example.nl [--out dist/sql/admin-setup.sql]
// Writes SQL that ends earlier unused setup links and adds a new one-time admin setup link
// (7 days, the same invite as the Node start makes in production: src/startup.ts), and prints the
// link. The file holds only the SHA-256 of the token; the link itself is shown here once. Then:
//   npx wrangler d1 execute DB --remote --file dist/sql/admin-setup.sql
// The link works only while the register has no admin. (On Turso, run the Node CLI against the
// database instead: DATABASE_URL=… DATABASE_AUTH_TOKEN=… npm run cli -- admin create …)
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import {
  dumpTable,
  header,
  importTs,
  openSourceDatabase,
  option,
  sqlLiteral,
} from "./gen-sql-lib.mjs";

export const DEFAULT_ADMIN_SQL = "dist/sql/admin-setup.sql";

export async function generateAdminSetupSql({
  baseUrl,
  out = DEFAULT_ADMIN_SQL,
  now = new Date(),
}) {
  const { parseConfig } = await importTs("../src/config.ts");
  const { adminSetupLink } = await importTs("../src/startup.ts");
  const config = parseConfig({ BASE_URL: baseUrl, NODE_ENV: "production" });
  const source = await openSourceDatabase();
  try {
    const link = await adminSetupLink(source.db, config, now);
    const parts = [
      header("One-time admin setup link (only the SHA-256 of the token is stored)"),
      `UPDATE "invites" SET "used_at" = ${sqlLiteral(now.toISOString())} WHERE "kind" = 'admin_setup' AND "used_at" IS NULL;`,
      ...(await dumpTable(source.client, "invites", "insert")),
    ];
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, parts.join("\n") + "\n");
    return { out, link };
  } finally {
    source.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const baseUrl = option(args, "base-url", process.env.BASE_URL);
  if (!baseUrl || !/^https?:\/\//.test(baseUrl)) {
    console.error(
      "Geef het openbare adres van het register op: --base-url https://register.example.nl",
    );
    process.exit(2);
  }
  const { out, link } = await generateAdminSetupSql({
    baseUrl,
    out: option(args, "out", DEFAULT_ADMIN_SQL),
  });
  console.log(`SQL geschreven naar ${out}. Voer het uit op de database, bijvoorbeeld:`);
  console.log(`  npx wrangler d1 execute DB --remote --file ${out}`);
  console.log("\nMaak daarna de eerste beheerder aan via deze eenmalige link (7 dagen geldig):");
  console.log(`  ${link}`);
}
