// RIS as Zotero, EndNote and Mendeley read it: one "TAG  - value" line per value, "ER  - " closing
// each reference. Written here rather than by citation-js, which puts a whole page range in SP, pads
// no dates, wraps values mid-word and has no article numbers (docs/adr/0013-…).
import type { CitableAuthor, CitableStudy } from './load-studies.ts';
import { articleLocation, citedTitle, dateParts, languageName, pageRanges, sourceUrl } from './reference-parts.ts';
import { referenceNote } from './csl.ts';

/** RIS is line-based: a value must not hold a line break. */
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** "Family, Given, Suffix" (the RIS AU form); a group author as it is. */
function risName(author: CitableAuthor): string {
  if (author.collective) return author.collective;
  return [author.family, author.given ?? author.initials, author.suffix].filter(Boolean).join(', ');
}

const pad = (n: number | null) => (n ? String(n).padStart(2, '0') : '');

/** DA in the RIS form YYYY/MM/DD/other: "2020/02/25/", "2020/02//", "2020///Spring". */
function risDate(study: CitableStudy): string | null {
  const date = dateParts(study.pubDate);
  if (!date) return null;
  return `${date.year}/${pad(date.month)}/${pad(date.month && date.day)}/${!date.month && study.season ? study.season : ''}`;
}

function risType(study: CitableStudy): 'JOUR' | 'BOOK' | 'CHAP' {
  if (study.kind !== 'book' || !study.book) return 'JOUR';
  return study.book.chapter ? 'CHAP' : 'BOOK';
}

function risLines(study: CitableStudy): [string, string | null | undefined][] {
  const type = risType(study);
  const location = articleLocation(study);
  const ranges = location && 'pages' in location ? pageRanges(location.pages) : [];
  const startPage = location && 'articleNumber' in location ? location.articleNumber : ranges[0]?.start;
  const endPage = ranges.length ? (ranges.at(-1)!.end ?? (ranges.length > 1 ? ranges.at(-1)!.start : null)) : null;
  return [
    ['TY', type],
    ['ID', `PMID${study.pmid}`],
    ...study.authors.map((author): [string, string] => ['AU', risName(author)]),
    ['TI', citedTitle(study)],
    ['T2', type === 'JOUR' ? study.journal : type === 'CHAP' ? study.book?.title : null],
    ['JO', type === 'JOUR' ? study.journalIso : null],
    ['PY', study.year ? String(study.year) : null],
    ['DA', risDate(study)],
    ['VL', study.volume],
    ['IS', study.issue],
    ['SP', startPage],
    ['EP', endPage],
    ['PB', study.book?.publisherName],
    ['CY', study.book?.publisherLocation],
    ['SN', study.issn],
    ['DO', study.doi],
    ['AN', study.pmid],
    ['C2', study.pmcId],
    ['AB', study.abstract],
    // A record may list a keyword in more than one KeywordList (author's and NLM's): once is enough.
    ...[...new Set(study.keywords)].map((keyword): [string, string] => ['KW', keyword]),
    ...study.languages.map((code): [string, string] => ['LA', languageName(code)]),
    ['UR', sourceUrl(study)],
    ['N1', referenceNote(study)],
  ];
}

/** The studies as one RIS file. */
export function formatRis(studies: CitableStudy[]): string {
  return studies
    .map((study) => {
      const lines = risLines(study)
        .map(([tag, value]) => [tag, value ? oneLine(value) : ''] as const)
        .filter(([, value]) => value !== '')
        .map(([tag, value]) => `${tag}  - ${value}`);
      return `${lines.join('\n')}\nER  - \n`;
    })
    .join('\n');
}
