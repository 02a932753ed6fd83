// APA 7th edition and Vancouver (NLM, Citing Medicine 2nd ed.) references, written from the style
// rules rather than by citeproc: see docs/adr/0013-references-written-from-the-style-rules.md.
import { escapeHtml } from '../queries/highlight.ts';
import type { CitableAuthor, CitableStudy } from './load-studies.ts';
import {
  aheadOfPrint,
  articleLocation,
  citedTitle,
  dateParts,
  fullPages,
  languageNote,
  nlmDate,
  nlmPages,
  sentence,
  sourceUrl,
  titleCase,
  withoutFullStop,
  withoutSubtitle,
} from './reference-parts.ts';

/** A run of reference text; `italic` runs are <i> in HTML and plain in text. */
interface Run {
  text: string;
  italic?: boolean;
}

const plain = (text: string): Run => ({ text });
const italic = (text: string): Run => ({ text, italic: true });

export type ReferenceStyle = 'apa' | 'vancouver';

// ---- APA 7 ----

/** "Alice Beth" → "A. B."; "Jean-Paul" → "J.-P."; NLM initials "AB" → "A. B." when there is no given name. */
function apaInitials(author: CitableAuthor): string {
  if (author.given) {
    return author.given
      .split(/\s+/)
      .filter(Boolean)
      .map((part) =>
        part
          .split('-')
          .map((piece) => (piece ? `${[...piece][0]!.toUpperCase()}.` : ''))
          .join('-'),
      )
      .join(' ');
  }
  return [...(author.initials ?? '')].map((letter) => `${letter}.`).join(' ');
}

/** NLM writes "Jr" and "Sr" without a full stop; APA writes "Jr." (numerals such as "III" stay). */
const apaSuffix = (suffix: string | null) => (suffix && /^(jr|sr)$/i.test(suffix) ? `${suffix}.` : (suffix ?? ''));

function apaName(author: CitableAuthor): string {
  if (author.collective) return author.collective;
  return [author.family ?? '', apaInitials(author), apaSuffix(author.suffix)].filter(Boolean).join(', ');
}

/** APA 7 §9.8: up to 20 authors with "&" before the last; 21 or more: the first 19, an ellipsis, the last. */
function apaAuthors(authors: CitableAuthor[]): string | null {
  const names = authors.map(apaName).filter(Boolean);
  if (names.length === 0) return null;
  if (names.length === 1) return sentence(names[0]!);
  if (names.length <= 20) return sentence(`${names.slice(0, -1).join(', ')}, & ${names.at(-1)}`);
  return sentence(`${names.slice(0, 19).join(', ')}, . . . ${names.at(-1)}`);
}

function apaReference(study: CitableStudy): Run[] {
  const authors = apaAuthors(study.authors);
  const year = study.year ?? dateParts(study.electronicDate)?.year;
  const date = `(${year ?? 'n.d.'}).`;
  const title = sentence(citedTitle(study));
  const doi = study.doi ? `https://doi.org/${study.doi}` : null;
  // A reference without authors starts with its title (APA 7 §9.12).
  const lead: Run[] = authors ? [plain(`${authors} ${date} `)] : [];
  const titleThenDate = (runs: Run[]): Run[] => (authors ? runs : [...runs, plain(` ${date}`)]);

  if (study.kind === 'book' && study.book) {
    const publisher = study.book.publisherName ? ` ${sentence(study.book.publisherName)}` : '';
    const link = ` ${doi ?? sourceUrl(study)}`;
    if (study.book.chapter && study.book.title) {
      const pages = study.pages ? ` (pp. ${fullPages(study.pages, '–')})` : '';
      return [
        ...lead,
        ...titleThenDate([plain(title)]),
        plain(' In '),
        italic(withoutFullStop(study.book.title)),
        plain(`${pages}.${publisher}${link}`),
      ];
    }
    return [...lead, ...titleThenDate([italic(title)]), plain(`${publisher}${link}`)];
  }

  const runs: Run[] = [...lead, ...titleThenDate([plain(title)]), plain(' ')];
  const journal = study.journal ? titleCase(withoutSubtitle(study.journal)) : null;
  if (journal) runs.push(italic(journal));
  if (aheadOfPrint(study)) {
    runs.push(plain('. Advance online publication.'));
  } else {
    const location = articleLocation(study);
    if (study.volume) runs.push(plain(journal ? ', ' : ''), italic(study.volume));
    if (study.issue) runs.push(plain(`${study.volume ? '' : ', '}(${study.issue})`));
    if (location && 'pages' in location) runs.push(plain(`, ${fullPages(location.pages, '–')}`));
    if (location && 'articleNumber' in location) runs.push(plain(`, Article ${location.articleNumber}`));
    runs.push(plain('.'));
  }
  // Database URLs (PubMed) are left out when there is no DOI (APA 7 §9.30).
  if (doi) runs.push(plain(` ${doi}`));
  return runs;
}

// ---- Vancouver (NLM, Citing Medicine) ----

/** "Alice Beth" without NLM initials → "AB"; hyphenated names give one letter per part, as NLM writes them. */
function nlmInitials(author: CitableAuthor): string {
  if (author.initials) return author.initials;
  return (author.given ?? '')
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((part) => [...part][0]!.toUpperCase())
    .join('');
}

function nlmName(author: CitableAuthor): string {
  if (author.collective) return author.collective;
  return [author.family ?? '', nlmInitials(author), author.suffix ?? ''].filter(Boolean).join(' ');
}

/** Citing Medicine: up to six authors; more than six, the first six and "et al." */
function nlmAuthors(authors: CitableAuthor[]): string | null {
  const names = authors.map(nlmName).filter(Boolean);
  if (names.length === 0) return null;
  return sentence(names.length > 6 ? `${names.slice(0, 6).join(', ')}, et al` : names.join(', '));
}

/** The date as NLM cites it: the publication date, its season, or the MEDLINE free-text date. */
function nlmIssueDate(study: CitableStudy): string | null {
  if (study.medlineDate) return study.medlineDate;
  const date = dateParts(study.pubDate);
  if (!date) return study.year ? String(study.year) : null;
  return study.season && !date.month ? `${date.year} ${study.season}` : nlmDate(date);
}

const CORRECTION_NOTES: Record<string, string> = {
  RetractionIn: 'Retraction in',
  PartialRetractionIn: 'Partial retraction in',
  ErratumIn: 'Erratum in',
  ExpressionOfConcernIn: 'Expression of concern in',
};

/** NLM's notes after a reference: "Retraction in: Journal. Year;Vol:page." and the like. */
function correctionNotes(study: CitableStudy): string[] {
  return study.commentsCorrections
    .filter((link) => link.refType in CORRECTION_NOTES)
    .map((link) => {
      const source = link.refSource ? withoutFullStop(link.refSource) : link.pmid ? `PMID: ${link.pmid}` : null;
      return source ? `${CORRECTION_NOTES[link.refType]}: ${source}.` : null;
    })
    .filter((note) => note !== null);
}

function vancouverReference(study: CitableStudy): string {
  const parts: string[] = [];
  const authors = nlmAuthors(study.authors);
  if (authors) parts.push(authors);
  parts.push(sentence(citedTitle(study)));

  if (study.kind === 'book' && study.book) {
    if (study.book.chapter && study.book.title) parts.push(sentence(`In: ${withoutFullStop(study.book.title)}`));
    const { publisherName, publisherLocation } = study.book;
    const publisher = publisherLocation && publisherName ? `${publisherLocation}: ${publisherName}` : (publisherName ?? publisherLocation);
    const year = study.year ? String(study.year) : null;
    const imprint = [publisher, year].filter(Boolean).join('; ');
    if (imprint) parts.push(sentence(imprint));
    if (study.book.chapter && study.pages) parts.push(sentence(`p. ${nlmPages(study.pages)}`));
  } else {
    const journal = study.journalIso?.replace(/\./g, '') ?? study.journal;
    if (journal) parts.push(sentence(journal));
    if (aheadOfPrint(study)) {
      const online = dateParts(study.electronicDate);
      const date = online ? nlmDate(online) : nlmIssueDate(study);
      parts.push(`${date ? `${date}. ` : ''}[Epub ahead of print].`);
    } else {
      const location = articleLocation(study);
      const where = !location ? null : 'pages' in location ? nlmPages(location.pages) : location.articleNumber;
      const issue = `${study.volume ?? ''}${study.issue ? `(${study.issue})` : ''}`;
      const date = nlmIssueDate(study) ?? '';
      parts.push(`${date}${issue ? `;${issue}` : ''}${where ? `:${where}` : ''}.`);
    }
  }
  if (study.doi) parts.push(`doi:${study.doi}.`);
  parts.push(`PMID: ${study.pmid}.`);
  const language = languageNote(study);
  if (language) parts.push(sentence(language));
  parts.push(...correctionNotes(study));
  return parts.join(' ');
}

// ---- Output ----

function runsAs(runs: Run[], output: 'text' | 'html'): string {
  if (output === 'text') return runs.map((run) => run.text).join('');
  return runs.map((run) => (run.italic ? `<i>${escapeHtml(run.text)}</i>` : escapeHtml(run.text))).join('');
}

/**
 * The reference list in one style: one reference a line (Vancouver numbered in the order given, a
 * single reference not: it is what a copy button pastes into a text that numbers it), or an HTML
 * fragment of the same (class names as citeproc-js writes them, so existing styling applies).
 */
export function formatReferences(studies: CitableStudy[], style: ReferenceStyle, output: 'text' | 'html'): string {
  const numbered = studies.length > 1;
  const entries = studies.map((study, i) =>
    style === 'apa'
      ? runsAs(apaReference(study), output)
      : `${numbered ? `${i + 1}. ` : ''}${runsAs([plain(vancouverReference(study))], output)}`,
  );
  if (output === 'text') return entries.map((entry) => `${entry}\n`).join('');
  return `<div class="csl-bib-body">\n${entries.map((entry) => `  <div class="csl-entry">${entry}</div>\n`).join('')}</div>`;
}
