// The rules the reference styles share: NLM page elision and its expansion, article numbers, journal
// names in APA title case. Expected values follow Citing Medicine (pages) and APA 7 (names).
import { describe, expect, it } from 'vitest';
import { articleLocation, fullPages, nlmPages, titleCase, withoutSubtitle } from '../src/citations/reference-parts.ts';

describe('page ranges', () => {
  it.each([
    ['123-128', '123-8', '123–128'],
    ['123-8', '123-8', '123–128'],
    ['1199-1203', '1199-203', '1199–1203'],
    ['1199-203', '1199-203', '1199–1203'],
    ['123–135', '123-35', '123–135'],
    ['1-10', '1-10', '1–10'],
    ['99-101', '99-101', '99–101'],
    ['S12-S18', 'S12-8', 'S12–S18'],
    ['S12-8', 'S12-8', 'S12–S18'],
    ['123-8, 140-5', '123-8, 140-5', '123–128, 140–145'],
    ['e006094', 'e006094', 'e006094'],
    ['iii-x', 'iii-x', 'iii–x'],
  ])('%s: NLM %s, APA %s', (given, nlm, apa) => {
    expect(nlmPages(given)).toBe(nlm);
    expect(fullPages(given, '–')).toBe(apa);
  });
});

describe('article location', () => {
  const pii = (value: string) => [{ type: 'pii', value }];
  it('an ELocationID pii without MedlinePgn is the article number; a publisher item identifier is not', () => {
    expect(articleLocation({ pages: null, eLocationIds: pii('e006094') })).toEqual({ articleNumber: 'e006094' });
    expect(articleLocation({ pages: null, eLocationIds: pii('CD012345') })).toEqual({ articleNumber: 'CD012345' });
    expect(articleLocation({ pages: null, eLocationIds: pii('S0000-0000(99)00001-1') })).toBeNull();
    expect(articleLocation({ pages: null, eLocationIds: [{ type: 'doi', value: '10.5555/x' }] })).toBeNull();
  });
  it('MedlinePgn is pages unless it is one location that is the pii or looks like e123', () => {
    expect(articleLocation({ pages: '026002', eLocationIds: pii('026002') })).toEqual({ articleNumber: '026002' });
    expect(articleLocation({ pages: 'e17', eLocationIds: [] })).toEqual({ articleNumber: 'e17' });
    expect(articleLocation({ pages: '17', eLocationIds: [] })).toEqual({ pages: '17' });
    expect(articleLocation({ pages: '116161', eLocationIds: [] })).toEqual({ articleNumber: '116161' });
    expect(articleLocation({ pages: '123-8', eLocationIds: pii('123') })).toEqual({ pages: '123-8' });
  });
});

describe('journal names for APA', () => {
  it('drops the NLM subtitle and title-cases sentence-case words, keeping capitalised ones', () => {
    expect(titleCase(withoutSubtitle('Journal of clinical fixtures : official journal of the Fixture Society'))).toBe(
      'Journal of Clinical Fixtures',
    );
    expect(titleCase('The New England journal of fixtures')).toBe('The New England Journal of Fixtures');
    expect(withoutSubtitle('Fixture shigaku = Fixture odontology; journal of a fixture college')).toBe('Fixture shigaku');
    expect(titleCase('BMJ open fixtures')).toBe('BMJ Open Fixtures');
    expect(titleCase('journal of fixtures from the field with notes')).toBe('Journal of Fixtures From the Field With Notes');
    expect(titleCase('eLife fixtures')).toBe('eLife Fixtures');
    expect(titleCase('Annals of the fixture society: a review')).toBe('Annals of the Fixture Society: A Review');
  });
});
