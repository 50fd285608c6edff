// Operations commands for the CLI: `backup --out FILE` (a consistent copy made with VACUUM INTO).
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import type { CliCommand } from "#src/cli-commands";
import type { DB } from "#src/db";

export class BackupError extends Error {}

export type BackupResult = { path: string; bytes: number };

/**
 * Writes a consistent snapshot of the open database to `out` with `VACUUM INTO` (safe while the
 * server runs: it reads one transaction's view, and WAL lets writers carry on). Never overwrites.
 */
export async function backupDatabase(db: DB, out: string): Promise<BackupResult> {
  const path = resolve(out);
  if (existsSync(path))
    throw new BackupError(
      `Het bestand ${path} bestaat al. Een back-up overschrijft nooit een bestaand bestand: kies een nieuwe bestandsnaam.`,
    );
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new BackupError(
      `De map ${dir} bestaat niet. Maak die eerst aan of kies een andere plek.`,
    );
  await db.run(sql`VACUUM INTO ${path}`);
  return { path, bytes: statSync(path).size };
}

export const opsCommands: CliCommand[] = [
  {
    name: "backup",
    usage: "backup --out FILE",
    description: "consistente kopie van de database maken (VACUUM INTO)",
    run: async ({ db, config, args }) => {
      const { values } = parseArgs({ args, options: { out: { type: "string" } } });
      if (!values.out)
        throw new BackupError(
          "Geef met --out aan waar de back-up moet komen, bijvoorbeeld --out backup.db.",
        );
      if (!config.databaseUrl.startsWith("file:"))
        throw new BackupError(
          "Een back-up met VACUUM INTO kan alleen van een lokale database (file:…). Gebruik voor Turso of D1 de back-upfunctie van de aanbieder.",
        );
      const result = await backupDatabase(db, values.out);
      console.log(
        `Back-up geschreven naar ${result.path} (${(result.bytes / 1024 / 1024).toFixed(1)} MB).`,
      );
    },
  },
];
