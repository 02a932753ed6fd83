// The API says how it read a search (structured notes) and why it refused one (the rule with its
// values); the dashboard words both in the reader's language. The API's English `note` / message
// is the fallback for a reason this dashboard does not know yet (a newer API).
import { m } from '#lib/paraglide/messages.js';

/** One note as the API's list sends it (apps/api/src/filters/search-query.ts, SearchNote). */
export type SearchNote =
  | { code: 'unreadable'; reason: string; operator: string | null }
  | { code: 'not_a_value'; text: string; expected: string }
  | { code: 'unknown_field'; field: string }
  | { code: 'no_letters'; text: string }
  | { code: 'tag_without_term'; field: string }
  | { code: 'condition_needs_and'; text: string };

const REASONS: Record<string, (operator: string) => string> = {
  unbalanced_quote: () => m.search_reason_unbalanced_quote(),
  unbalanced_bracket: () => m.search_reason_unbalanced_bracket(),
  unbalanced_parenthesis: () => m.search_reason_unbalanced_parenthesis(),
  not_needs_terms: () => m.search_reason_not_needs_terms(),
  operator_needs_terms: (operator) =>
    operator ? m.search_reason_operator_needs_terms({ operator }) : m.search_reason_unexpected_operator(),
  unexpected_operator: () => m.search_reason_unexpected_operator(),
};

const EXPECTED: Record<string, () => string> = {
  year: () => m.search_expected_year(),
  pmid: () => m.search_expected_pmid(),
  doi: () => m.search_expected_doi(),
  publication_type: () => m.search_expected_publication_type(),
};

/** One note in the reader's language, or null when this dashboard does not know its code. */
function noteText(note: SearchNote): string | null {
  switch (note.code) {
    case 'unreadable': {
      const reason = REASONS[note.reason];
      return reason ? m.search_note_unreadable({ reason: reason(note.operator ?? '') }) : null;
    }
    case 'not_a_value': {
      const expected = EXPECTED[note.expected];
      return expected ? m.search_note_not_a_value({ text: note.text, expected: expected() }) : null;
    }
    case 'unknown_field':
      return m.search_note_unknown_field({ field: note.field });
    case 'no_letters':
      return m.search_note_no_letters({ text: note.text });
    case 'tag_without_term':
      return m.search_note_tag_without_term({ field: note.field });
    case 'condition_needs_and':
      return m.search_note_condition_needs_and({ text: note.text });
    default:
      return null;
  }
}

/** How the search was read, in the reader's language: the notes joined, or the API's English note if any is unknown. */
export function searchNotesText(notes: readonly SearchNote[], englishNote: string | null): string | null {
  if (notes.length === 0) return englishNote;
  const texts = notes.map(noteText);
  return texts.every((t): t is string => t !== null) ? texts.join(' ') : englishNote;
}

/** Why the API refused a search, in the reader's language (the API's message when the rule is unknown). */
export function searchRefusalText(refusal: { message: string; details?: Record<string, string | number> | undefined }): string {
  const d = refusal.details ?? {};
  const limit = String(d.limit ?? '');
  const found = String(d.found ?? '');
  switch (d.rule) {
    case 'nothing_to_search':
      return m.search_refused_nothing();
    case 'prefix_too_short':
      return m.search_refused_prefix_too_short({ term: String(d.term ?? ''), limit });
    case 'too_many_prefix_terms':
      return m.search_refused_too_many_prefix_terms({ limit, found });
    case 'too_many_terms':
      return m.search_refused_too_many_terms({ limit, found });
    default:
      return refusal.message;
  }
}
