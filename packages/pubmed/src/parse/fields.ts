/** Field mappers shared by journal articles and book articles. */
import type { AbstractSection, CommentCorrection, MeshHeading, OtherAbstract, PubmedRecord, RichText } from '../record.ts';
import { isoDate, publicationDate } from './dates.ts';
import { attr, childText, find, findAll, kids, textOf, type XNode } from './fxp.ts';
import { escapeHtml, richText } from './richtext.ts';

export function pubDate(list: XNode[] | undefined): PubmedRecord['publicationDate'] {
  return publicationDate({
    year: childText(list, 'Year'),
    month: childText(list, 'Month'),
    day: childText(list, 'Day'),
    season: childText(list, 'Season'),
    medlineDate: childText(list, 'MedlineDate'),
  });
}

/** Abstract (or OtherAbstract) children → sections, the joined whole, and copyright. */
export function abstractOf(list: XNode[] | undefined): {
  sections: AbstractSection[];
  whole: RichText | null;
  copyright: string | null;
} {
  const sections: AbstractSection[] = [];
  for (const node of findAll(list, 'AbstractText')) {
    const rich = richText(node.AbstractText);
    const label = attr(node, 'Label');
    // An empty unlabelled AbstractText carries nothing; a labelled empty one still marks a section.
    if (rich.text === '' && label === null) continue;
    sections.push({ label, nlmCategory: attr(node, 'NlmCategory'), text: rich.text, markup: rich.markup });
  }
  return { sections, whole: joinSections(sections), copyright: childText(list, 'CopyrightInformation') };
}

/** Sections joined by blank lines, each prefixed "LABEL: " when labelled (the record.ts contract). */
function joinSections(sections: AbstractSection[]): RichText | null {
  if (sections.length === 0) return null;
  const only = sections.length === 1 ? sections[0] : undefined;
  if (only && only.label === null) return { text: only.text, markup: only.markup };
  return {
    text: sections.map((s) => (s.label ? `${s.label}: ${s.text}` : s.text)).join('\n\n'),
    markup: sections.map((s) => (s.label ? `${escapeHtml(s.label)}: ${s.markup}` : s.markup)).join('\n\n'),
  };
}

export function otherAbstracts(nodes: XNode[]): OtherAbstract[] {
  return nodes.map((node) => ({
    type: attr(node, 'Type'),
    language: attr(node, 'Language'),
    sections: abstractOf(node.OtherAbstract).sections,
  }));
}

export function languages(nodes: XNode[]): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    const text = textOf(node, 'Language');
    if (text) out.push(text);
  }
  return out;
}

export function publicationTypes(nodes: XNode[]): PubmedRecord['publicationTypes'] {
  const out: PubmedRecord['publicationTypes'] = [];
  for (const node of nodes) {
    const name = textOf(node, 'PublicationType');
    if (name) out.push({ name, ui: attr(node, 'UI') });
  }
  return out;
}

export function meshHeadings(list: XNode[] | undefined): MeshHeading[] {
  const out: MeshHeading[] = [];
  for (const heading of findAll(list, 'MeshHeading')) {
    const parts = heading.MeshHeading as XNode[];
    const descriptor = find(parts, 'DescriptorName');
    const name = textOf(descriptor, 'DescriptorName');
    if (!descriptor || !name) continue;
    out.push({
      descriptor: name,
      descriptorUi: attr(descriptor, 'UI'),
      majorTopic: attr(descriptor, 'MajorTopicYN') === 'Y',
      qualifiers: findAll(parts, 'QualifierName').map((q) => ({
        name: textOf(q, 'QualifierName') ?? '',
        ui: attr(q, 'UI'),
        majorTopic: attr(q, 'MajorTopicYN') === 'Y',
      })),
    });
  }
  return out;
}

export function keywords(lists: XNode[]): PubmedRecord['keywords'] {
  const out: PubmedRecord['keywords'] = [];
  for (const list of lists) {
    const owner = attr(list, 'Owner');
    for (const node of findAll(list.KeywordList, 'Keyword')) {
      const keyword = textOf(node, 'Keyword');
      if (keyword) out.push({ keyword, majorTopic: attr(node, 'MajorTopicYN') === 'Y', owner });
    }
  }
  return out;
}

/** DataBankList → one entry per DataBank with its accession numbers (empty names and numbers dropped). */
export function dataBanks(list: XNode[] | undefined): PubmedRecord['dataBanks'] {
  const out: PubmedRecord['dataBanks'] = [];
  for (const node of findAll(list, 'DataBank')) {
    const name = childText(node.DataBank, 'DataBankName');
    const accessionNumbers = findAll(kids(node.DataBank, 'AccessionNumberList'), 'AccessionNumber')
      .map((n) => textOf(n, 'AccessionNumber'))
      .filter((a): a is string => !!a);
    if (name) out.push({ name, accessionNumbers });
  }
  return out;
}

export function commentsCorrections(list: XNode[] | undefined): CommentCorrection[] {
  return findAll(list, 'CommentsCorrections').map((node) => ({
    refType: attr(node, 'RefType') ?? '',
    refSource: childText(node.CommentsCorrections, 'RefSource'),
    pmid: childText(node.CommentsCorrections, 'PMID'),
  }));
}

/** ArticleIdList pairs, then ELocationIDs, without duplicates. */
export function articleIds(idLists: (XNode[] | undefined)[], eLocations: XNode[]): PubmedRecord['articleIds'] {
  const out: PubmedRecord['articleIds'] = [];
  const seen = new Set<string>();
  const add = (type: string | null, value: string | null) => {
    if (!type || !value || seen.has(`${type}\u0000${value}`)) return;
    seen.add(`${type}\u0000${value}`);
    out.push({ type, value });
  };
  for (const list of idLists) for (const node of findAll(list, 'ArticleId')) add(attr(node, 'IdType'), textOf(node, 'ArticleId'));
  for (const node of eLocations) add(attr(node, 'EIdType'), textOf(node, 'ELocationID'));
  return out;
}

/** The valid ELocationIDs as { type, value } pairs, in document order. */
export function eLocationIds(eLocations: XNode[]): PubmedRecord['eLocationIds'] {
  const out: PubmedRecord['eLocationIds'] = [];
  for (const node of eLocations) {
    const type = attr(node, 'EIdType');
    const value = textOf(node, 'ELocationID');
    if (type && value && attr(node, 'ValidYN') !== 'N') out.push({ type, value });
  }
  return out;
}

/** doi: ArticleIdList's doi (NLM-curated) first, else the publisher's ELocationID doi. */
export function doiOf(idLists: (XNode[] | undefined)[], eLocations: XNode[]): string | null {
  for (const list of idLists)
    for (const node of findAll(list, 'ArticleId')) {
      if (attr(node, 'IdType') === 'doi') return textOf(node, 'ArticleId');
    }
  for (const node of eLocations) {
    if (attr(node, 'EIdType') === 'doi' && attr(node, 'ValidYN') !== 'N') return textOf(node, 'ELocationID');
  }
  return null;
}

export function pmcOf(idLists: (XNode[] | undefined)[]): string | null {
  for (const list of idLists)
    for (const node of findAll(list, 'ArticleId')) {
      if (attr(node, 'IdType') === 'pmc') return textOf(node, 'ArticleId');
    }
  return null;
}

/** PubmedData/History → [{ status, date }]. */
export function history(list: XNode[] | undefined): PubmedRecord['history'] {
  const out: PubmedRecord['history'] = [];
  for (const node of findAll(list, 'PubMedPubDate')) {
    const parts = node.PubMedPubDate as XNode[];
    const date = isoDate(childText(parts, 'Year'), childText(parts, 'Month'), childText(parts, 'Day'));
    const status = attr(node, 'PubStatus');
    if (status && date) out.push({ status, date });
  }
  return out;
}

export function pagesOf(list: XNode[] | undefined): string | null {
  const pagination = kids(list, 'Pagination');
  if (!pagination) return null;
  const medlinePgn = childText(pagination, 'MedlinePgn');
  if (medlinePgn) return medlinePgn;
  const start = childText(pagination, 'StartPage');
  const end = childText(pagination, 'EndPage');
  return start ? (end ? `${start}-${end}` : start) : null;
}

export function pmidOf(list: XNode[] | undefined): { pmid: string | null; pmidVersion: number } {
  const node = find(list, 'PMID');
  const version = Number(attr(node, 'Version'));
  return { pmid: textOf(node, 'PMID'), pmidVersion: Number.isInteger(version) && version > 0 ? version : 1 };
}
