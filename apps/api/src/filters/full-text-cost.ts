/**
 * The cost rule for a full-text query, checked before it runs: FTS5 expands every prefix term over
 * the whole term index, so a few short prefixes (`a* OR b* …`) cost seconds at 50,000 studies
 * (issue #12). One function, so a richer search syntax (PubMed-style input) extends it in one place.
 */
export const FULL_TEXT_LIMITS = { maxTerms: 20, maxPrefixTerms: 8, minPrefixLength: 3 } as const;

/** FTS5's operators and keywords, which are not terms. */
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

/** The terms of a query: each word (a phrase counts each of its words), with whether it is a prefix. */
function terms(q: string): { text: string; prefix: boolean }[] {
  const found: { text: string; prefix: boolean }[] = [];
  // A quoted phrase (optionally followed by *), or a bare word; column filters (`title:`) are dropped.
  for (const m of q.matchAll(/"((?:[^"]|"")*)"(\*?)|([^\s"():^+*{}]+)(:?)(\*?)/g)) {
    if (m[1] !== undefined) {
      const words = m[1].split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      for (const [i, w] of words.entries()) found.push({ text: w, prefix: i === words.length - 1 && m[2] === '*' });
    } else if (m[3] && m[4] !== ':' && !OPERATORS.has(m[3])) {
      found.push({ text: m[3], prefix: m[5] === '*' });
    }
  }
  return found;
}

/** Why a full-text query is too expensive to run, as the message a client sees; null when it is within the limits. */
export function fullTextCostProblem(q: string, limits = FULL_TEXT_LIMITS): string | null {
  const all = terms(q);
  const short = all.find((t) => t.prefix && [...t.text].length < limits.minPrefixLength);
  if (short) return `prefix '${short.text}*' is shorter than ${limits.minPrefixLength} characters`;
  const prefixes = all.filter((t) => t.prefix).length;
  if (prefixes > limits.maxPrefixTerms) return `at most ${limits.maxPrefixTerms} prefix terms (word*) are allowed; found ${prefixes}`;
  if (all.length > limits.maxTerms) return `at most ${limits.maxTerms} terms are allowed; found ${all.length}`;
  return null;
}
