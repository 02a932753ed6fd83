/**
 * The study filters' query parameters: their names, whether they repeat, their fixed values and
 * defaults. The filter table (filter-definitions.ts) is keyed by these names and must define each
 * of them; the dashboard imports this module (`@evidence/api/filter-params`) to read and write
 * filters in its URLs. No imports, so the dashboard's server bundle takes nothing else with it.
 */
export const FILTER_PARAMS = {
  topic: { repeats: true },
  outcome: { repeats: true },
  design: { repeats: true },
  include_non_research: { repeats: false, values: ['true', 'false'] },
  match: { repeats: false, values: ['any', 'all'], default: 'any' },
  year_from: { repeats: false },
  year_to: { repeats: false },
  language: { repeats: true },
  journal: { repeats: true },
  retracted: { repeats: false, values: ['include', 'exclude', 'only'], default: 'include' },
  reviewed: { repeats: false, values: ['true', 'false'] },
  inclusion: { repeats: false, values: ['include', 'exclude', 'undecided'] },
  q: { repeats: false },
  added_since: { repeats: false },
  pmid: { repeats: true },
  direction: { repeats: true },
  randomised: { repeats: false, values: ['true', 'false'] },
  blinded: { repeats: false, values: ['true', 'false'] },
  sham: { repeats: false, values: ['true', 'false'] },
  registered: { repeats: false, values: ['true', 'false'] },
} as const satisfies Record<string, { repeats: boolean; values?: readonly string[]; default?: string }>;

export type FilterName = keyof typeof FILTER_PARAMS;

type Param<K extends FilterName> = (typeof FILTER_PARAMS)[K];

/** The filters as URL query values: what the dashboard keeps in its address bar and hands to the API client. */
export type FilterQuery = {
  [K in FilterName]?: Param<K> extends { repeats: true } ? string[] : Param<K> extends { values: readonly (infer V)[] } ? V : string;
};

const NAMES = Object.keys(FILTER_PARAMS) as FilterName[];

/**
 * The filters in a URL's query. Empty values and defaults are left out so they clutter neither the
 * URL nor the API's cache keys; the values are not checked here (the API does that and names the
 * parameter it rejects).
 */
export function filtersFromSearchParams(params: URLSearchParams): FilterQuery {
  const out: Record<string, string | string[]> = {};
  for (const name of NAMES) {
    const param: { repeats: boolean; default?: string } = FILTER_PARAMS[name];
    if (param.repeats) {
      const values = params.getAll(name).filter(Boolean);
      if (values.length) out[name] = values;
    } else {
      const value = params.get(name)?.trim();
      if (value && value !== param.default) out[name] = value;
    }
  }
  return out as FilterQuery;
}
