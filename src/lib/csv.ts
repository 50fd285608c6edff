// Minimal RFC 4180 CSV reading and writing (comma or semicolon, optional BOM).

export function parseCsv(text: string, delimiter?: string): string[][] {
  const src = text.replace(/^\uFEFF/, "");
  const sep = delimiter ?? detectDelimiter(src);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const semis = firstLine.split(";").length;
  const commas = firstLine.split(",").length;
  return semis > commas ? ";" : ",";
}

/** Rows of objects keyed by the header row. */
export function parseCsvRecords(text: string, delimiter?: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text, delimiter);
  if (!header) return [];
  const keys = header.map((h) => h.trim());
  return rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? ""])));
}

// Spreadsheet formula injection: a leading = + - @ (or tab, CR) would be evaluated by Excel, so
// such a cell gets a leading quote. A value that already starts with quotes before such a
// character gets one more, so that taking exactly one quote off (formulaUnguard) is exact.
const NEEDS_GUARD = /^'*[=+\-@\t\r]/;

/** The cell text as written: with the formula guard where a spreadsheet would calculate. */
export function formulaGuard(value: string): string {
  return NEEDS_GUARD.test(value) ? `'${value}` : value;
}

/** The inverse of formulaGuard: an imported export gives back exactly what was exported. */
export function formulaUnguard(cell: string): string {
  return cell.startsWith("'") && NEEDS_GUARD.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function csvField(value: unknown, sep: string): string {
  const s = formulaGuard(value === null || value === undefined ? "" : String(value));
  return /["\n\r]/.test(s) || s.includes(sep) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Semicolon CSV with a BOM and CRLF line ends: what Dutch Excel opens correctly. */
export function toCsv(header: readonly string[], rows: readonly unknown[][], sep = ";"): string {
  const lines = [header, ...rows].map((r) => r.map((v) => csvField(v, sep)).join(sep));
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

/** One CSV line (with its CRLF), as `toCsv` writes them: for answers streamed row by row. */
export function csvLine(row: readonly unknown[], sep = ";"): string {
  return row.map((v) => csvField(v, sep)).join(sep) + "\r\n";
}
