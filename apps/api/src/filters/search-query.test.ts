import { createTestDatabase, insertStudy } from '@evidence/schema/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSearch, type SearchNote, searchNoteText } from './search-query.ts';

/** The real, migrated studies_fts, to run what the parser writes. */
const db = createTestDatabase();
insertStudy(db, { pmid: 90000001, title: '[Fixture] COVID-19 trial', authors: ['Smolen JS'] });
const match = db.sqlite.prepare('SELECT rowid FROM studies_fts WHERE studies_fts MATCH ?').pluck();
afterAll(() => db.remove());

describe('parseSearch', () => {
  it.each([
    ['COVID-19', '"covid 19"', 'COVID-19'],
    ['"heart rate"* OR vagus[ti]', '("heart rate"* OR title : ("vagus"))', '"heart rate"* OR vagus[ti]'],
    ['tumour NOT rat', '(("tumour" OR "tumor") NOT "rat")', 'tumour NOT rat'],
    ['Smolen JS', 'authors_text : ("smolen j js")', 'Smolen JS[au]'],
    ['sleep[tiab]', '{title abstract} : ("sleep")', 'sleep[tiab]'],
  ])('%s → %s', (input, fts, interpreted) => {
    const parsed = parseSearch(input);
    expect(parsed).toMatchObject({ ok: true, fts, interpreted, note: null });
  });

  it('quotes FTS5 syntax typed into the box, so it is searched as words', () => {
    for (const input of ['title:vagus', 'NEAR(a b)', '^start', '-minus +plus', '{title}: x', 'a"b', 'x AND NOT y', 'col : "z"']) {
      const parsed = parseSearch(input);
      expect(parsed.ok, input).toBe(true);
      if (parsed.ok && parsed.fts) expect(() => match.all(parsed.fts), input).not.toThrow();
    }
  });

  it('never writes an FTS5 expression that FTS5 refuses (5,000 random inputs)', () => {
    const alphabet = [
      'a',
      'Zb',
      '19',
      '-',
      '"',
      '(',
      ')',
      '[',
      ']',
      '[ti]',
      '[au]',
      '[dp]',
      '*',
      ':',
      '^',
      '+',
      '{',
      '}',
      ' ',
      ' ',
      ' AND ',
      ' OR ',
      ' NOT ',
      'NEAR',
      ',',
      '.',
      '/',
      '10.1234/x',
      '🙂',
      'é',
      "'",
      '\\',
    ];
    let seed = 13;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 5000; i++) {
      const input = Array.from({ length: 1 + Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const parsed = parseSearch(input);
      if (parsed.ok && parsed.fts) expect(() => match.all(parsed.fts), input).not.toThrow();
    }
  });

  it.each<[string, SearchNote[]]>([
    ['"vagus nerve', [{ code: 'unreadable', reason: 'unbalanced_quote', operator: null }]],
    ['OR tapping', [{ code: 'unreadable', reason: 'operator_needs_terms', operator: 'OR' }]],
    ['2023:2020[dp]', [{ code: 'not_a_value', text: '2023:2020[dp]', expected: 'year' }]],
    ['abc[pmid]', [{ code: 'not_a_value', text: 'abc[pmid]', expected: 'pmid' }]],
    ['behaviour[xx]', [{ code: 'unknown_field', field: 'xx' }]],
    ['EMDR 🙂', [{ code: 'no_letters', text: '🙂' }]],
    ['[ti] vagus', [{ code: 'tag_without_term', field: 'ti' }]],
    ['covid NOT 2020[dp]', [{ code: 'condition_needs_and', text: '2020[dp]' }]],
  ])('notes why %s was not read as written, one structured note per reason', (input, notes) => {
    const parsed = parseSearch(input);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.notes).toEqual(notes);
    expect(parsed.note).toBe(notes.map(searchNoteText).join('; '));
  });
});
