// The study page's author list: names as the record gives them, ORCID links, and affiliations
// numbered once each (many authors share one institution).

export interface AuthorLike {
  lastName: string | null;
  foreName: string | null;
  initials: string | null;
  suffix: string | null;
  collectiveName: string | null;
  orcid: string | null;
  affiliations: string[];
  investigator: boolean;
}

/** "Jane A. Doe Jr" style: fore name (or initials), last name, suffix; a group by its name. */
export function authorName(a: AuthorLike): string {
  if (a.collectiveName) return a.collectiveName;
  return [a.foreName ?? a.initials, a.lastName, a.suffix].filter(Boolean).join(' ');
}

/** The ORCID iD in any of the forms records carry (bare, http, https), or null when it is not one. */
export function orcidUrl(orcid: string | null): string | null {
  const id = /(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/i.exec(orcid ?? '')?.[1];
  return id ? `https://orcid.org/${id.toUpperCase()}` : null;
}

/** Affiliations in order of first mention, and each author's numbers into that list (1-based). */
export function numberAffiliations<A extends AuthorLike>(authors: readonly A[]): { affiliations: string[]; numbers: number[][] } {
  const affiliations: string[] = [];
  const index = new Map<string, number>();
  const numbers = authors.map((a) =>
    a.affiliations.map((text) => {
      const key = text.trim();
      let n = index.get(key);
      if (n === undefined) {
        affiliations.push(key);
        n = affiliations.length;
        index.set(key, n);
      }
      return n;
    }),
  );
  return { affiliations, numbers };
}
