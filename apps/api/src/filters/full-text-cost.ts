/**
 * The cost rule for a search, checked before it runs: FTS5 expands every prefix term over the
 * whole term index, so a few short prefixes (`a* OR b* …`) cost seconds at 50,000 studies
 * (issue #12). It counts the terms the search parser (search-query.ts) read, so what a term is
 * is defined once: a word, each word of a "phrase" or a tagged group, each PMID.
 */
import { parseSearch, type SearchTerm } from './search-query.ts';

export const FULL_TEXT_LIMITS = { maxTerms: 20, maxPrefixTerms: 8, minPrefixLength: 3 } as const;

/**
 * Why a search cannot run: the English message the API gives, and the rule broken with its
 * values, which a client (the dashboard) words in its reader's language (the error's `details`).
 */
export interface SearchProblem {
  message: string;
  details:
    | { rule: 'nothing_to_search' }
    | { rule: 'prefix_too_short'; term: string; limit: number }
    | { rule: 'too_many_prefix_terms' | 'too_many_terms'; limit: number; found: number };
}

/** Why a parsed search is too expensive to run; null when it is within the limits. */
function fullTextCostProblem(all: readonly SearchTerm[], limits = FULL_TEXT_LIMITS): SearchProblem | null {
  const short = all.find((t) => t.prefix && [...t.text].length < limits.minPrefixLength);
  if (short) {
    return {
      message: `prefix '${short.text}*' is shorter than ${limits.minPrefixLength} characters`,
      details: { rule: 'prefix_too_short', term: `${short.text}*`, limit: limits.minPrefixLength },
    };
  }
  const prefixes = all.filter((t) => t.prefix).length;
  if (prefixes > limits.maxPrefixTerms) {
    return {
      message: `at most ${limits.maxPrefixTerms} prefix terms (word*) are allowed; found ${prefixes}`,
      details: { rule: 'too_many_prefix_terms', limit: limits.maxPrefixTerms, found: prefixes },
    };
  }
  if (all.length > limits.maxTerms) {
    return {
      message: `at most ${limits.maxTerms} terms are allowed; found ${all.length}`,
      details: { rule: 'too_many_terms', limit: limits.maxTerms, found: all.length },
    };
  }
  return null;
}

/** Why `q` cannot be searched (nothing searchable, or over the cost rule); null when it can. */
export function searchProblem(q: string): SearchProblem | null {
  const parsed = parseSearch(q);
  if (parsed.ok) return fullTextCostProblem(parsed.terms);
  return { message: parsed.problem, details: { rule: 'nothing_to_search' } };
}
