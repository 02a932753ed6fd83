/**
 * The period a digest belongs to, in UTC: `daily:2026-12-05`, or `weekly:2026-W49` (ISO 8601 week,
 * Monday to Sunday). A subscriber gets at most one digest per period, so a daily cron line delivers
 * weekly digests on the first run of each week (Monday's) and a re-run the same day sends nothing.
 */
export function periodKey(frequency: 'daily' | 'weekly', now: Date): string {
  if (frequency === 'daily') return `daily:${now.toISOString().slice(0, 10)}`;
  // ISO week: the week with the year's first Thursday is week 1; a date's week is its Thursday's.
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `weekly:${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
