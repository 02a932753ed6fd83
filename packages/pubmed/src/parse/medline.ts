/**
 * MEDLINE / .nbib text (what the PubMed website exports): "TAG - value" lines, continuation
 * lines indented by 6 spaces, records separated by blank lines and each starting with "PMID-".
 */
import type { Author, CommentCorrection, ParseResult, PubmedRecord } from '../record.ts';
import { fromFreeText, isoFromCompact } from './dates.ts';
import { escapeHtml } from './richtext.ts';
import type { StreamItem } from './records.ts';

export function parseMedline(text: string): ParseResult {
  const result: ParseResult = { records: [], deletions: [], errors: [] };
  const splitter = new MedlineSplitter();
  for (const record of [...splitter.push(text), ...splitter.end()]) {
    for (const item of medlineRecordItems(record)) {
      if (item.type === 'record') result.records.push(item.record);
      else if (item.type === 'error') result.errors.push(item.error);
    }
  }
  return result;
}

/** Splits a text stream into record texts at lines starting with "PMID-". */
export class MedlineSplitter {
  private buf = '';

  push(chunk: string): string[] {
    this.buf += chunk.replace(/\r\n?/g, '\n');
    const out: string[] = [];
    let start = this.buf.search(/^PMID-/m);
    if (start < 0) return out;
    for (;;) {
      const next = this.buf.indexOf('\nPMID-', start + 1);
      if (next < 0) break;
      out.push(this.buf.slice(start, next + 1).trimEnd());
      start = next + 1;
    }
    this.buf = this.buf.slice(start);
    return out;
  }

  end(): string[] {
    const rest = this.buf.trim();
    this.buf = '';
    return /^PMID-/m.test(rest) ? [rest.slice(rest.search(/^PMID-/m))] : [];
  }
}

/** Tag → values in order, continuation lines joined with a space. */
function fields(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.split('\n')) {
    const m = /^([A-Z][A-Z0-9]{1,3}) {0,3}- ?(.*)$/.exec(line);
    const last = out[out.length - 1];
    if (m) out.push([m[1]!, m[2]!.trim()]);
    else if (/^\s{2,}\S/.test(line) && last) last[1] += ` ${line.trim()}`;
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

export function medlineRecordItems(text: string): StreamItem[] {
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

  const ids: PubmedRecord['articleIds'] = [];
  for (const value of [...all('LID'), ...all('AID')]) {
    const m = /^(.*?)\s*\[([a-z-]+)\]$/.exec(value);
    const [, value_, type] = m ?? [];
    if (value_ && type && !ids.some((id) => id.type === type && id.value === value_)) ids.push({ type, value: value_ });
  }
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
    publicationTypes: all('PT').map((name) => ({ name, ui: null })),
    mesh: all('MH').map(meshHeading),
    keywords: all('OT')
      .map((keyword) => ({ keyword, majorTopic: keyword.startsWith('*'), owner: one('OTO') }))
      .map((k) => ({ ...k, keyword: k.keyword.replace(/^\*/, '') })),
    commentsCorrections,
    authors,
    history: history.length > 0 ? history : crdt(one('CRDT')),
    dateCompleted: isoFromCompact(one('DCOM')),
    dateRevised: isoFromCompact(one('LR')),
    book: bookTitle ? { title: bookTitle, publisher: one('PB'), chapterTitle: title || null } : null,
    rawXml: text,
    rawFormat: 'medline',
  };
  if (record.publicationDate.year === null && !one('DP')) record.publicationDate.medlineDate = null;
  return [{ type: 'record', record }];
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
