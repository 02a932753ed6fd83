// Unique URLs that still ask for real work: each varies real filters (topic, outcome, design, year
// range, full-text terms), so the response cache misses and the server computes a different answer,
// not the same one under an ignored parameter. `n` picks the combination; past the last one a
// `_bench` parameter keeps the URL unique.
import { CORE_TOPIC_IDS, DESIGN_IDS, OUTCOME_IDS } from '@evidence/schema';

/**
 * Words of three or more characters that the generated abstracts contain (bench/generate.ts), from
 * rare (pranayama) to nearly every row (patients): the full-text cost rule accepts them all.
 */
export const SEARCH_WORDS = (
  'vagus nerve stimulation auricular breathing pranayama diaphragmatic biofeedback tapping trauma therapy covid ' +
  'fatigue anxiety depressive sleep pain cortisol insomnia heart variability quality blood pressure dyspnoea ' +
  'patients participants adults healthy older women clinical outcomes significant improvement compared baseline weeks ' +
  'intervention control sham group reduced increased associated measured primary secondary endpoint results ' +
  'suggest effect moderate evidence trial analysis sample randomized blinded placebo session daily protocol ' +
  'feasibility safety adverse events tolerated'
).split(' ');

const YEARS = Array.from({ length: 30 }, (_, i) => 1990 + i);
const SPANS = [3, 7, 15, 36];

/** Mixed-radix digits of n over the lists' lengths, and how many times they all wrapped. */
function pick<T extends readonly (readonly unknown[])[]>(n: number, lists: T): { values: { [K in keyof T]: T[K][number] }; wrap: number } {
  let rest = n;
  const values = lists.map((list) => {
    const value = list[rest % list.length];
    rest = Math.floor(rest / list.length);
    return value;
  });
  return { values: values as { [K in keyof T]: T[K][number] }, wrap: rest };
}

const years = (from: number, span: number) => `year_from=${from}&year_to=${Math.min(2026, from + span)}`;
const tail = (wrap: number) => (wrap ? `&_bench=${wrap}` : '');

export const UNIQUE_PATHS = {
  list: (n: number) => {
    const {
      values: [topic, outcome, from, span],
      wrap,
    } = pick(n, [CORE_TOPIC_IDS, OUTCOME_IDS, YEARS, SPANS] as const);
    return `/api/studies?topic=${topic}&outcome=${outcome}&${years(from, span)}${tail(wrap)}`;
  },
  facets: (n: number) => {
    const {
      values: [topic, from, span, design],
      wrap,
    } = pick(n, [CORE_TOPIC_IDS, YEARS, SPANS, DESIGN_IDS] as const);
    return `/api/facets?topic=${topic}&design=${design}&${years(from, span)}${tail(wrap)}`;
  },
  matrix: (n: number) => {
    const {
      values: [design, from, span, topic],
      wrap,
    } = pick(n, [DESIGN_IDS, YEARS, SPANS, CORE_TOPIC_IDS] as const);
    return `/api/matrix?design=${design}&topic=${topic}&${years(from, span)}${tail(wrap)}`;
  },
  search: (n: number) => {
    const {
      values: [first, second, from],
      wrap,
    } = pick(n, [SEARCH_WORDS, SEARCH_WORDS, YEARS] as const);
    return `/api/studies?q=${encodeURIComponent(`${first} ${second}`)}&year_from=${from}${tail(wrap)}`;
  },
  /** A study's page: the generated databases' PMIDs run from 10,000,000 upwards. */
  study: (n: number, studies: number) => `/api/studies/${10_000_000 + ((n * 7919) % studies)}`,
} as const;
