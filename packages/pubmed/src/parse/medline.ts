/**
 * MEDLINE / .nbib text (what the PubMed website exports): "TAG - value" lines, continuation
 * lines indented by 6 spaces, records separated by blank lines and each starting with "PMID-".
 */
import type { Author, CommentCorrection, ParseResult, PubmedRecord } from '../record.ts';
import { fromFreeText, isoFromCompact } from './dates.ts';
import { escapeHtml } from './richtext.ts';
import { tooLarge, type StreamItem } from './records.ts';
import { RECORD_LIMIT } from './scan.ts';

export function parseMedline(text: string): ParseResult {
  const result: ParseResult = { records: [], deletions: [], errors: [] };
  const splitter = new MedlineSplitter();
  for (const raw of [...splitter.push(text), ...splitter.end()]) {
    for (const item of medlineRawItems(raw)) {
      if (item.type === 'record') result.records.push(item.record);
      else if (item.type === 'error') result.errors.push(item.error);
    }
  }
  return result;
}

/** Lines of a MEDLINE file the parser could not use, with the first few line numbers (1-based). */
export interface DroppedLines {
  count: number;
  lines: number[];
}
const DROPPED_LINES_NAMED = 10;

/** A record's text, or what is known of a record skipped for its size (its text is not kept). */
export type MedlineRaw = { text: string } | { oversized: { pmid: string | null; chars: number; line: number } };

const TAG_LINE = /^([A-Z][A-Z0-9]{1,3}) {0,3}- ?(.*)$/;
const CONTINUATION = /^\s{2,}\S/;

/**
 * Splits a text stream into record texts at lines starting with "PMID-", line by line. Counts the
 * lines the parser cannot use (neither "TAG - value", an indented continuation nor blank, and any
 * text before the first record) in `dropped`. A record longer than RECORD_LIMIT is not kept: it
 * comes out as `oversized` with its PMID, so one runaway field cannot exhaust memory.
 */
export class MedlineSplitter {
  /** Records started so far (a file with none is not MEDLINE). */
  records = 0;
  readonly dropped: DroppedLines = { count: 0, lines: [] };
  private partial = '';
  /** The rest of a line longer than the limit is being dropped. */
  private discardingLine = false;
  private lineNo = 0;
  private record: string[] | null = null;
  private recordChars = 0;
  private recordLine = 0;
  private oversized: { pmid: string | null; chars: number; line: number } | null = null;
  private readonly limit: number;

  constructor(options: { recordLimit?: number } = {}) {
    this.limit = options.recordLimit ?? RECORD_LIMIT;
  }

  push(chunk: string): MedlineRaw[] {
    const out: MedlineRaw[] = [];
    let text = chunk.replace(/\r\n?/g, '\n');
    if (this.discardingLine) {
      const nl = text.indexOf('\n');
      this.grow(nl < 0 ? text.length : nl);
      if (nl < 0) return out;
      this.discardingLine = false;
      text = text.slice(nl + 1);
    }
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop()!;
    for (const line of lines) this.line(line, out);
    if (this.partial.length > this.limit) {
      // One line longer than a whole record may be: its record is skipped, the line not kept.
      this.lineNo++;
      if (this.record === null) this.drop();
      this.grow(this.partial.length);
      this.partial = '';
      this.discardingLine = true;
    }
    return out;
  }

  end(): MedlineRaw[] {
    const out: MedlineRaw[] = [];
    if (!this.discardingLine && this.partial) this.line(this.partial, out);
    this.partial = '';
    this.finish(out);
    return out;
  }

  private line(text: string, out: MedlineRaw[]): void {
    this.lineNo++;
    if (text.startsWith('PMID-')) {
      this.finish(out);
      this.records++;
      this.record = [text];
      this.recordChars = text.length;
      this.recordLine = this.lineNo;
      return;
    }
    const blank = text.trim() === '';
    if (this.record === null) {
      if (!blank) this.drop();
      return;
    }
    if (!blank && !isMedlineLine(text)) this.drop();
    if (this.oversized) this.oversized.chars += text.length + 1;
    else {
      this.record.push(text);
      this.grow(text.length + 1);
    }
  }

  /** Counts characters of the current record; past the limit it is only counted, not kept. */
  private grow(chars: number): void {
    if (this.record === null) return;
    if (this.oversized) {
      this.oversized.chars += chars;
      return;
    }
    this.recordChars += chars;
    if (this.recordChars > this.limit) {
      const pmid = /^PMID- *(\d+)/.exec(this.record[0]!)?.[1] ?? null;
      this.oversized = { pmid, chars: this.recordChars, line: this.recordLine };
      this.record = [];
    }
  }

  private drop(): void {
    this.dropped.count++;
    if (this.dropped.lines.length < DROPPED_LINES_NAMED) this.dropped.lines.push(this.lineNo);
  }

  private finish(out: MedlineRaw[]): void {
    if (this.record === null) return;
    out.push(this.oversized ? { oversized: this.oversized } : { text: this.record.join('\n').trimEnd() });
    this.record = null;
    this.oversized = null;
  }
}

/** A line fields() reads: "TAG - value" or an indented continuation. */
function isMedlineLine(line: string): boolean {
  return TAG_LINE.test(line) || CONTINUATION.test(line);
}

/** Tag → values in order, continuation lines joined with a space. */
function fields(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.split('\n')) {
    const m = TAG_LINE.exec(line);
    const last = out[out.length - 1];
    if (m) out.push([m[1]!, m[2]!.trim()]);
    else if (CONTINUATION.test(line) && last) last[1] += ` ${line.trim()}`;
  }
  return out;
}

const CORRECTIONS: Record<string, string> = {
  CIN: 'CommentIn',
  CON: 'CommentOn',
  EIN: 'ErratumIn',
  EFR: 'ErratumFor',
  RIN: 'RetractionIn',
  ROF: 'RetractionOf',
  UIN: 'UpdateIn',
  UOF: 'UpdateOf',
  RPI: 'RepublishedIn',
  RPF: 'RepublishedFrom',
  PRIN: 'PartialRetractionIn',
  PROF: 'PartialRetractionOf',
  ECI: 'ExpressionOfConcernIn',
  ECF: 'ExpressionOfConcernFor',
  RRI: 'ReprintIn',
  RRF: 'ReprintOf',
  SPIN: 'SummaryForPatientsIn',
  ORI: 'OriginalReportIn',
};

/** One split-out MEDLINE record → items; a record skipped for its size is an error naming its PMID. */
export function medlineRawItems(raw: MedlineRaw): StreamItem[] {
  if ('text' in raw) return medlineRecordItems(raw.text);
  const { pmid, chars, line } = raw.oversized;
  return [{ type: 'error', error: { pmid, reason: tooLarge(`MEDLINE record at line ${line}`, chars) } }];
}

function medlineRecordItems(text: string): StreamItem[] {
  const f = fields(text);
  const all = (tag: string) => f.filter(([t]) => t === tag).map(([, v]) => v);
  const one = (tag: string) => f.find(([t]) => t === tag)?.[1] || null;
  const pmid = one('PMID');
  if (!pmid || !/^\d+$/.test(pmid)) {
    return [{ type: 'error', error: { pmid, reason: `MEDLINE record has no valid PMID: ${JSON.stringify(text.slice(0, 40))}` } }];
  }

  // Authors: FAU/AU start an author; AD and AUID after it belong to it. CN is a group author.
  const authors: Author[] = [];
  let current: Author | null = null;
  let currentFromFau = false;
  for (const [tag, value] of f) {
    if (tag === 'FAU' || tag === 'FIR' || tag === 'CN' || ((tag === 'AU' || tag === 'IR') && !currentFromFau)) {
      current = medlineAuthor(tag, value);
      currentFromFau = tag === 'FAU' || tag === 'FIR';
      authors.push(current);
    } else if ((tag === 'AU' || tag === 'IR') && current) {
      // AU after FAU repeats the same person: it carries the initials.
      current.initials = value.split(' ').slice(1).join('') || current.initials;
      currentFromFau = false;
    } else if ((tag === 'AD' || tag === 'IRAD') && current) {
      current.affiliations.push(value);
    } else if (tag === 'AUID' && current && /^ORCID:/i.test(value)) {
      current.orcid = value.replace(/^ORCID:\s*/i, '').replace(/^.*orcid\.org\//i, '');
    } else if (tag !== 'AU' && tag !== 'IR') {
      currentFromFau = false;
    }
  }

  const idPair = (value: string) => {
    const [, value_, type] = /^(.*?)\s*\[([a-z-]+)\]$/.exec(value) ?? [];
    return value_ && type ? { type, value: value_ } : null;
  };
  const ids: PubmedRecord['articleIds'] = [];
  for (const value of [...all('LID'), ...all('AID')]) {
    const pair = idPair(value);
    if (pair && !ids.some((id) => id.type === pair.type && id.value === pair.value)) ids.push(pair);
  }
  // LID is MEDLINE's ELocationID.
  const eLocationIds = all('LID')
    .map(idPair)
    .filter((pair) => pair !== null);
  const issns = all('IS')
    .map((v) => /^(\S+)\s*\((.+)\)$/.exec(v))
    .filter((m) => m !== null);
  const journalIssn = issns.find((m) => m[2] !== 'Linking') ?? null;
  const commentsCorrections: CommentCorrection[] = f
    .filter(([t]) => t in CORRECTIONS)
    .map(([t, v]) => ({
      refType: CORRECTIONS[t] ?? t,
      refSource: v.replace(/\s*PMID:\s*\d+\s*$/, '') || null,
      pmid: /PMID:\s*(\d+)/.exec(v)?.[1] ?? null,
    }));
  const history: PubmedRecord['history'] = [];
  for (const value of all('PHST')) {
    const m = /^(\S+).*\[(.+)\]$/.exec(value);
    const date = m ? isoFromCompact(m[1] ?? null) : null;
    if (m?.[2] && date) history.push({ status: m[2], date });
  }
  const abstract = one('AB');
  const title = one('TI') ?? '';
  const bookTitle = one('BTI');
  const pmc = one('PMC');

  const record: PubmedRecord = {
    kind: bookTitle ? 'book' : 'article',
    pmid,
    pmidVersion: 1,
    title: { text: title || bookTitle || '', markup: escapeHtml(title || bookTitle || '') },
    vernacularTitle: one('TT'),
    // MEDLINE text flattens structured abstracts into one paragraph; we do not guess the labels back.
    abstract: abstract ? { text: abstract, markup: escapeHtml(abstract) } : null,
    abstractSections: abstract ? [{ label: null, nlmCategory: null, text: abstract, markup: escapeHtml(abstract) }] : [],
    otherAbstracts: all('OAB').map((t) => ({
      type: null,
      language: null,
      sections: [{ label: null, nlmCategory: null, text: t, markup: escapeHtml(t) }],
    })),
    copyright: one('CI'),
    journal: {
      title: one('JT'),
      isoAbbreviation: one('TA'),
      issn: journalIssn?.[1] ?? null,
      issnType: journalIssn?.[2] ?? null,
      issnLinking: issns.find((m) => m[2] === 'Linking')?.[1] ?? null,
      nlmUniqueId: one('JID'),
    },
    volume: one('VI'),
    issue: one('IP'),
    pages: one('PG'),
    publicationDate: fromFreeText(one('DP') ?? '', false),
    electronicDate: isoFromCompact(one('DEP')),
    languages: all('LA'),
    doi: ids.find((id) => id.type === 'doi')?.value ?? null,
    pmcId: pmc,
    articleIds: pmc && !ids.some((id) => id.type === 'pmc') ? [...ids, { type: 'pmc', value: pmc }] : ids,
    eLocationIds,
    publicationTypes: all('PT').map((name) => ({ name, ui: null })),
    mesh: all('MH').map(meshHeading),
    keywords: all('OT')
      .map((keyword) => ({ keyword, majorTopic: keyword.startsWith('*'), owner: one('OTO') }))
      .map((k) => ({ ...k, keyword: k.keyword.replace(/^\*/, '') })),
    dataBanks: medlineDataBanks(all('SI')),
    commentsCorrections,
    authors,
    history: history.length > 0 ? history : crdt(one('CRDT')),
    dateCompleted: isoFromCompact(one('DCOM')),
    dateRevised: isoFromCompact(one('LR')),
    book: bookTitle
      ? { title: bookTitle, publisher: one('PB'), publisherName: one('PB'), publisherLocation: one('PL'), chapterTitle: title || null }
      : null,
    rawXml: text,
    rawFormat: 'medline',
  };
  if (record.publicationDate.year === null && !one('DP')) record.publicationDate.medlineDate = null;
  return [{ type: 'record', record }];
}

/** SI lines ("ClinicalTrials.gov/NCT01234567"), grouped by data bank in order of first appearance. */
function medlineDataBanks(lines: string[]): PubmedRecord['dataBanks'] {
  const out: PubmedRecord['dataBanks'] = [];
  for (const line of lines) {
    const slash = line.indexOf('/');
    if (slash <= 0) continue;
    const name = line.slice(0, slash).trim();
    const accession = line.slice(slash + 1).trim();
    let bank = out.find((b) => b.name === name);
    if (!bank) out.push((bank = { name, accessionNumbers: [] }));
    if (accession) bank.accessionNumbers.push(accession);
  }
  return out;
}

function medlineAuthor(tag: string, value: string): Author {
  const base: Author = {
    lastName: null,
    foreName: null,
    initials: null,
    suffix: null,
    collectiveName: null,
    orcid: null,
    affiliations: [],
    valid: true,
    investigator: tag === 'FIR' || tag === 'IR',
  };
  if (tag === 'CN') return { ...base, collectiveName: value };
  if (tag === 'FAU' || tag === 'FIR') {
    const [last, fore] = value.split(/,\s*/, 2);
    return { ...base, lastName: last || null, foreName: fore || null };
  }
  // AU only: "Smith JA"
  const parts = value.split(' ');
  return {
    ...base,
    lastName: parts.length > 1 ? parts.slice(0, -1).join(' ') : value,
    initials: parts.length > 1 ? (parts[parts.length - 1] ?? null) : null,
  };
}

/** "Humans/*therapy/drug effects" and "*Vagus Nerve Stimulation": '*' marks a major topic. */
function meshHeading(value: string): PubmedRecord['mesh'][number] {
  const [descriptor = '', ...qualifiers] = value.split('/');
  return {
    descriptor: descriptor.replace(/^\*/, ''),
    descriptorUi: null,
    majorTopic: descriptor.startsWith('*'),
    qualifiers: qualifiers.map((q) => ({ name: q.replace(/^\*/, ''), ui: null, majorTopic: q.startsWith('*') })),
  };
}

function crdt(value: string | null): PubmedRecord['history'] {
  const date = isoFromCompact(value);
  return date ? [{ status: 'entrez', date }] : [];
}
