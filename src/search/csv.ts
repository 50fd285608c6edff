// The public CSV (DESIGN §4, `GET /api/v1/assessors.csv`): the whole filtered result as text, in
// chunks read by keyset, each chunk's lines built straight from the coded rows (ADR 0004
// follow-up 3): no object per assessor, list names from maps read once per export.
import type { DB } from "#src/db";
import { csvLine, formulaGuard } from "#src/lib/csv";
import type { PublicAssessor } from "#src/queries/public-assessor";
import type { SearchParams } from "./params";
import { sql } from "drizzle-orm";
import { runBatch } from "#src/queries/batch";
import { buildFilters, rowOrder, rowsSql, verifyChecks } from "./filters";
import { codedRows, listNameQueries, type ListNames } from "./rows";

export const CSV_HEADER = [
  "id",
  "naam",
  "voornaam",
  "tussenvoegsel",
  "achternaam",
  "organisatie",
  "crebos",
  "scholen",
  "plaatsen",
  "provincies",
];

/** The columns of one assessor: the definition the streamed lines below must equal (tested). */
export function publicCsvRow(a: PublicAssessor): string[] {
  return [
    a.id,
    a.name,
    a.first_name,
    a.infix,
    a.last_name,
    a.organisation,
    a.crebos.map((x) => `${x.code} ${x.name}`).join(", "),
    a.schools.map((x) => x.name).join(", "),
    a.places.map((x) => x.name).join(", "),
    a.provinces.join(", "),
  ];
}

const QUOTE = /[";\n\r]/;

/** csvLine's cell for ";": formula guard (checked on the first character first), then quotes. */
function cell(value: string): string {
  const c = value.charCodeAt(0);
  // ' = + - @ tab CR: only these can start what formulaGuard changes.
  const s =
    c === 39 || c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13
      ? formulaGuard(value)
      : value;
  return QUOTE.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** SQLite's binary order on the name, stable (as publicCsvRow's lists are sorted). */
function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A code without a row (the foreign keys rule it out): an empty name, as before. */
const NO_PLACE = { name: "", province: "" };

/** Remembers up to MEMO_SIZE answers of `f` by its argument (lists of codes repeat a lot). */
function memo(f: (codes: string) => string): (codes: string | null) => string {
  const known = new Map<string, string>();
  return (codes) => {
    if (!codes) return "";
    let text = known.get(codes);
    if (text === undefined) {
      text = f(codes);
      if (known.size >= MEMO_SIZE) known.clear();
      known.set(codes, text);
    }
    return text;
  };
}

const MEMO_SIZE = 20_000;

/**
 * Formats coded rows (crebo, school and place codes) as CSV lines with the names of `names`,
 * exactly as csvLine(publicCsvRow(assessor)) does, without building the assessor. The cells of
 * a list depend only on its codes, so they are built once per distinct list.
 */
function lineWriter(names: ListNames) {
  const crebos = memo((codes) => {
    const list = codes.split(",").sort();
    return cell(list.map((c) => `${c} ${names.crebos.get(c) ?? ""}`).join(", "));
  });
  const schools = memo((ids) => {
    const list = ids.split(",").map((id) => ({ name: names.schools.get(id) ?? "" }));
    return cell(
      list
        .sort(byName)
        .map((s) => s.name)
        .join(", "),
    );
  });
  // The places' names and their provinces: two cells, one memo.
  const places = memo((codes) => {
    const list = codes.split(",").map((c) => names.places.get(c) ?? NO_PLACE);
    list.sort(byName);
    const provinces = [...new Set(list.map((p) => p.province))].sort();
    return `${cell(list.map((p) => p.name).join(", "))};${cell(provinces.join(", "))}`;
  });
  return (v: unknown[]): string => {
    const first = v[1] as string;
    const infix = v[2] as string;
    const last = v[3] as string;
    const name = first
      ? infix
        ? last
          ? `${first} ${infix} ${last}`
          : `${first} ${infix}`
        : last
          ? `${first} ${last}`
          : first
      : [infix, last].filter(Boolean).join(" ");
    const placeCells = (v[9] as string | null) ? places(v[9] as string) : ";";
    return `${cell(v[0] as string)};${cell(name)};${cell(first)};${cell(infix)};${cell(last)};${cell(v[4] as string)};${crebos(v[7] as string | null)};${schools(v[8] as string | null)};${placeCells}\r\n`;
  };
}

/**
 * The CSV text (BOM and header first), one chunk of lines at a time, so memory stays bounded.
 * The first value is yielded after the first chunk was read: a bad place fails before answering.
 */
export async function* publicCsvChunks(
  db: DB,
  p: SearchParams,
  today: string,
  chunkSize?: number,
): AsyncGenerator<string> {
  let header = `\uFEFF${csvLine(CSV_HEADER)}`;
  let line: ((v: unknown[]) => string) | null = null;
  for await (const { rows, names } of publicCodedChunks(db, p, today, chunkSize)) {
    line ??= lineWriter(names);
    let text = header;
    header = "";
    for (const r of rows) text += line(r);
    yield text;
  }
  if (header) yield header;
}

/** Rows per CSV chunk: fewer statements, still a bounded few MB of text at a time. */
const CSV_CHUNK = 5000;

/**
 * The whole filtered public result for the CSV, in chunks of coded rows (see codedRows): by keyset
 * in name order (each chunk an index range), by offset in the other orders. Only one chunk is in
 * memory at a time; the names of the lists' codes are read once, with the first chunk.
 */
async function* publicCodedChunks(
  db: DB,
  p: SearchParams,
  today: string,
  chunkSize = CSV_CHUNK,
): AsyncGenerator<{ rows: unknown[][]; names: ListNames }> {
  const built = await buildFilters(db, p, today);
  const { checks } = built;
  const q = listNameQueries();
  // First the checks, the names of the lists' codes and how broad the text is (it picks the plan).
  const results = (await runBatch(db, [
    ...checks.map((c) => db.all(c.statement)),
    db.all(q.crebos),
    db.all(q.schools),
    db.all(q.places),
    db.all(sql`SELECT ${built.filters.broadTest ?? sql`0`} AS broad`),
  ])) as unknown[][];
  verifyChecks(checks, results);
  const [crebos, schools, places, [{ broad }]] = results.slice(checks.length) as [
    { code: string; name: string }[],
    { code: string; name: string }[],
    { code: string; name: string; province: string }[],
    { broad: number }[],
  ];
  const names: ListNames = {
    crebos: new Map(crebos.map((r) => [r.code, r.name])),
    schools: new Map(schools.map((r) => [r.code, r.name])),
    places: new Map(places.map((r) => [r.code, { name: r.name, province: r.province }])),
  };
  const f = { ...built.filters, broad: !!broad };
  const order = rowOrder(p, f);
  const byName = order === "name";
  let after: { sortKey: string; id: string } | undefined;
  for (let offset = 0; ; offset += chunkSize) {
    const [chunk] = await db.all<{ rows: string }>(
      codedRows(rowsSql(f, p, chunkSize, byName ? 0 : offset, after), order),
    );
    const rows = JSON.parse(chunk.rows) as unknown[][];
    if (rows.length > 0) yield { rows, names };
    if (rows.length < chunkSize) return;
    const last = rows[rows.length - 1];
    after = byName ? { sortKey: last[5] as string, id: last[0] as string } : undefined;
  }
}
