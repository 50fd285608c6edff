// Which characters a typed text may hold (the request guard, the zod schemas and the mailer use
// it): ordinary Unicode (é, ı, ç, Fryslân) yes; control characters (a NUL truncates a name in
// C-based tools, CR/LF forge mail headers and CSV rows) and bidi overrides (they make "gpj.exe"
// look like "exe.jpg") no.

// C0 controls except tab, LF and CR; DEL; the C1 controls.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// Line and paragraph breaks, and the tab: only in multi-line fields.
const LINE = /[\t\r\n\u2028\u2029\u0085]/;
// Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

export type TextProblem = "control" | "line_break" | "bidi";

export function textProblem(value: string, opts: { multiline?: boolean } = {}): TextProblem | null {
  if (BIDI.test(value)) return "bidi";
  if (!opts.multiline && LINE.test(value)) return "line_break";
  if (CONTROL.test(value)) return "control";
  return null;
}

export const TEXT_PROBLEM_MESSAGES: Record<TextProblem, string> = {
  control:
    "Dit veld bevat een onzichtbaar stuurteken (bijvoorbeeld een nul-teken). Verwijder dat teken.",
  line_break: "Dit veld mag maar één regel zijn: verwijder het regeleinde of de tab.",
  bidi: "Dit veld bevat een onzichtbaar teken dat de leesrichting van de tekst omdraait. Verwijder dat teken.",
};

/** Free-text fields that may hold several lines (notes, descriptions, reasons, messages). */
export function isMultilineField(name: string): boolean {
  return /(notes|description|reason|message|motivation|comment|toelichting|omschrijving|file|csv)$/i.test(
    name,
  );
}

/** Fields never shown or stored as typed (passwords are hashed): not checked. */
export function isSecretField(name: string): boolean {
  return /password|wachtwoord/i.test(name);
}

/** A one-line value for a mail header: any line break becomes a space (defence in depth). */
export function headerSafe(value: string): string {
  return value.replace(/[\r\n\u2028\u2029\u0085]+/g, " ").replace(/[\u0000-\u001f\u007f]/g, "");
}
