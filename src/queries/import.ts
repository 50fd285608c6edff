// CSV import for a school: every row checked (same rules as the API), duplicates found, and
// the valid rows written in ONE batch, so a file is stored whole or not at all.
import { eq, inArray } from "drizzle-orm";
import { assessors, schools, users } from "#db/schema";
import type { DB } from "#src/db";
import { formulaUnguard, parseCsv } from "#src/lib/csv";
import { newId } from "#src/lib/ids";
import type { Actor } from "#src/rules/access";
import { canonicalColumn, listCell, logLines, yesNo } from "#src/rules/csv-columns";
import {
  createAssessorSchema,
  deregistrationSchema,
  examinationSchema,
  refresherSchema,
  toNewAssessor,
  TRAINING_COMPONENTS,
  type TrainingComponent,
} from "#src/rules/assessor-input";
import { parseWith } from "#src/rules/validation";
import { normalise } from "#src/lib/normalise";
import {
  loadForActor,
  normaliseEmail,
  resolveReferences,
  schoolName,
  type NewAssessor,
} from "./assessors";
import { registrationStatements } from "./registration";
import { runBatch } from "./batch";
import { bumpDataVersion } from "./meta";
import { lookupCrebos, lookupPlaces } from "./place-lookup";
import { isoFromDutchDate } from "#src/lib/dutch-date";

export type ImportRow = {
  row: number;
  name: string;
  email: string;
  status: "ok" | "error" | "duplicate" | "created";
  errors: Record<string, string>;
  id?: string;
  existing_id?: string;
};

export type ImportPreview = {
  rows: ImportRow[];
  valid: { row: number; input: NewAssessor }[];
  fileErrors: string[];
};

/** API field → the CSV column the school sees, for messages per row. */
const COLUMN_OF: Record<string, string> = {
  first_name: "voornaam",
  infix: "tussenvoegsel",
  last_name: "achternaam",
  email: "e-mail",
  phone: "telefoon",
  organisation: "organisatie",
  places: "plaatscodes",
  crebos: "crebos",
  "initial_training.date": "scholing datum",
  "initial_training.provider": "scholing aanbieder",
  "initial_training.components": "scholing onderdelen",
  initial_training: "scholing onderdelen",
  public_consent: "openbaar",
};

const COMPONENT_WORDS: Record<string, TrainingComponent> = {
  examprocess: "exam_process",
  examenproces: "exam_process",
  examenprocesenrollen: "exam_process",
  assessing: "assessing",
  beoordelen: "assessing",
  beoordelenvanobservatiesenproducten: "assessing",
  finalinterview: "final_interview",
  eindgesprek: "final_interview",
  voereneeneindgesprek: "final_interview",
};

function components(cell: string | undefined): string[] {
  const tokens = listCell(cell);
  if (tokens.length === 1 && ["ja", "alle", "all"].includes(tokens[0].toLowerCase()))
    return [...TRAINING_COMPONENTS];
  return tokens.map((t) => COMPONENT_WORDS[normalise(t).replace(/ /g, "")] ?? t);
}

const REQUIRED_COLUMNS = [
  "voornaam",
  "achternaam",
  "email",
  "scholingdatum",
  "scholingaanbieder",
  "scholingonderdelen",
  "openbaar",
];

/** Checks a whole file without writing anything. */
/** Every row checked; with `viewer`, duplicates it may not see are reported without their id. */
export async function previewImport(
  db: DB,
  text: string,
  today: string,
  viewer?: Actor,
): Promise<ImportPreview> {
  const [header, ...records] = parseCsv(text);
  if (!header) return { rows: [], valid: [], fileErrors: ["Het bestand is leeg."] };
  const columns = header.map(canonicalColumn);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (!columns.includes("plaatscodes") && !columns.includes("plaatsen"))
    missing.push("plaatscodes");
  if (!columns.includes("crebos")) missing.push("crebos");
  if (missing.length)
    return { rows: [], valid: [], fileErrors: [`Deze kolommen ontbreken: ${missing.join(", ")}.`] };
  if (records.length > 5000)
    return { rows: [], valid: [], fileErrors: ["Importeer hoogstens 5000 rijen per bestand."] };

  // Our own export guards formula-like cells with a quote ('+31 6 …): take that guard off.
  const cells = records.map((r) =>
    Object.fromEntries(columns.map((c, i) => [c, formulaUnguard(r[i] ?? "").trim()])),
  );
  const emails = cells.map((c) => normaliseEmail(c.email ?? "")).filter(Boolean);
  const existing = new Map<string, string>();
  for (let i = 0; i < emails.length; i += 90) {
    const rows = await db
      .select({ id: assessors.id, emailNorm: assessors.emailNorm })
      .from(assessors)
      .where(inArray(assessors.emailNorm, emails.slice(i, i + 90)));
    for (const r of rows) existing.set(r.emailNorm!, r.id);
  }
  const seen = new Map<string, number>();
  const result: ImportPreview = { rows: [], valid: [], fileErrors: [] };

  // Names are looked up per row; the codes of all rows are then checked in one pass.
  const lookups = [];
  for (const c of cells) {
    const placeValues = c.plaatscodes ? listCell(c.plaatscodes) : listCell(c.plaatsen);
    lookups.push({
      places: await lookupPlaces(db, placeValues),
      crebos: await lookupCrebos(db, listCell(c.crebos)),
    });
  }
  const { refs } = await resolveReferences(
    db,
    lookups.flatMap((l) => l.places.codes),
    lookups.flatMap((l) => l.crebos.codes),
  );

  for (const [index, c] of cells.entries()) {
    const rowNumber = index + 2;
    const errors: Record<string, string> = {};
    const { places: placeLookup, crebos: creboLookup } = lookups[index];
    if (placeLookup.errors.length) errors.plaatscodes = placeLookup.errors.join(" ");
    if (creboLookup.errors.length) errors.crebos = creboLookup.errors.join(" ");
    const consent = yesNo(c.openbaar);
    const parsed = parseWith(createAssessorSchema(today), {
      first_name: c.voornaam ?? "",
      infix: c.tussenvoegsel ?? "",
      last_name: c.achternaam ?? "",
      email: c.email ?? "",
      phone: c.telefoon ?? "",
      organisation: c.organisatie ?? "",
      places: placeLookup.codes,
      crebos: creboLookup.codes,
      initial_training: {
        date: isoFromDutchDate(c.scholingdatum ?? ""),
        provider: c.scholingaanbieder ?? "",
        components: components(c.scholingonderdelen),
      },
      public_consent: consent,
    });
    if (!parsed.ok)
      for (const [f, m] of Object.entries(parsed.fields)) errors[COLUMN_OF[f] ?? f] ??= m;
    if (consent === undefined)
      errors.openbaar = "Vul ja of nee in bij openbaar (toestemming voor openbare vermelding).";
    const unknownPlaces = placeLookup.codes.filter((p) => !refs.places.has(p));
    const unknownCrebos = creboLookup.codes.filter((p) => !refs.crebos.has(p));
    if (unknownPlaces.length)
      errors.plaatscodes ??= `Onbekende plaatscode: ${unknownPlaces.join(", ")}.`;
    if (unknownCrebos.length)
      errors.crebos ??= `Onbekend of vervallen crebonummer: ${unknownCrebos.join(", ")}.`;

    const email = normaliseEmail(c.email ?? "");
    const row: ImportRow = {
      row: rowNumber,
      name: [c.voornaam, c.tussenvoegsel, c.achternaam].filter(Boolean).join(" "),
      email: c.email ?? "",
      status: "ok",
      errors,
    };
    if (email && existing.has(email)) {
      row.status = "duplicate";
      row.existing_id = existing.get(email);
      errors["e-mail"] =
        "Deze beoordelaar staat al in het register. Koppel de bestaande beoordelaar aan uw school in plaats van opnieuw te importeren.";
    } else if (email && seen.has(email)) {
      errors["e-mail"] = `Dit e-mailadres staat ook in rij ${seen.get(email)}.`;
    }
    if (email && !seen.has(email)) seen.set(email, rowNumber);

    const start = parsed.ok ? parsed.data.initial_training.date : null;
    const exams: NewAssessor["examinations"] = [];
    const refreshers: NewAssessor["refresherTrainings"] = [];
    let deregistration: NewAssessor["deregistration"] = null;
    if (start) {
      for (const [date, crebo, ...notes] of logLines(c.examens)) {
        const e = parseWith(examinationSchema(today, start), {
          date: isoFromDutchDate(date),
          crebo: crebo ?? "",
          notes: notes.join(" / "),
        });
        if (!e.ok) errors.examens ??= `${date}: ${Object.values(e.fields)[0]}`;
        else if (!creboLookup.codes.includes(e.data.crebo))
          errors.examens ??= `${date}: crebo ${e.data.crebo} is niet een van de crebo's van deze beoordelaar.`;
        else exams.push(e.data);
      }
      for (const [date, kind, provider, ...description] of logLines(c.bijscholingen)) {
        const r = parseWith(refresherSchema(today, start), {
          date: isoFromDutchDate(date),
          kind,
          provider: provider ?? "",
          description: description.join(" / "),
        });
        if (!r.ok) errors.bijscholingen ??= `${date}: ${Object.values(r.fields)[0]}`;
        else refreshers.push(r.data);
      }
      if (c.afgemeldop) {
        const d = parseWith(deregistrationSchema(today, start), {
          date: isoFromDutchDate(c.afgemeldop),
          reason: c.redenafmelding ?? "",
        });
        if (!d.ok) errors["afgemeld op"] = Object.values(d.fields)[0];
        else deregistration = d.data;
      }
    }
    if (Object.keys(errors).length && row.status === "ok") row.status = "error";
    result.rows.push(row);
    if (row.status === "ok" && parsed.ok) {
      result.valid.push({
        row: rowNumber,
        input: {
          ...toNewAssessor(parsed.data),
          examinations: exams,
          refresherTrainings: refreshers,
          deregistration,
        },
      });
    }
  }
  if (viewer) await hideInvisibleDuplicates(db, viewer, result.rows);
  return result;
}

export const DUPLICATE_HIDDEN_MESSAGE =
  "Er staat al een praktijkbeoordelaar met dit e-mailadres in het register, maar die is voor uw school niet zichtbaar. Neem contact op met het bureau van het register om dit uit te zoeken.";

/** A duplicate the importing school may not see keeps its id to itself (item 7 of issue 12). */
async function hideInvisibleDuplicates(db: DB, viewer: Actor, rows: ImportRow[]): Promise<void> {
  for (const row of rows) {
    if (!row.existing_id) continue;
    if (await loadForActor(db, viewer, row.existing_id)) continue;
    delete row.existing_id;
    row.errors["e-mail"] = DUPLICATE_HIDDEN_MESSAGE;
  }
}

/** Writes the valid rows of a preview in one batch; returns the new ids by row number. */
export async function commitImport(
  db: DB,
  actor: Actor & { schoolId: string },
  valid: ImportPreview["valid"],
): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  if (valid.length === 0) return ids;
  const name = await schoolName(db, actor.schoolId);
  const { refs } = await resolveReferences(
    db,
    valid.flatMap((v) => v.input.places),
    valid.flatMap((v) => v.input.crebos),
  );
  const statements = valid.flatMap((v) => {
    const id = newId();
    ids.set(v.row, id);
    return registrationStatements(db, v.input, {
      id,
      actor,
      schoolName: name,
      refs,
      action: "import",
    });
  });
  // The derived columns are computed inside registrationStatements, so the batch is complete.
  await runBatch(db, [...statements, bumpDataVersion(db)]);
  return ids;
}

/** The school user an import on the command line acts as (by login email). */
export async function schoolUserByEmail(
  db: DB,
  email: string,
): Promise<{ userId: string; schoolId: string } | null> {
  const [row] = await db
    .select({
      userId: users.id,
      schoolId: users.schoolId,
      disabledAt: users.disabledAt,
      status: schools.status,
    })
    .from(users)
    .innerJoin(schools, eq(schools.id, users.schoolId))
    .where(eq(users.email, email.trim().toLowerCase()));
  if (!row?.schoolId || row.disabledAt || row.status !== "active") return null;
  return { userId: row.userId, schoolId: row.schoolId };
}
