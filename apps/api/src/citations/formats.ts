import { stringify } from 'csv-stringify/sync';
import { escapeHtml } from '../queries/highlight.ts';
import { toCsl } from './csl.ts';
import { formatCsl } from './citation-js.ts';
import { type CitableStudy, type LoadedStudy, withRecordDetails } from './load-studies.ts';
import { formatRis } from './ris.ts';
import { formatReferences } from './styles.ts';

import type { ExportFormat, RenderedExport, StyleOutput } from './format-names.ts';

const CSV_COLUMNS = [
  'pmid',
  'title',
  'authors',
  'journal',
  'year',
  'doi',
  'pmcid',
  'design',
  'sample_size',
  'outcomes',
  'topics',
  'retracted',
  'pubmed_url',
] as const;

function authorList(study: CitableStudy): string {
  return study.authors
    .map((a) => a.collective ?? [a.family, a.initials ?? a.given].filter(Boolean).join(' '))
    .filter(Boolean)
    .join('; ');
}

function toCsv(studies: CitableStudy[]): string {
  return stringify(
    studies.map((s) => ({
      pmid: s.pmid,
      title: s.title || (s.vernacularTitle ?? ''),
      authors: authorList(s),
      journal: s.journal ?? '',
      year: s.year ?? '',
      doi: s.doi ?? '',
      pmcid: s.pmcId ?? '',
      design: s.design ?? '',
      sample_size: s.sampleSize ?? '',
      outcomes: s.outcomes.join('; '),
      topics: s.topics.join('; '),
      retracted: s.retracted ? 'true' : 'false',
      pubmed_url: s.links.pubmed,
    })),
    {
      header: true,
      columns: [...CSV_COLUMNS],
      // A BOM so spreadsheet programs read UTF-8 names correctly; cells starting with = + - @ are quoted as text.
      bom: true,
      escape_formulas: true,
      record_delimiter: 'windows',
    },
  );
}

function htmlDocument(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

/**
 * Studies in one export format: APA and Vancouver from styles.ts, RIS from ris.ts, BibTeX through
 * citation-js, CSV through csv-stringify, CSL-JSON from csl.ts. Runs in the render worker; callers use
 * renderExport (render-pool.ts).
 */
export function renderStudies(loaded: LoadedStudy[], format: ExportFormat, styleOutput: StyleOutput): RenderedExport {
  const studies = loaded.map(withRecordDetails);
  if (format === 'csv') return { body: toCsv(studies), contentType: 'text/csv; charset=utf-8; header=present', extension: 'csv' };
  if (format === 'ris') return { body: formatRis(studies), contentType: RIS_TYPE, extension: 'ris' };
  if (format === 'apa' || format === 'vancouver') {
    if (studies.length === 0) return emptyExport(format, styleOutput);
    const bibliography = formatReferences(studies, format, styleOutput);
    if (styleOutput === 'html') {
      const title = format === 'apa' ? 'References (APA 7th edition)' : 'References (Vancouver / NLM)';
      return { body: htmlDocument(title, bibliography), contentType: 'text/html; charset=utf-8', extension: `${format}.html` };
    }
    return { body: bibliography, contentType: 'text/plain; charset=utf-8', extension: `${format}.txt` };
  }
  const items = studies.map(toCsl);
  if (format === 'csljson') {
    return {
      body: `${JSON.stringify(items, null, 2)}\n`,
      contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8',
      extension: 'json',
    };
  }
  return { body: items.length ? formatCsl(items, 'bibtex') : '', contentType: BIBTEX_TYPE, extension: 'bib' };
}

const RIS_TYPE = 'application/x-research-info-systems; charset=utf-8';
const BIBTEX_TYPE = 'application/x-bibtex; charset=utf-8';

function emptyExport(format: 'apa' | 'vancouver', styleOutput: StyleOutput): RenderedExport {
  return styleOutput === 'html'
    ? {
        body: htmlDocument('References', '<div class="csl-bib-body"></div>'),
        contentType: 'text/html; charset=utf-8',
        extension: `${format}.html`,
      }
    : { body: '', contentType: 'text/plain; charset=utf-8', extension: `${format}.txt` };
}
