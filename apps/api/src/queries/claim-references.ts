import type { OpenedDatabase } from '@evidence/schema';
import { FORMATTED_STYLES, type ExportFormat, type StyleOutput } from '../citations/format-names.ts';
import { loadCitableStudies } from '../citations/load-studies.ts';
import { renderExport } from '../citations/render-pool.ts';
import { ExportTooLarge } from '../domain-errors.ts';
import type { StudyFilter } from '../filters/filter-schema.ts';
import { escapeHtml } from './highlight.ts';
import { EXPORT_CAP, FORMATTED_CAP } from '../routes/export/export.ts';
import { loadClaim, matchingPmids, pinnedPmids, type LevelKey } from './claims.ts';

export type ReferenceSet = 'pins' | 'matching';

/**
 * A reference list's heading in the claim's language (the claim's readers read it, not the
 * curator's UI): Dutch for a Dutch claim, English otherwise. "et al." and the styles' own
 * punctuation stay as APA and Vancouver write them in both languages.
 */
const HEADINGS = {
  nl: {
    pins: (s: string) => `Referenties bij de claim “${s}”`,
    matching: (s: string, n: number) => `Alle ${n} passende onderzoeken bij de claim “${s}”`,
    reviews: (s: string, n: number) => `Meta-analyses en systematische reviews bij de claim “${s}” (${n})`,
    rcts: (s: string, n: number) => `Gerandomiseerde gecontroleerde onderzoeken (RCT’s) bij de claim “${s}” (${n})`,
    other: (s: string, n: number) => `Overige onderzoeken bij de claim “${s}” (${n})`,
  },
  en: {
    pins: (s: string) => `References for the claim “${s}”`,
    matching: (s: string, n: number) => `All ${n} matching studies for the claim “${s}”`,
    reviews: (s: string, n: number) => `Meta-analyses and systematic reviews for the claim “${s}” (${n})`,
    rcts: (s: string, n: number) => `Randomised controlled trials for the claim “${s}” (${n})`,
    other: (s: string, n: number) => `Other studies for the claim “${s}” (${n})`,
  },
} as const;

const count = (n: number) => n.toLocaleString('en-US');
const byPmids = (pmids: number[]) => ({ pmid: pmids.map(String), match: 'any', retracted: 'include' }) as StudyFilter;

/**
 * A claim's references as a download: its pins in the writer's order (so Vancouver numbers them as
 * the claim page does), or every matching study (or one level) in the claim page's order. The same
 * renderer as every other export; text and HTML lists open with a heading in the claim's language.
 */
export async function claimReferences(
  database: OpenedDatabase,
  id: number,
  options: { set: ReferenceSet; level?: LevelKey; format: ExportFormat; styleOutput: StyleOutput },
) {
  const { set, level, format, styleOutput } = options;
  const cap = FORMATTED_STYLES.includes(format) ? FORMATTED_CAP : EXPORT_CAP;
  let pmids: number[];
  let heading: string;
  const language = (statement: { language: string }) => (statement.language.startsWith('nl') ? HEADINGS.nl : HEADINGS.en);
  if (set === 'pins') {
    pmids = pinnedPmids(database, id);
    const claim = loadClaim(database, id);
    heading = language(claim).pins(claim.statement);
  } else {
    const found = matchingPmids(database, id, level, cap);
    if (found.total > cap)
      throw new ExportTooLarge(
        `The claim matches ${count(found.total)} studies; ${format} exports hold at most ${count(cap)}. Export one level (level=reviews, rcts or other) or the pinned studies.`,
      );
    pmids = found.pmids;
    heading = language(found.claim)[level ?? 'matching'](found.claim.statement, found.total);
  }
  const studies = pmids.length ? loadCitableStudies(database, byPmids(pmids), { limit: pmids.length, order: 'published' }) : [];
  const rendered = await renderExport(studies, format, styleOutput);
  const body = !FORMATTED_STYLES.includes(format)
    ? rendered.body
    : styleOutput === 'html'
      ? rendered.body.replace('<body>\n', `<body>\n<h1>${escapeHtml(heading)}</h1>\n`)
      : `${heading}\n\n${rendered.body}`;
  const name = set === 'pins' ? 'references' : level ? `matching-${level}` : 'matching';
  return { ...rendered, body, filename: `claim-${id}-${name}.${rendered.extension}` };
}
