import { stringify } from 'csv-stringify/sync';
import { escapeHtml } from '../queries/highlight.ts';
import { toCsl } from './csl.ts';
import { renderInWorker } from './render-pool.ts';
import type { CitableStudy } from './load-studies.ts';

export const EXPORT_FORMATS = ['ris', 'bibtex', 'csljson', 'csv', 'apa', 'vancouver'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type StyleOutput = 'text' | 'html';

export interface RenderedExport {
  body: string;
  contentType: string;
  extension: string;
}

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
      title: s.title,
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

/**
 * citation-js breaks RIS values every 70 characters, even mid-word; Zotero, EndNote and Mendeley read
 * such a line as a new value or join it with a space. Every real line starts with a tag ("TI  - "),
 * and no value holds a newline (see toCsl), so any other line is a continuation to rejoin.
 */
function unwrapRis(ris: string): string {
  return ris.replace(/\n(?![A-Z][A-Z0-9] {2}- )/g, '');
}

function htmlDocument(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

/** Formats that render references through citeproc, a few ms each: they get a lower cap. */
export const FORMATTED_STYLES: readonly ExportFormat[] = ['apa', 'vancouver'];

/** Renders studies in one export format; every format goes through citation-js or csv-stringify, none is hand-formatted. */
export async function renderExport(studies: CitableStudy[], format: ExportFormat, styleOutput: StyleOutput): Promise<RenderedExport> {
  if (format === 'csv') return { body: toCsv(studies), contentType: 'text/csv; charset=utf-8; header=present', extension: 'csv' };
  const items = studies.map(toCsl);
  if (format === 'csljson') {
    return {
      body: `${JSON.stringify(items, null, 2)}\n`,
      contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8',
      extension: 'json',
    };
  }
  if (items.length === 0) return emptyExport(format, styleOutput);
  const body = await renderInWorker(items, format, styleOutput);
  if (format === 'ris') return { body: `${unwrapRis(body)}\n`, contentType: RIS_TYPE, extension: 'ris' };
  if (format === 'bibtex') return { body, contentType: BIBTEX_TYPE, extension: 'bib' };
  const bibliography = body;
  if (styleOutput === 'html') {
    const title = format === 'apa' ? 'References (APA 7th edition)' : 'References (Vancouver / NLM)';
    return { body: htmlDocument(title, bibliography), contentType: 'text/html; charset=utf-8', extension: `${format}.html` };
  }
  return { body: bibliography, contentType: 'text/plain; charset=utf-8', extension: `${format}.txt` };
}

const RIS_TYPE = 'application/x-research-info-systems; charset=utf-8';
const BIBTEX_TYPE = 'application/x-bibtex; charset=utf-8';

function emptyExport(format: Exclude<ExportFormat, 'csv' | 'csljson'>, styleOutput: StyleOutput): RenderedExport {
  if (format === 'ris') return { body: '', contentType: RIS_TYPE, extension: 'ris' };
  if (format === 'bibtex') return { body: '', contentType: BIBTEX_TYPE, extension: 'bib' };
  return styleOutput === 'html'
    ? {
        body: htmlDocument('References', '<div class="csl-bib-body"></div>'),
        contentType: 'text/html; charset=utf-8',
        extension: `${format}.html`,
      }
    : { body: '', contentType: 'text/plain; charset=utf-8', extension: `${format}.txt` };
}
