import type { CSL } from '@citation-js/core';
import type { CitableAuthor, CitableStudy } from './load-studies.ts';
import { articleLocation, citedTitle, fullPages, languageNote, sourceUrl } from './reference-parts.ts';

/** ISO 639-2 (PubMed) to the BCP 47 tag CSL expects; citeproc only applies English title casing to `en`. */
const LANGUAGE_TAGS: Record<string, string> = {
  eng: 'en',
  fre: 'fr',
  ger: 'de',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  chi: 'zh',
  jpn: 'ja',
  rus: 'ru',
  dut: 'nl',
  pol: 'pl',
  kor: 'ko',
  tur: 'tr',
  swe: 'sv',
  dan: 'da',
  nor: 'no',
  fin: 'fi',
  cze: 'cs',
  hun: 'hu',
  gre: 'el',
  heb: 'he',
  ara: 'ar',
  per: 'fa',
};

/** CSL values stay on one line (BibTeX and RIS readers take a line break as the end of a value). */
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ');

function cslName(author: CitableAuthor): NonNullable<CSL['author']>[number] {
  if (author.collective) return { literal: author.collective };
  return {
    ...(author.family ? { family: author.family } : {}),
    ...(author.given || author.initials ? { given: (author.given ?? author.initials)! } : {}),
    ...(author.suffix ? { suffix: author.suffix } : {}),
  };
}

function issued(study: CitableStudy): CSL['issued'] | undefined {
  const parts = study.pubDate
    ?.split('-')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  if (parts?.length) {
    return {
      'date-parts': [parts as [number] | [number, number] | [number, number, number]],
      ...(parts.length === 1 && study.season ? { season: study.season } : {}),
    };
  }
  if (study.medlineDate) return { literal: study.medlineDate };
  return study.year ? { 'date-parts': [[study.year]] } : undefined;
}

/** The flags a reader must see next to the reference; also carried in the note so RIS and BibTeX keep them. */
function integrityNotes(study: Pick<CitableStudy, 'retracted' | 'erratum' | 'expressionOfConcern'>): string[] {
  return [
    ...(study.retracted ? ['RETRACTED: this publication has been retracted (see PubMed).'] : []),
    ...(study.expressionOfConcern ? ['An expression of concern has been published about this article.'] : []),
    ...(study.erratum ? ['An erratum has been published for this article.'] : []),
  ];
}

/**
 * The note RIS (N1), BibTeX and CSL-JSON carry: the integrity flags, PubMed's "[Article in German]" for a
 * non-English record (BibTeX has no language field citation-js writes), and the PMID.
 */
export function referenceNote(study: CitableStudy): string {
  const language = languageNote(study);
  return [...integrityNotes(study), ...(language ? [`[Article in ${language}]`] : []), `PMID: ${study.pmid}`].join(' ');
}

function cslType(study: CitableStudy): 'article-journal' | 'chapter' | 'book' {
  if (study.kind !== 'book' || !study.book) return 'article-journal';
  return study.book.chapter ? 'chapter' : 'book';
}

/** One stored study as CSL-JSON, as precise as the record; retracted studies are marked in the title, note and `custom`. */
export function toCsl(study: CitableStudy): CSL & { 'citation-key': string; custom: Record<string, unknown> } {
  const date = issued(study);
  const language = study.languages[0];
  const location = articleLocation(study);
  const type = cslType(study);
  return {
    id: `PMID${study.pmid}`,
    'citation-key': `PMID${study.pmid}`,
    type,
    title: oneLine(citedTitle(study)),
    ...(study.vernacularTitle ? { 'original-title': oneLine(study.vernacularTitle) } : {}),
    ...(type === 'chapter' && study.book?.title ? { 'container-title': oneLine(study.book.title) } : {}),
    ...(type === 'article-journal' && study.journal ? { 'container-title': oneLine(study.journal) } : {}),
    ...(type === 'article-journal' && study.journalIso ? { 'container-title-short': study.journalIso } : {}),
    ...(study.book?.publisherName ? { publisher: study.book.publisherName } : {}),
    ...(study.book?.publisherLocation ? { 'publisher-place': study.book.publisherLocation } : {}),
    ...(study.volume ? { volume: study.volume } : {}),
    ...(study.issue ? { issue: study.issue } : {}),
    // CSL's `number` is an article's number; BibTeX and most readers look for it in the pages too.
    ...(location && 'pages' in location ? { page: fullPages(location.pages, '-') } : {}),
    ...(location && 'articleNumber' in location ? { page: location.articleNumber, number: location.articleNumber } : {}),
    ...(date ? { issued: date } : {}),
    ...(study.doi ? { DOI: study.doi } : {}),
    PMID: study.pmid,
    ...(study.pmcId ? { PMCID: study.pmcId } : {}),
    ...(study.issn ? { ISSN: study.issn } : {}),
    author: study.authors.map(cslName),
    ...(language ? { language: LANGUAGE_TAGS[language] ?? language } : {}),
    ...(study.abstract ? { abstract: study.abstract } : {}),
    ...(study.keywords.length ? { keyword: study.keywords.join(', ') } : {}),
    URL: sourceUrl(study),
    note: referenceNote(study),
    custom: {
      retracted: study.retracted,
      erratum: study.erratum,
      expressionOfConcern: study.expressionOfConcern,
      design: study.design,
      sampleSize: study.sampleSize,
      outcomes: study.outcomes,
      topics: study.topics,
    },
  };
}
