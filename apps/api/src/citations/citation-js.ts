import { Cite, type CSL } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
// Bundles the APA 7th edition and NLM/Vancouver (citation-sequence) CSL styles and the en-US locale: nothing is fetched.
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';
import { bibtexSafe } from './bibtex-safe.ts';

export type CitationFormat = 'ris' | 'bibtex' | 'apa' | 'vancouver';

/** The one place that calls citation-js; it runs in the render worker (see render-pool.ts). */
export function formatCsl(items: CSL[], format: CitationFormat, styleOutput: 'text' | 'html'): string {
  // The plugins register their formats at run time; core's typings only know the built-in ones.
  const cite = new Cite(format === 'bibtex' ? items.map(bibtexSafe) : items) as unknown as {
    format(name: string, options: Record<string, string>): string;
  };
  if (format === 'ris' || format === 'bibtex') return cite.format(format, { format: 'text' });
  return cite.format('bibliography', { template: format, format: styleOutput, lang: 'en-US' });
}
