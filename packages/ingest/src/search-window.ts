/** Which date window a topic run asks PubMed for. */
export interface SearchWindow {
  /** crdt for a topic's first (or --full) run: everything ever created; mdat afterwards. */
  datetype: 'crdt' | 'mdat';
  from: string;
  to: string;
}

export type WindowMode = { kind: 'incremental' } | { kind: 'full' } | { kind: 'since'; date: string };

const EARLIEST = '1800-01-01';

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function minusDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return isoDay(date);
}

/**
 * Incremental runs search by modification date (mdat) from the previous window's end minus an
 * overlap: a record created in the window is also modified in it (its mdat is at least its
 * creation date), so one mdat search finds both new records and revised ones (new MeSH terms,
 * a retraction, a new version) in a single request. See docs/adr/0002-incremental-window.md.
 */
export function searchWindow(mode: WindowMode, lastWindowEnd: string | null, today: Date, overlapDays: number): SearchWindow {
  const to = isoDay(today);
  if (mode.kind === 'since') return { datetype: 'mdat', from: mode.date, to };
  if (mode.kind === 'full' || !lastWindowEnd) return { datetype: 'crdt', from: EARLIEST, to };
  return { datetype: 'mdat', from: minusDays(lastWindowEnd, overlapDays), to };
}
