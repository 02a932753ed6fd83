import { describe, expect, it } from 'vitest';
import { authorName, numberAffiliations, orcidUrl, type AuthorLike } from './authors.ts';

const author = (over: Partial<AuthorLike>): AuthorLike => ({
  lastName: null,
  foreName: null,
  initials: null,
  suffix: null,
  collectiveName: null,
  orcid: null,
  affiliations: [],
  investigator: false,
  ...over,
});

describe('study page authors', () => {
  it('names persons in full and groups by their name', () => {
    expect(authorName(author({ lastName: 'Fixture', foreName: 'Anna B', suffix: 'Jr' }))).toBe('Anna B Fixture Jr');
    expect(authorName(author({ lastName: 'Fixture', initials: 'AB' }))).toBe('AB Fixture');
    expect(authorName(author({ collectiveName: 'Fixture Trial Group' }))).toBe('Fixture Trial Group');
  });

  it('links ORCID iDs in bare and URL form and ignores anything else', () => {
    expect(orcidUrl('0000-0002-1825-009x')).toBe('https://orcid.org/0000-0002-1825-009X');
    expect(orcidUrl('http://orcid.org/0000-0002-1825-0097')).toBe('https://orcid.org/0000-0002-1825-0097');
    expect(orcidUrl('not an orcid')).toBeNull();
    expect(orcidUrl(null)).toBeNull();
  });

  it('numbers each affiliation once, in order of first mention', () => {
    const authors = [
      author({ affiliations: ['Fixture University, Utrecht.', 'Fixture Hospital.'] }),
      author({ affiliations: ['Fixture Hospital.'] }),
      author({ affiliations: [] }),
    ];
    expect(numberAffiliations(authors)).toEqual({
      affiliations: ['Fixture University, Utrecht.', 'Fixture Hospital.'],
      numbers: [[1, 2], [2], []],
    });
  });
});
