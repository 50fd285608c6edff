// Dates as Dutch spreadsheets write them ("15-03-2025", "5-3-2025") → ISO "2025-03-15".

const DUTCH_DATE = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;

/**
 * dd-mm-jjjj or d-m-jjjj becomes jjjj-mm-dd; anything else is returned as it was, so that the
 * usual date validation reports it (a non-existent day such as 31-02-2025 fails there too).
 */
export function isoFromDutchDate(value: string): string {
  const v = value.trim();
  const m = DUTCH_DATE.exec(v);
  if (!m) return v;
  return `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
}
