// The school's CSV format: one file layout for export and import, so an export imports again.
// Logs are one per line inside a cell: "2025-03-01 | 25332 | notitie".
import { statusLabels, type AssessorStatus } from "./index";

export const CSV_COLUMNS = [
  "id",
  "voornaam",
  "tussenvoegsel",
  "achternaam",
  "e-mail",
  "telefoon",
  "organisatie",
  "plaatscodes",
  "plaatsen",
  "crebos",
  "crebonamen",
  "scholing datum",
  "scholing aanbieder",
  "scholing onderdelen",
  "openbaar",
  "status",
  "geldig tot",
  "examen geldig tot",
  "bijscholing geldig tot",
  "dagen over",
  "afgemeld op",
  "reden afmelding",
  "gekoppeld",
  "examens",
  "bijscholingen",
] as const;

/** Header names compared without case, spaces, dashes or underscores; API names also work. */
export function headerKey(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const ALIASES: Record<string, string> = {
  firstname: "voornaam",
  infix: "tussenvoegsel",
  lastname: "achternaam",
  email: "email",
  phone: "telefoon",
  organisation: "organisatie",
  places: "plaatscodes",
  placecodes: "plaatscodes",
  plaatscode: "plaatscodes",
  plaats: "plaatsen",
  crebo: "crebos",
  trainingdate: "scholingdatum",
  initialtrainingdate: "scholingdatum",
  trainingprovider: "scholingaanbieder",
  initialtrainingprovider: "scholingaanbieder",
  components: "scholingonderdelen",
  publicconsent: "openbaar",
  toestemming: "openbaar",
  deregisteredon: "afgemeldop",
  afmelddatum: "afgemeldop",
  deregistrationreason: "redenafmelding",
  examinations: "examens",
  refreshertrainings: "bijscholingen",
};

export function canonicalColumn(header: string): string {
  const key = headerKey(header);
  return ALIASES[key] ?? key;
}

export const LOG_SEPARATOR = " | ";

/** Free text inside a log line may not contain the separator or a line break. */
function clean(value: string): string {
  return value
    .replace(/\s*\|\s*/g, " / ")
    .replace(/[\r\n]+/g, " ")
    .trim();
}

export type CsvExtras = {
  trainingDate: string;
  trainingProvider: string;
  components: string[];
  deregistrationReason: string;
  examinations: { date: string; crebo: string; notes: string }[];
  refresherTrainings: { date: string; kind: string; provider: string; description: string }[];
};

/** The list fields a CSV row shows (a school list item from queries/assessor-list has them). */
export type CsvListItem = {
  id: string;
  first_name: string;
  infix: string;
  last_name: string;
  email: string | null;
  phone: string;
  organisation: string;
  places: { code: string; name: string }[];
  crebos: { code: string; name: string }[];
  public_consent: boolean;
  status: AssessorStatus;
  valid_until: string;
  exam_valid_until: string;
  refresher_valid_until: string;
  days_left: number;
  deregistered_on: string | null;
  linked: boolean;
};

export function csvRow(item: CsvListItem, x: CsvExtras): string[] {
  return [
    item.id,
    item.first_name,
    item.infix,
    item.last_name,
    item.email ?? "",
    item.phone,
    item.organisation,
    item.places.map((p) => p.code).join(", "),
    item.places.map((p) => p.name).join(", "),
    item.crebos.map((c) => c.code).join(", "),
    item.crebos.map((c) => c.name).join(", "),
    x.trainingDate,
    x.trainingProvider,
    x.components.join(", "),
    item.public_consent ? "ja" : "nee",
    statusLabels[item.status],
    item.valid_until,
    item.exam_valid_until,
    item.refresher_valid_until,
    String(item.days_left),
    item.deregistered_on ?? "",
    item.deregistered_on ? x.deregistrationReason : "",
    item.linked ? "ja" : "nee",
    x.examinations.map((e) => trimLine([e.date, e.crebo, clean(e.notes)])).join("\n"),
    x.refresherTrainings
      .map((r) => trimLine([r.date, r.kind, clean(r.provider), clean(r.description)]))
      .join("\n"),
  ];
}

/** "a | b | | " → "a | b": empty trailing parts are left out. */
function trimLine(parts: string[]): string {
  while (parts.length > 2 && parts[parts.length - 1] === "") parts.pop();
  return parts.join(LOG_SEPARATOR);
}

/** A cell with a list: "a, b; c" → ["a", "b", "c"]. */
export function listCell(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[,;\n]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

export function logLines(value: string | undefined): string[][] {
  return (value ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.split("|").map((p) => p.trim()));
}

/** ja/nee, true/false, 1/0 → boolean; anything else → undefined (an error for the row). */
export function yesNo(value: string | undefined): boolean | undefined {
  const v = (value ?? "").trim().toLowerCase();
  if (["ja", "j", "true", "1", "yes", "y"].includes(v)) return true;
  if (["nee", "n", "false", "0", "no"].includes(v)) return false;
  return undefined;
}
