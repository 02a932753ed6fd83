// The study filters as they live in the dashboard's URL (the API's parameter names, so links are
// shareable and map one-to-one onto GET /api/studies, /api/facets, /api/export).
export interface FilterQuery {
  topic?: string[]; outcome?: string[]; design?: string[]; language?: string[]; journal?: string[]; pmid?: string[];
  match?: 'any' | 'all'; year_from?: string; year_to?: string; retracted?: 'include' | 'exclude' | 'only';
  reviewed?: 'true' | 'false'; inclusion?: 'include' | 'exclude' | 'undecided'; q?: string; added_since?: string;
}

const LISTS = ['topic', 'outcome', 'design', 'language', 'journal', 'pmid'] as const;
const SINGLES = ['match', 'year_from', 'year_to', 'retracted', 'reviewed', 'inclusion', 'q', 'added_since'] as const;

export function filtersFromUrl(url: URL): FilterQuery {
  const out: Record<string, string | string[]> = {};
  for (const key of LISTS) {
    const values = url.searchParams.getAll(key).filter(Boolean);
    if (values.length) out[key] = values;
  }
  for (const key of SINGLES) {
    const value = url.searchParams.get(key)?.trim();
    if (value) out[key] = value;
  }
  // Defaults are left out so they do not clutter the URL or the API's cache keys.
  if (out.match === 'any') delete out.match;
  if (out.retracted === 'include') delete out.retracted;
  return out as FilterQuery;
}
