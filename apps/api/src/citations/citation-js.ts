import { Cite, type CSL } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { bibtexSafe } from './bibtex-safe.ts';

export type CitationFormat = 'bibtex';

/**
 * citation-js writes the month with the day ("month = {feb 25}"), which BibTeX reads as a literal string,
 * not its month macro: the month is written as the bare macro (month = feb) and the day left out, as
 * BibTeX has no day field (the full date stays in CSL-JSON and RIS).
 */
const bibtexMonth = (bibtex: string) => bibtex.replace(/^(\tmonth = )\{([a-z]{3})(?: \d{1,2})?\},$/gm, '$1$2,');

/** The one place that calls citation-js; it runs in the render worker (see render-pool.ts). */
export function formatCsl(items: CSL[], format: CitationFormat): string {
  // The plugins register their formats at run time; core's typings only know the built-in ones.
  const cite = new Cite(items.map(bibtexSafe)) as unknown as {
    format(name: string, options: Record<string, string>): string;
  };
  return bibtexMonth(cite.format(format, { format: 'text' }));
}
