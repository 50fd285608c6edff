// CI check over db/migrations (SECURITY 14): no migration may lose personal data.
//
//   node scripts/check-migrations.mjs [folder]     exit 0 when clean, 1 with one line per problem
//
// Rules, per migration file:
// - DROP TABLE of a personal-data table only after the same migration copied it
//   (INSERT INTO … SELECT … FROM that table), as drizzle-kit's table rebuild does;
// - no ON DELETE CASCADE on a foreign key of, or pointing to, a personal-data table;
// - ALTER TABLE … DROP COLUMN on a personal-data table only with a line
//   `-- data-loss-reviewed: <reason>` in the migration (someone decided the column may go).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PERSONAL = new Set([
  "assessors",
  "examinations",
  "refresher_trainings",
  "consent_events",
  "users",
  "audit_log",
  "outbox",
  "account_requests",
  "invites",
]);
// Derived data, rebuilt from assessors.search_text; the migration test compares its row count.
const DERIVED = new Set(["assessor_fts"]);

const NAME = String.raw`[\`"\[]?([A-Za-z_][A-Za-z0-9_]*)[\`"\]]?`;

export function isPersonalTable(name) {
  const table = name.toLowerCase().replace(/^__new_/, "");
  if (DERIVED.has(table)) return false;
  return PERSONAL.has(table) || table.startsWith("assessor_");
}

/** SQL without comments (string literals are left alone; migrations keep comments on their own lines). */
function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/--[^\n]*/g, " ");
}

/** Problems in one migration's SQL text, as human-readable lines. */
export function checkMigrationSql(file, text) {
  const problems = [];
  const code = stripComments(text);
  const reviewed = /^\s*--\s*data-loss-reviewed:\s*\S/m.test(text);

  for (const drop of code.matchAll(
    new RegExp(String.raw`\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?${NAME}`, "gi"),
  )) {
    const table = drop[1];
    if (!isPersonalTable(table)) continue;
    const before = code.slice(0, drop.index);
    const copy = new RegExp(
      String.raw`\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+[^;]*?\bSELECT\b[^;]*?\bFROM\s+[\`"\[]?${table}[\`"\]]?(?![A-Za-z0-9_])`,
      "i",
    );
    if (!copy.test(before))
      problems.push(
        `${file}: DROP TABLE ${table} drops personal data without copying it first (INSERT INTO … SELECT … FROM ${table})`,
      );
  }

  const owners = [
    ...code.matchAll(
      new RegExp(
        String.raw`\b(?:CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?|ALTER\s+TABLE\s+)${NAME}`,
        "gi",
      ),
    ),
  ];
  for (const cascade of code.matchAll(
    new RegExp(
      String.raw`\bREFERENCES\s+${NAME}\s*(?:\([^)]*\))?[^,;()]*?\bON\s+DELETE\s+CASCADE\b`,
      "gi",
    ),
  )) {
    const owner = owners.filter((o) => o.index < cascade.index).at(-1)?.[1] ?? "?";
    const target = cascade[1];
    if (isPersonalTable(owner) || isPersonalTable(target))
      problems.push(
        `${file}: ON DELETE CASCADE from ${owner} to ${target} (personal data never cascades on delete)`,
      );
  }

  for (const m of code.matchAll(
    new RegExp(String.raw`\bALTER\s+TABLE\s+${NAME}\s+DROP\s+(?:COLUMN\s+)?${NAME}`, "gi"),
  )) {
    if (isPersonalTable(m[1]) && !reviewed)
      problems.push(
        `${file}: ALTER TABLE ${m[1]} DROP COLUMN ${m[2]} removes personal data; add "-- data-loss-reviewed: <reason>" if intended`,
      );
  }
  return problems;
}

/** The migrations in journal order (or every .sql file, sorted, when there is no journal). */
export function migrationFiles(folder) {
  const journal = join(folder, "meta", "_journal.json");
  if (existsSync(journal)) {
    const { entries } = JSON.parse(readFileSync(journal, "utf8"));
    return entries.map((e) => `${e.tag}.sql`);
  }
  return readdirSync(folder)
    .filter((f) => f.endsWith(".sql"))
    .sort();
}

export function checkMigrationsFolder(folder) {
  return migrationFiles(folder).flatMap((file) =>
    checkMigrationSql(file, readFileSync(join(folder, file), "utf8")),
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folder = resolve(process.argv[2] ?? "db/migrations");
  const problems = checkMigrationsFolder(folder);
  if (problems.length) {
    for (const p of problems) console.error(p);
    console.error(`check-migrations: ${problems.length} problem(s) in ${folder}`);
    process.exit(1);
  }
  console.log(`check-migrations: ${migrationFiles(folder).length} migration(s) OK`);
}
