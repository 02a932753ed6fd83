/**
 * The cost rule for a search, checked before it runs: FTS5 expands every prefix term over the
 * whole term index, so a few short prefixes (`a* OR b* …`) cost seconds at 50,000 studies
 * (issue #12). It counts the terms the search parser (search-query.ts) read, so what a term is
 * is defined once: a word, each word of a "phrase" or a tagged group, each PMID.
 */
import { parseSearch, type SearchTerm } from './search-query.ts';

export const FULL_TEXT_LIMITS = { maxTerms: 20, maxPrefixTerms: 8, minPrefixLength: 3 } as const;

/** Why a parsed search is too expensive to run, as the message a client sees; null when it is within the limits. */
function fullTextCostProblem(all: readonly SearchTerm[], limits = FULL_TEXT_LIMITS): string | null {
  const short = all.find((t) => t.prefix && [...t.text].length < limits.minPrefixLength);
  if (short) return `prefix '${short.text}*' is shorter than ${limits.minPrefixLength} characters`;
  const prefixes = all.filter((t) => t.prefix).length;
  if (prefixes > limits.maxPrefixTerms) return `at most ${limits.maxPrefixTerms} prefix terms (word*) are allowed; found ${prefixes}`;
  if (all.length > limits.maxTerms) return `at most ${limits.maxTerms} terms are allowed; found ${all.length}`;
  return null;
}

/** Why `q` cannot be searched (nothing searchable, or over the cost rule); null when it can. */
export function searchProblem(q: string): string | null {
  const parsed = parseSearch(q);
  return parsed.ok ? fullTextCostProblem(parsed.terms) : parsed.problem;
}
