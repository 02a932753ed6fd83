// BibTeX export under hostile record values (security): a DOI, title, journal or author name that
// tries to close its field's braces and add fields of its own. The export is read back with an
// independent parser (@retorquere/bibtex-parser, the one behind Better BibTeX for Zotero), not with
// citation-js, which wrote it.
import { parse } from '@retorquere/bibtex-parser';
import { createTestDatabase, insertStudy } from '@evidence/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';

const PMID = 91000001;
// A second record with every character BibTeX or LaTeX treats specially: % (comment), # (concatenation
// and macro parameter), & (alignment), \\ and unbalanced braces, in the title, the journal and the DOI.
const SPECIAL_PMID = 91000002;
const SPECIAL_TITLE = '[Fixture] 50% of #1 & {half} \\emph{x} } closes';
const SPECIAL_DOI = '10.1000/a%b#c&d\\e';
const SPECIAL_JOURNAL = 'Fixture & Journal #2 of 100%';
const DOI = '10.1000/abc}, title = {X';
const TITLE = 'Real title with {braces}, a \\backslash and <i>an open tag';
const JOURNAL = 'Journal }, note = {Injected';

let database: ReturnType<typeof createTestDatabase>;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  database = createTestDatabase();
  insertStudy(database, { pmid: PMID, title: TITLE, doi: DOI, journalTitle: JOURNAL, pubYear: 2024 });
  const author = database.sqlite.prepare(
    'INSERT INTO authors (pmid, position, last_name, fore_name, collective_name) VALUES (?, ?, ?, ?, ?)',
  );
  author.run(PMID, 0, 'X}, title = {Y', null, null); // family name only: citation-js writes it unescaped
  author.run(PMID, 1, null, null, 'Consortium} and {Z \\'); // collective name
  author.run(PMID, 2, "O'Br}ien", 'A\\', null); // family and given: escaped by citation-js
  insertStudy(database, { pmid: SPECIAL_PMID, title: SPECIAL_TITLE, doi: SPECIAL_DOI, journalTitle: SPECIAL_JOURNAL, pubYear: 2024 });
  app = createApp({ database, studyIndex: false });
});
afterAll(() => database?.remove());

async function exportBibtex(pmid = PMID) {
  const res = await app.request(`/api/export?format=bibtex&pmid=${pmid}`);
  expect(res.status).toBe(200);
  return res.text();
}

describe('BibTeX export (security)', () => {
  it('no field value closes its braces or adds a field: DOI, title, journal and authors survive as data', async () => {
    const bibtex = await exportBibtex();
    const library = parse(bibtex);
    expect(library.errors).toEqual([]);
    expect(library.entries).toHaveLength(1);
    const { fields } = library.entries[0]!;
    // One of each field, none duplicated by an injected "title = {…}".
    expect(Object.keys(fields).filter((name) => name.includes('duplicate'))).toEqual([]);
    expect(fields.note).toBe(`PMID: ${PMID}`);
    // The DOI is verbatim in BibTeX, where braces cannot be escaped: they are percent-encoded, which
    // doi.org and every DOI-to-URL step decode back to the original.
    expect(fields.doi).toBe('10.1000/abc%7D, title = %7BX');
    expect(decodeURIComponent(fields.doi as string)).toBe(DOI);
    // The parser marks case-protected words as <span class="nocase">; the unclosed <i> is closed.
    const title = (fields.title as string).replace(/<\/?span[^>]*>/g, '');
    expect(title).toBe(TITLE.replace('<i>an open tag', '<i>an open tag</i>'));
    expect(fields.journal).toBe(JOURNAL);
    const authors = fields.author as { lastName?: string; firstName?: string; name?: string }[];
    expect(authors).toHaveLength(3);
    // Names citation-js writes unescaped lose their braces and backslashes (a name never needs them)
    // and stay one brace-protected name each; names it escapes keep every character.
    expect(authors[0]).toEqual({ name: 'X, title = Y' });
    expect(authors[1]).toEqual({ name: 'Consortium and Z' });
    expect(authors[2]).toEqual({ lastName: "O'Br}ien", firstName: 'A\\' });
  });

  it('every field line of the export holds balanced braces', async () => {
    const bibtex = await exportBibtex();
    const fieldLines = bibtex.split('\n').filter((line) => line.startsWith('\t'));
    expect(fieldLines.length).toBeGreaterThan(4);
    for (const line of fieldLines) {
      const value = /^\t[a-z]+ = \{(.*)\},$/.exec(line)?.[1];
      expect(value, line).toBeDefined();
      let depth = 0;
      for (const char of value!) {
        depth += char === '{' ? 1 : char === '}' ? -1 : 0;
        expect(depth, line).toBeGreaterThanOrEqual(0);
      }
      expect(depth, line).toBe(0);
    }
  });

  it('%, #, &, backslashes and stray braces in the title, journal and DOI come back as they were', async () => {
    const library = parse(await exportBibtex(SPECIAL_PMID));
    expect(library.errors).toEqual([]);
    expect(library.entries).toHaveLength(1);
    const { fields } = library.entries[0]!;
    expect((fields.title as string).replace(/<\/?span[^>]*>/g, '')).toBe(SPECIAL_TITLE);
    expect(fields.journal).toBe(SPECIAL_JOURNAL);
    expect(decodeURIComponent(fields.doi as string)).toBe(SPECIAL_DOI);
    expect(fields.note).toBe(`PMID: ${SPECIAL_PMID}`);
  });
});
