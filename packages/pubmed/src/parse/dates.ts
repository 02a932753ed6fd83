/**
 * PubMed dates. PubDate comes as Year/Month/Day, Year/Season, or free-text MedlineDate
 * ("1998 Dec-1999 Jan", "2019 May - Jun", "2000 Spring", "1975-1976"). We keep what was given
 * and derive a sortable date only as precise as the record is — never inventing a month or day.
 */
import type { PublicationDate } from '../record.ts';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** "Dec", "December", "12", "01" → 12 / 1; anything else → null. */
function monthNumber(month: string | null): number | null {
  if (!month) return null;
  if (/^\d{1,2}$/.test(month)) {
    const n = Number(month);
    return n >= 1 && n <= 12 ? n : null;
  }
  return MONTHS[month.slice(0, 3).toLowerCase()] ?? null;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** YYYY, YYYY-MM or YYYY-MM-DD from whatever parts are valid, stopping at the first missing one. */
function sortableDate(year: number | null, month: string | null, day: string | null): string | null {
  if (year === null) return null;
  const m = monthNumber(month);
  if (m === null) return String(year);
  const d = day && /^\d{1,2}$/.test(day) ? Number(day) : 0;
  return d >= 1 && d <= 31 ? `${year}-${pad(m)}-${pad(d)}` : `${year}-${pad(m)}`;
}

function yearOf(text: string | null): number | null {
  return text && /^\d{4}$/.test(text.trim()) ? Number(text) : null;
}

export interface DateParts {
  year: string | null;
  month: string | null;
  day: string | null;
  season: string | null;
  medlineDate: string | null;
}

export function publicationDate(parts: DateParts): PublicationDate {
  if (parts.medlineDate !== null && parts.year === null) return fromFreeText(parts.medlineDate, true);
  const year = yearOf(parts.year);
  let month = parts.month;
  // A Season like "Jul-Aug" or "Jan-Mar" starts in a month; "Spring" names no month, so none is derived.
  if (month === null && parts.season !== null) {
    const first = parts.season.split(/[-/ ]/)[0] ?? null;
    if (monthNumber(first) !== null) month = first;
  }
  return {
    year,
    month,
    day: parts.day,
    season: parts.season,
    medlineDate: parts.medlineDate,
    sortable: sortableDate(year, month, month === parts.month ? parts.day : null),
  };
}

/**
 * Free-text dates (MedlineDate, MEDLINE DP): year = first 4-digit year; month and day only
 * when they directly follow that year ("2019 May 15-21" → May 15, "1998 Dec-1999 Jan" → Dec).
 * `keepVerbatim` false is for MEDLINE DP, where a plain "2019 May 15" is not a MedlineDate.
 */
export function fromFreeText(text: string, keepVerbatim: boolean): PublicationDate {
  const m = /(\d{4})(?:\s+([A-Za-z]+)\.?(?:\s+(\d{1,2})\b)?)?/.exec(text);
  const year = m ? Number(m[1]) : null;
  const word = m?.[2] ?? null;
  const isMonth = monthNumber(word) !== null;
  const month = isMonth ? word : null;
  const day = isMonth ? (m?.[3] ?? null) : null;
  const season = word && !isMonth && /^(spring|summer|autumn|fall|winter)$/i.test(word) ? word : null;
  const simple = /^\d{4}(\s+[A-Za-z]{3,9}(\s+\d{1,2})?)?$/.test(text.trim());
  return {
    year,
    month,
    day,
    season,
    medlineDate: keepVerbatim || !simple ? text : null,
    sortable: sortableDate(year, month, day),
  };
}

/** Year/Month/Day elements → "YYYY-MM-DD" (or shorter when parts are missing). */
export function isoDate(year: string | null, month: string | null, day: string | null): string | null {
  return sortableDate(yearOf(year), month, day);
}

/** MEDLINE "20190515" or "2019/05/15 06:00" → "2019-05-15". */
export function isoFromCompact(text: string | null): string | null {
  if (!text) return null;
  const m = /^(\d{4})\/?(\d{2})\/?(\d{2})/.exec(text.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
