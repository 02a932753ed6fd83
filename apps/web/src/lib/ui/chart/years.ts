/** Every year from the first to the last with studies, oldest first; years without studies count 0. */
export function continuousYears(counts: readonly { year: number; count: number }[]): { year: number; count: number }[] {
  if (counts.length === 0) return [];
  const byYear = new Map<number, number>();
  for (const c of counts) byYear.set(c.year, (byYear.get(c.year) ?? 0) + c.count);
  const years = [...byYear.keys()];
  const first = Math.min(...years);
  const last = Math.max(...years);
  return Array.from({ length: last - first + 1 }, (_, i) => ({ year: first + i, count: byYear.get(first + i) ?? 0 }));
}
