// Showing stored moments (ISO timestamps) the Dutch way: "15 juni 2026, 12:00" (Amsterdam time).
import { amsterdamDate, formatDutchDate } from "#src/rules/dates";

const timeFormat = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  hour: "2-digit",
  minute: "2-digit",
});

export function formatMoment(
  iso: string | null | undefined,
  opts: { time?: boolean } = {},
): string {
  if (!iso) return "—";
  const moment = new Date(iso.includes("T") ? iso : `${iso.replace(" ", "T")}Z`);
  if (Number.isNaN(moment.getTime())) return iso;
  const date = formatDutchDate(amsterdamDate(moment));
  return opts.time ? `${date}, ${timeFormat.format(moment)}` : date;
}
