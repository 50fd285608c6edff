// Command-line entry: npm run cli -- <command> [options]
import { parseArgs } from "node:util";
import { configFromProcess, ConfigError } from "./config";
import { openDatabase } from "./db";
import { runMigrations } from "./migrate";
import { loadReferenceData } from "./reference-data";
import { amsterdamDate } from "./rules";
import { seedDemo } from "#db/seed/demo";
import { commands as extraCommands } from "./cli-commands";

const HELP = `Gebruik: npm run cli -- <opdracht> [opties]

  migrate                                   migraties en referentiegegevens toepassen
  demo [--assessors N]                      fictieve demogegevens toevoegen
${extraCommands
  .map((c) =>
    c.usage.length < 42
      ? `  ${c.usage.padEnd(42)}${c.description}`
      : `  ${c.usage}\n  ${"".padEnd(42)}${c.description}`,
  )
  .join("\n")}
`;

async function main(argv: string[]) {
  const [command, sub, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    console.log(HELP);
    return;
  }
  const config = configFromProcess();
  if (config.databaseUrl.startsWith("file:data/"))
    (await import("node:fs")).mkdirSync("data", { recursive: true });
  const { db, client } = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  try {
    await runMigrations(db);
    await loadReferenceData(db);
    if (command === "migrate") {
      console.log("Migraties en referentiegegevens zijn toegepast.");
      return;
    }
    if (command === "demo") {
      const { values } = parseArgs({
        args: [sub, ...rest].filter(Boolean) as string[],
        options: { assessors: { type: "string" } },
      });
      const count = values.assessors ? Number(values.assessors) : 300;
      if (!Number.isInteger(count) || count < 1 || count > 200000)
        throw new ConfigError("--assessors moet een geheel getal tussen 1 en 200000 zijn.");
      const result = await seedDemo(db, {
        on: amsterdamDate(new Date()),
        count,
        seed: Date.now() % 100000,
      });
      console.log(`${count} fictieve praktijkbeoordelaars toegevoegd.`);
      for (const l of result.logins) console.log(`  ${l.email} / ${l.password}`);
      return;
    }
    const extra = extraCommands.find(
      (c) => c.name === command && (c.sub === undefined || c.sub === sub),
    );
    if (!extra) {
      console.error(`Onbekende opdracht: ${command}${sub ? ` ${sub}` : ""}\n\n${HELP}`);
      process.exitCode = 2;
      return;
    }
    const args = extra.sub === undefined ? [sub, ...rest].filter((a) => a !== undefined) : rest;
    await extra.run({ db, config, args: args as string[] });
  } finally {
    client.close();
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
