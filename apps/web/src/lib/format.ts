// Numbers and dates per the reader's language, through Intl (formatters cached per locale).
import { getLocale } from '#lib/paraglide/runtime.js';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f as T;
}

export const formatNumber = (n: number) => cached(`n:${getLocale()}`, () => new Intl.NumberFormat(getLocale())).format(n);

export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '–';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  const key = `d:${getLocale()}:${withTime}`;
  return cached(
    key,
    () =>
      new Intl.DateTimeFormat(
        getLocale(),
        withTime ? { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' },
      ),
  ).format(date);
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null) return '–';
  const unit = ms >= 60_000 ? 'minute' : 'second';
  const value = ms >= 60_000 ? ms / 60_000 : ms / 1000;
  return cached(
    `u:${getLocale()}:${unit}`,
    () => new Intl.NumberFormat(getLocale(), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }),
  ).format(value);
}
