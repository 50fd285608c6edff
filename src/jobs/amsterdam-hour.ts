// The hour of a moment on the clock in Amsterdam (for the Workers cron triggers, which run in UTC).
const HOUR = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam",
  hour: "2-digit",
  hourCycle: "h23",
});

export function amsterdamHour(moment: Date): number {
  return Number(HOUR.format(moment));
}
