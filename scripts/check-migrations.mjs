// CI check over db/migrations (SECURITY 14): no migration may lose personal data.
//
//   node scripts/check-migrations.mjs [folder]     exit 0 when clean, 1 with one line per problem
//
// The SQL is tokenized (comments, string literals, quoted and schema-qualified names such as
// `main.assessors` or "main"."assessors") and read statement by statement, in journal order, with
// what earlier statements did carried along: a personal-data table renamed to another name is
// still personal data under that name, and a copy (INSERT INTO … SELECT … FROM t, or CREATE TABLE
// … AS SELECT … FROM t) holds its data too. Rules:
// - DROP TABLE of a table holding personal data only after its data was copied
//   (INSERT INTO … SELECT … FROM that table), as drizzle-kit's table rebuild does;
// - DELETE FROM such a table (which empties it) only after a copy; with a WHERE clause (some
//   rows) also when the migration carries `-- data-loss-reviewed: <reason>`;
// - no ON DELETE CASCADE on a foreign key of, or pointing to, a personal-data table;
// - ALTER TABLE … DROP COLUMN on a personal-data table only with a line
//   `-- data-loss-reviewed: <reason>` in the migration (someone decided the column may go).
// Statements inside a trigger body run later, per row, not as part of the migration: not checked.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { is, skip, statements, tableAt, tokenize } from "./sql-statements.mjs";

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

export function isPersonalTable(name) {
  const table = name.toLowerCase().replace(/^__new_/, "");
  if (DERIVED.has(table)) return false;
  return PERSONAL.has(table) || table.startsWith("assessor_");
}

/** Every table named after FROM or JOIN anywhere in the statement (subqueries included). */
function sourceTables(tokens, from) {
  const names = [];
  for (let i = from; i < tokens.length; i++) {
    if (!is(tokens[i], "FROM", "JOIN")) continue;
    const table = tableAt(tokens, i + 1);
    if (table) names.push(table.name);
    // FROM a, b: the comma-separated list.
    for (let j = table ? table.next : i + 1; j < tokens.length; j++) {
      if (tokens[j].text === ",") {
        const more = tableAt(tokens, j + 1);
        if (more) names.push(more.name);
      } else if (
        tokens[j].kind === "punct" ||
        is(tokens[j], "WHERE", "JOIN", "GROUP", "ORDER", "LIMIT", "UNION", "ON")
      )
        break;
    }
  }
  return names;
}

/** The table each REFERENCES … ON DELETE CASCADE clause of the statement points to. */
function cascadeTargets(tokens) {
  const targets = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!is(tokens[i], "REFERENCES")) continue;
    const target = tableAt(tokens, i + 1);
    if (!target) continue;
    let depth = 0;
    for (let j = target.next; j < tokens.length; j++) {
      const t = tokens[j];
      if (t.text === "(") depth++;
      else if (t.text === ")") {
        if (depth === 0) break;
        depth--;
      } else if (t.text === "," && depth === 0) break;
      else if (is(t, "ON") && is(tokens[j + 1], "DELETE") && is(tokens[j + 2], "CASCADE")) {
        targets.push(target.name);
        break;
      }
    }
  }
  return targets;
}

// ------------------------------------------------------------------------------- rules

/** What earlier statements did, carried from one migration to the next. */
export function newState() {
  return {
    /** Tables holding personal data under another name (renamed, or a copy): name → origin. */
    holders: new Map(),
    /** Tables whose data was copied elsewhere, so they may be dropped or emptied. */
    copied: new Set(),
  };
}

function personal(state, name) {
  return isPersonalTable(name) || state.holders.has(name);
}

function describe(state, name) {
  const origin = state.holders.get(name);
  return origin && origin !== name ? `${name} (personal data from ${origin})` : name;
}

/** Problems in one migration's SQL text, as human-readable lines. */
export function checkMigrationSql(file, text, state = newState()) {
  const problems = [];
  const reviewed = /^\s*--\s*data-loss-reviewed:\s*\S/m.test(text);

  for (const st of statements(tokenize(text))) {
    const [a, b] = st;
    if (is(a, "CREATE") && st.some((t, i) => i < 4 && is(t, "TRIGGER"))) continue;

    // The statement's own table, for the cascade rule.
    let owner = null;
    if (is(a, "CREATE")) {
      let i = 1;
      if (is(st[i], "TEMP", "TEMPORARY")) i++;
      if (is(st[i], "VIRTUAL")) i++;
      if (is(st[i], "TABLE")) {
        const table = tableAt(st, skip(st, i + 1, "IF", "NOT", "EXISTS"));
        if (table) {
          owner = table.name;
          state.copied.delete(owner);
          state.holders.delete(owner);
          // CREATE TABLE x AS SELECT … FROM t: x holds a copy of t.
          if (is(st[table.next], "AS")) copyInto(state, owner, sourceTables(st, table.next));
        }
      }
    } else if (is(a, "ALTER") && is(b, "TABLE")) {
      const table = tableAt(st, 2);
      if (!table) continue;
      owner = table.name;
      const op = st[table.next];
      if (is(op, "RENAME") && is(st[table.next + 1], "TO")) {
        const target = tableAt(st, table.next + 2);
        if (target) rename(state, table.name, target.name);
      } else if (is(op, "DROP")) {
        const column = tableAt(st, skip(st, table.next + 1, "COLUMN"));
        if (personal(state, table.name) && !reviewed)
          problems.push(
            `${file}: ALTER TABLE ${describe(state, table.name)} DROP COLUMN ${column?.name ?? "?"} removes personal data; add "-- data-loss-reviewed: <reason>" if intended`,
          );
      }
    } else if (is(a, "DROP") && is(b, "TABLE")) {
      const table = tableAt(st, skip(st, 2, "IF", "EXISTS"));
      if (!table) continue;
      if (personal(state, table.name) && !state.copied.has(table.name))
        problems.push(
          `${file}: DROP TABLE ${describe(state, table.name)} drops personal data without copying it first (INSERT INTO … SELECT … FROM ${table.name})`,
        );
      state.holders.delete(table.name);
      state.copied.delete(table.name);
    } else if (is(a, "DELETE") && is(b, "FROM")) {
      const table = tableAt(st, 2);
      if (!table || !personal(state, table.name) || state.copied.has(table.name)) continue;
      const some = st.some((t) => is(t, "WHERE"));
      if (!some)
        problems.push(
          `${file}: DELETE FROM ${describe(state, table.name)} empties a table of personal data without copying it first`,
        );
      else if (!reviewed)
        problems.push(
          `${file}: DELETE FROM ${describe(state, table.name)} … WHERE deletes personal data; add "-- data-loss-reviewed: <reason>" if intended`,
        );
    } else {
      // INSERT [OR …] INTO t … SELECT … FROM s (also after a WITH clause, or as REPLACE INTO).
      const at = st.findIndex(
        (t, k) => is(t, "INTO") && st.slice(0, k).some((x) => is(x, "INSERT", "REPLACE")),
      );
      if (at !== -1) {
        const target = tableAt(st, at + 1);
        if (target) copyInto(state, target.name, sourceTables(st, target.next));
      }
    }

    if (owner)
      for (const target of cascadeTargets(st))
        if (personal(state, owner) || personal(state, target))
          problems.push(
            `${file}: ON DELETE CASCADE from ${owner} to ${target} (personal data never cascades on delete)`,
          );
  }
  return problems;
}

function copyInto(state, target, sources) {
  for (const source of sources) {
    state.copied.add(source);
    if (personal(state, source) && source !== target)
      state.holders.set(target, state.holders.get(source) ?? source);
  }
}

function rename(state, from, to) {
  if (personal(state, from)) state.holders.set(to, state.holders.get(from) ?? from);
  else state.holders.delete(to);
  if (state.copied.has(from)) state.copied.add(to);
  else state.copied.delete(to);
  state.holders.delete(from);
  state.copied.delete(from);
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
  // One state for the whole folder: a rename in one migration and a drop in a later one count.
  const state = newState();
  return migrationFiles(folder).flatMap((file) =>
    checkMigrationSql(file, readFileSync(join(folder, file), "utf8"), state),
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
