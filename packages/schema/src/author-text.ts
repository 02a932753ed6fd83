/**
 * How authors are written into the full-text index (`studies.authors_text`) and how an author
 * query (`Smolen JS[au]`) is written to match it: one definition for the ingest, the test factory
 * and the API's search parser. A person is "Last F Initials" (the first initial alone as well, so
 * `Smolen J` finds Smolen JS without a one-letter prefix), a collective its name; '; ' between.
 * Migration 0010 backfills existing rows with the same rule in SQL (author-text.test.ts holds them equal).
 */
export interface AuthorName {
  lastName: string | null;
  initials: string | null;
  collectiveName: string | null;
}

/** The words an author query needs in a row, in order: last name, first initial, all initials. */
export function authorPhrase(lastName: string, initials: string | null): string {
  const i = initials?.trim() ?? '';
  return [lastName.trim(), i.length > 1 ? i[0] : '', i].filter(Boolean).join(' ');
}

/** A study's authors as the full-text index holds them. */
export function authorSearchText(authors: readonly AuthorName[]): string {
  return authors
    .map((a) => a.collectiveName ?? (a.lastName ? authorPhrase(a.lastName, a.initials) : ''))
    .filter(Boolean)
    .join('; ');
}
