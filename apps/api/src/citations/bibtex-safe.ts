import type { CSL } from '@citation-js/core';

// citation-js escapes braces and backslashes in most BibTeX fields (\textbraceright{}), but writes
// some values as they are: verbatim fields (doi, url), names with only a family or literal part, and
// the brace it opens for a rich-text tag (<i> → \textit{) when the tag is never closed. A record value
// could then close its field and add fields of its own (issue #12). This makes those values safe first.

/** Identifier fields BibTeX keeps verbatim, where braces cannot be escaped, only percent-encoded. */
const VERBATIM: readonly string[] = ['DOI', 'URL', 'PMCID', 'ISSN'];

const percentEncode = (value: string) => value.replace(/[{}\\%]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
// A name never legitimately holds braces or backslashes; where citation-js writes it raw they go.
const stripBraces = (value: string) => value.replace(/[{}\\]/g, '');

/** The tags citation-js reads as rich text in a BibTeX value (its output/value.js), with their closing names. */
const RICH_TAG = /<(\/?(?:i|b|sc|sup|sub|span)|span .*?)>/g;
const OPENING = new Set(['i', 'b', 'sc', 'sup', 'sub', 'span style="font-variant:small-caps;"', 'span class="nocase"']);

/** Closes the rich-text tags a value leaves open, so the brace citation-js opens for each is closed too. */
function closeRichText(value: string): string {
  const open: string[] = [];
  for (const [, tag] of value.matchAll(RICH_TAG)) {
    if (OPENING.has(tag!)) open.push(tag!.split(' ')[0]!);
    else if (tag === `/${open.at(-1)}`) open.pop();
  }
  return (
    value +
    open
      .reverse()
      .map((name) => `</${name}>`)
      .join('')
  );
}

type Name = NonNullable<CSL['author']>[number];

function safeName(name: Name): Name {
  const raw = name.literal !== undefined || (name.family !== undefined && !name.given && !name.suffix && !name['non-dropping-particle']);
  if (!raw) return name;
  return Object.fromEntries(
    Object.entries(name).map(([key, value]) => [key, typeof value === 'string' ? stripBraces(value) : value]),
  ) as Name;
}

/** A CSL item whose every value stays inside its own BibTeX field. */
export function bibtexSafe<T extends CSL>(item: T): T {
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (typeof value === 'string') safe[key] = VERBATIM.includes(key) ? percentEncode(value) : closeRichText(value);
    else if ((key === 'author' || key === 'editor') && Array.isArray(value)) safe[key] = (value as Name[]).map(safeName);
    else safe[key] = value;
  }
  return safe as T;
}
