// The pieces of a reference that more than one style needs, each decided once: the title a citation
// shows (original and translation), the article number, page ranges, dates and language names.
import type { CitableStudy } from './load-studies.ts';

const RETRACTED_PREFIX = '[RETRACTED] ';

/** ISO 639-2 codes PubMed uses → English language names, as NLM writes them after a reference ("German."). */
const LANGUAGE_NAMES: Record<string, string> = {
  eng: 'English',
  fre: 'French',
  ger: 'German',
  spa: 'Spanish',
  ita: 'Italian',
  por: 'Portuguese',
  chi: 'Chinese',
  jpn: 'Japanese',
  rus: 'Russian',
  dut: 'Dutch',
  pol: 'Polish',
  kor: 'Korean',
  tur: 'Turkish',
  swe: 'Swedish',
  dan: 'Danish',
  nor: 'Norwegian',
  fin: 'Finnish',
  cze: 'Czech',
  hun: 'Hungarian',
  gre: 'Greek, Modern',
  heb: 'Hebrew',
  ara: 'Arabic',
  per: 'Persian',
  ukr: 'Ukrainian',
  hrv: 'Croatian',
  srp: 'Serbian',
  slv: 'Slovenian',
  slo: 'Slovak',
  rum: 'Romanian',
  bul: 'Bulgarian',
  lit: 'Lithuanian',
  lav: 'Latvian',
  est: 'Estonian',
  ice: 'Icelandic',
  tha: 'Thai',
  vie: 'Vietnamese',
  ind: 'Indonesian',
  may: 'Malay',
  hin: 'Hindi',
  afr: 'Afrikaans',
  cat: 'Catalan',
  lat: 'Latin',
};

export const languageName = (code: string): string => LANGUAGE_NAMES[code] ?? code;

/** The record is in English when it says so, or says nothing. */
const isEnglish = (study: Pick<CitableStudy, 'languages'>) => study.languages.length === 0 || study.languages.includes('eng');

/** The languages a reference names at its end (NLM: "German."), none for an English record. */
export function languageNote(study: Pick<CitableStudy, 'languages'>): string | null {
  return isEnglish(study) ? null : study.languages.map(languageName).join(', ');
}

/** A title without its closing full stop (each style adds its own punctuation). */
export const withoutFullStop = (text: string) => text.trim().replace(/\.+$/, '');

/** Ends a piece with a full stop unless it already ends a sentence (". ", "?", "!"). */
export const sentence = (text: string) => (/[.?!]$/.test(text) ? text : `${text}.`);

/** NLM marks the English translation of a non-English title with square brackets: "[Title]." → "Title". */
function debracket(title: string): string {
  const bare = withoutFullStop(title);
  if (!bare.startsWith('[')) return bare;
  // Only when the opening bracket closes at the very end ("[A] and [B]" is not one bracketed title).
  let depth = 0;
  for (const [i, char] of [...bare].entries()) {
    depth += char === '[' ? 1 : char === ']' ? -1 : 0;
    if (depth === 0) return i === [...bare].length - 1 ? withoutFullStop(bare.slice(1, -1)) : bare;
  }
  return bare;
}

/** Letters outside the Latin script: such an original title cannot stand in a Latin-script reference. */
const NON_LATIN = /(?=\p{L})\P{Script=Latin}/u;

/**
 * The title a reference shows. Non-English records: the original (VernacularTitle) followed by the
 * English translation in square brackets, as both APA 7 and Citing Medicine ask; the translation alone,
 * bracketed, when the original is missing or in a non-Latin script (neither style may transliterate
 * here). A record whose ArticleTitle is empty falls back to the VernacularTitle. A retracted study is
 * marked in front, so a reader sees it wherever the reference is pasted.
 */
export function citedTitle(study: Pick<CitableStudy, 'title' | 'vernacularTitle' | 'languages' | 'retracted'>): string {
  const translation = isEnglish(study) ? withoutFullStop(study.title) : debracket(study.title);
  const original = study.vernacularTitle ? withoutFullStop(study.vernacularTitle) : null;
  let title: string;
  if (!translation) title = original ?? '';
  else if (isEnglish(study)) title = translation;
  else if (original && !NON_LATIN.test(original)) title = `${original} [${translation}]`;
  else title = `[${translation}]`;
  return study.retracted ? `${RETRACTED_PREFIX}${title}` : title;
}

/**
 * An article number (e006094, 026002, CD012345): short, no spaces, brackets or hyphens. A publisher's
 * item identifier such as S0140-6736(20)30566-3 is not one, and no reference shows it.
 */
const ARTICLE_NUMBER = /^[A-Za-z]{0,4}\d[0-9A-Za-z.]{0,19}$/;

/**
 * Where the article sits in its issue: pages ("123-8") or an article number. NLM puts an article
 * number in MedlinePgn, or (newer records) only in an ELocationID of type pii; a MedlinePgn that is
 * one location and equals that pii, looks like e123 or has five digits or more is an article number too.
 */
export function articleLocation(study: Pick<CitableStudy, 'pages' | 'eLocationIds'>): { pages: string } | { articleNumber: string } | null {
  const piis = study.eLocationIds.filter((id) => id.type === 'pii').map((id) => id.value);
  const pages = study.pages?.trim();
  if (pages) {
    const single = !/[-–,]/.test(pages);
    // Five digits and more is an article number (116161), not a page a one-page article starts on.
    return single && (piis.includes(pages) || /^e\d+$/i.test(pages) || /^\d{5,}$/.test(pages)) ? { articleNumber: pages } : { pages };
  }
  const articleNumber = piis.find((pii) => ARTICLE_NUMBER.test(pii));
  return articleNumber ? { articleNumber } : null;
}

/** One range of MedlinePgn with NLM's elided end expanded: "123-8" → { start: "123", end: "128" }. */
function expandRange(range: string): { start: string; end: string | null } {
  const [start = '', end] = range.split(/[-–]/).map((part) => part.trim());
  if (!end) return { start, end: null };
  const [, prefix = '', digits = ''] = /^(\D*)(\d+)$/.exec(start) ?? [];
  const [, endPrefix = '', endDigits = ''] = /^(\D*)(\d+)$/.exec(end) ?? [];
  // Only a shorter run of digits (with the same or no prefix) is elided; anything else is kept as given.
  if (digits && endDigits && endDigits.length < digits.length && (endPrefix === '' || endPrefix === prefix)) {
    return { start, end: `${prefix}${digits.slice(0, digits.length - endDigits.length)}${endDigits}` };
  }
  return { start, end };
}

/** MedlinePgn's ranges ("123-8, 140-5") with full end pages. */
export const pageRanges = (pages: string) =>
  pages
    .split(/\s*[,;]\s*/)
    .filter(Boolean)
    .map(expandRange);

/** NLM's form: hyphen, end page elided to the digits that change ("123-8", "1199-203"). */
export function nlmPages(pages: string): string {
  return pageRanges(pages)
    .map(({ start, end }) => {
      if (!end) return start;
      const [, prefix = '', digits = ''] = /^(\D*)(\d+)$/.exec(start) ?? [];
      const [, endPrefix = '', endDigits = ''] = /^(\D*)(\d+)$/.exec(end) ?? [];
      if (!digits || !endDigits || digits.length !== endDigits.length || prefix !== endPrefix) return `${start}-${end}`;
      let same = 0;
      while (same < digits.length - 1 && digits[same] === endDigits[same]) same++;
      return `${start}-${endDigits.slice(same)}`;
    })
    .join(', ');
}

/** Full page numbers: APA joins them with an en dash ("123–128"), CSL-JSON and BibTeX with a hyphen. */
export const fullPages = (pages: string, dash: '–' | '-') =>
  pageRanges(pages)
    .map(({ start, end }) => (end ? `${start}${dash}${end}` : start))
    .join(', ');

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface DateParts {
  year: number;
  month: number | null;
  day: number | null;
}

/** YYYY, YYYY-MM or YYYY-MM-DD (the stored sortable date, an ArticleDate) as numbers. */
export function dateParts(iso: string | null): DateParts | null {
  const match = iso ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso) : null;
  if (!match) return null;
  return { year: Number(match[1]), month: match[2] ? Number(match[2]) : null, day: match[3] ? Number(match[3]) : null };
}

/** NLM's date: "2020 Feb 25", "2020 Feb", "2020". */
export function nlmDate(date: DateParts): string {
  return [String(date.year), date.month ? MONTHS[date.month - 1] : null, date.month && date.day ? String(date.day) : null]
    .filter(Boolean)
    .join(' ');
}

/**
 * Published online, not yet in an issue: no volume, issue or pages. NLM's PublicationStatus is not kept,
 * so this is read from the record's shape, as PubMed's own "Online ahead of print" display is.
 */
export function aheadOfPrint(study: Pick<CitableStudy, 'kind' | 'volume' | 'issue' | 'pages'>): boolean {
  return study.kind === 'article' && !study.volume && !study.issue && !study.pages;
}

/**
 * The journal's name without what the NLM catalogue adds: a subtitle after " : " ("Journal of Clinical
 * Oncology : Official Journal of …") or a parallel title after " = " ("Shigaku = Odontology; …").
 */
export const withoutSubtitle = (journal: string) => journal.split(/\s+[:=]\s+/)[0]!.trim();

/**
 * Words APA 7 keeps lowercase inside a title-case name: articles, and conjunctions and prepositions of
 * up to three letters (words of four letters or more are capitalised), plus French/Spanish/Latin particles.
 */
const MINOR_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'in',
  'nor',
  'of',
  'off',
  'on',
  'or',
  'per',
  'so',
  'the',
  'to',
  'up',
  'via',
  'yet',
  'de',
  'la',
  'et',
]);

/**
 * A journal name in title case, as APA asks. NLM catalogues names in sentence case ("The New England
 * journal of medicine"); words that already hold a capital (BMJ, eLife, PLoS) are left as they are.
 */
export function titleCase(name: string): string {
  const words = name.split(' ');
  return words
    .map((word, i) => {
      if (word === '' || /\p{Lu}/u.test(word)) return word;
      // The first word, and the first after a colon, are capitalised even when minor.
      if (i > 0 && !/[:?!]$/.test(words[i - 1]!) && MINOR_WORDS.has(word)) return word;
      return word.replace(/^(\P{L}*)(\p{L})/u, (_, lead: string, letter: string) => `${lead}${letter.toUpperCase()}`);
    })
    .join(' ');
}

/** The URL of a study's own page: a Bookshelf book or chapter where it has one, else PubMed. */
export function sourceUrl(study: Pick<CitableStudy, 'articleIds' | 'links'>): string {
  const accession = study.articleIds.find((id) => id.type === 'bookaccession')?.value;
  return accession ? `https://www.ncbi.nlm.nih.gov/books/${accession}/` : study.links.pubmed;
}
