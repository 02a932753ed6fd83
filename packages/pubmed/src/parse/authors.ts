/** AuthorList / InvestigatorList → Author[], in document order. */
import type { Author } from '../record.ts';
import { attr, childText, elements, type XNode } from './fxp.ts';

/** Every Author (or Investigator) element of a list, appended to `out` (linear: 15,000 investigators is fine). */
export function collectAuthors(list: XNode[] | undefined, investigator: boolean, out: Author[]): void {
  for (const [name, node] of elements(list)) {
    if (name !== 'Author' && name !== 'Investigator') continue;
    out.push(author(node, node[name] as XNode[], investigator));
  }
}

function author(node: XNode, kids: XNode[], investigator: boolean): Author {
  const affiliations: string[] = [];
  let orcid: string | null = null;
  for (const [name, child] of elements(kids)) {
    if (name === 'AffiliationInfo') {
      const text = childText(child.AffiliationInfo, 'Affiliation');
      if (text) affiliations.push(text);
    } else if (name === 'Affiliation') {
      // Some older DTD versions put Affiliation directly under Author.
      const text = childText([child], 'Affiliation');
      if (text) affiliations.push(text);
    } else if (name === 'Identifier' && orcid === null && attr(child, 'Source') === 'ORCID') {
      orcid = normaliseOrcid(childText([child], 'Identifier'));
    }
  }
  return {
    lastName: childText(kids, 'LastName'),
    foreName: childText(kids, 'ForeName') ?? childText(kids, 'FirstName'),
    initials: childText(kids, 'Initials'),
    suffix: childText(kids, 'Suffix'),
    collectiveName: childText(kids, 'CollectiveName'),
    orcid,
    affiliations,
    valid: attr(node, 'ValidYN') !== 'N',
    investigator,
  };
}

/** "https://orcid.org/0000-0002-1825-009X", "0000000218250097", "0000 0002 …" → "0000-0002-1825-009X".
 * Anything that does not hold exactly 16 ORCID characters is kept as given rather than guessed at. */
function normaliseOrcid(value: string | null): string | null {
  if (!value) return null;
  const tail = value.trim().replace(/^.*orcid\.org\//i, '');
  const chars = tail.replace(/[\s-]/g, '').toUpperCase();
  if (!/^\d{15}[\dX]$/.test(chars)) return value.trim();
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12)}`;
}
