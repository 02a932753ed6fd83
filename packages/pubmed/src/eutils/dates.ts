/** Calendar-day arithmetic for date windows, in UTC so no time zone shifts a day. */

const DAY_MS = 86_400_000;

function toMs(day: string): number {
  const m = /^(\d{4})[-/](\d{2})[-/](\d{2})$/.exec(day.trim());
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): "${day}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** YYYY-MM-DD (also accepts YYYY/MM/DD). */
export function isoDay(day: string): string {
  return new Date(toMs(day)).toISOString().slice(0, 10);
}

/** E-utilities wants YYYY/MM/DD. */
export function toEutilsDate(day: string): string {
  return isoDay(day).replace(/-/g, '/');
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toMs(to) - toMs(from)) / DAY_MS);
}

export function addDays(day: string, days: number): string {
  return new Date(toMs(day) + days * DAY_MS).toISOString().slice(0, 10);
}
