/** PubmedArticle (or a bare legacy MedlineCitation) → PubmedRecord. */
import type { Author, PubmedRecord } from '../record.ts';
import { isoDate } from './dates.ts';
import {
  abstractOf,
  articleIds,
  commentsCorrections,
  dataBanks,
  doiOf,
  eLocationIds,
  history,
  keywords,
  languages,
  meshHeadings,
  otherAbstracts,
  pagesOf,
  pmcOf,
  pmidOf,
  pubDate,
  publicationTypes,
} from './fields.ts';
import { collectAuthors } from './authors.ts';
import { attr, childText, find, findAll, kids, textOf, type XNode } from './fxp.ts';
import { richText } from './richtext.ts';

/** Thrown for a well-formed record that cannot become a PubmedRecord; becomes a RecordParseError. */
export class RecordError extends Error {
  readonly pmid: string | null;
  constructor(pmid: string | null, reason: string) {
    super(reason);
    this.pmid = pmid;
  }
}

/** `citation` is MedlineCitation's children; `pubmedData` is PubmedData's (absent in MedlineCitationSet). */
export function articleRecord(citation: XNode[], pubmedData: XNode[] | undefined, rawXml: string): PubmedRecord {
  const { pmid, pmidVersion } = pmidOf(citation);
  if (!pmid) throw new RecordError(null, 'MedlineCitation has no PMID');
  const article = kids(citation, 'Article');
  if (!article) throw new RecordError(pmid, `PMID ${pmid}: MedlineCitation has no Article element`);

  const journal = kids(article, 'Journal');
  const issue = kids(journal, 'JournalIssue');
  const issnNode = find(journal, 'ISSN');
  const journalInfo = kids(citation, 'MedlineJournalInfo');
  const abstract = abstractOf(kids(article, 'Abstract'));
  const eLocations = findAll(article, 'ELocationID');
  const idLists = [kids(pubmedData, 'ArticleIdList')];

  const authors: Author[] = [];
  for (const list of findAll(article, 'AuthorList')) collectAuthors(list.AuthorList, false, authors);
  // Pre-2014 records name one affiliation on Article: NLM recorded it for the first author.
  const articleAffiliation = childText(article, 'Affiliation');
  const firstAuthor = authors[0];
  if (articleAffiliation && firstAuthor && firstAuthor.affiliations.length === 0) {
    firstAuthor.affiliations.push(articleAffiliation);
  }
  collectAuthors(kids(citation, 'InvestigatorList'), true, authors);

  return {
    kind: 'article',
    pmid,
    pmidVersion,
    title: richText(kids(article, 'ArticleTitle')),
    vernacularTitle: childText(article, 'VernacularTitle'),
    abstract: abstract.whole,
    abstractSections: abstract.sections,
    otherAbstracts: otherAbstracts(findAll(citation, 'OtherAbstract')),
    copyright: abstract.copyright,
    journal: {
      title: childText(journal, 'Title'),
      // MedlineTA is NLM's abbreviation; used when the record has no ISOAbbreviation (old citations).
      isoAbbreviation: childText(journal, 'ISOAbbreviation') ?? childText(journalInfo, 'MedlineTA'),
      issn: textOf(issnNode, 'ISSN'),
      issnType: attr(issnNode, 'IssnType'),
      issnLinking: childText(journalInfo, 'ISSNLinking'),
      nlmUniqueId: childText(journalInfo, 'NlmUniqueID'),
    },
    volume: childText(issue, 'Volume'),
    issue: childText(issue, 'Issue'),
    pages: pagesOf(article),
    publicationDate: pubDate(kids(issue, 'PubDate')),
    electronicDate: electronicDate(findAll(article, 'ArticleDate')),
    languages: languages(findAll(article, 'Language')),
    doi: doiOf(idLists, eLocations),
    pmcId: pmcOf(idLists),
    articleIds: articleIds(idLists, eLocations),
    eLocationIds: eLocationIds(eLocations),
    publicationTypes: publicationTypes(findAll(kids(article, 'PublicationTypeList'), 'PublicationType')),
    mesh: meshHeadings(kids(citation, 'MeshHeadingList')),
    keywords: keywords(findAll(citation, 'KeywordList')),
    dataBanks: dataBanks(kids(article, 'DataBankList')),
    commentsCorrections: commentsCorrections(kids(citation, 'CommentsCorrectionsList')),
    authors,
    history: history(kids(pubmedData, 'History')),
    dateCompleted: ymd(kids(citation, 'DateCompleted')),
    dateRevised: ymd(kids(citation, 'DateRevised')),
    book: null,
    rawXml,
    rawFormat: 'xml',
  };
}

export function ymd(list: XNode[] | undefined): string | null {
  return list ? isoDate(childText(list, 'Year'), childText(list, 'Month'), childText(list, 'Day')) : null;
}

/** The Electronic ArticleDate (the only DateType NLM uses), else the first one. */
function electronicDate(nodes: XNode[]): string | null {
  const node = nodes.find((n) => attr(n, 'DateType') === 'Electronic') ?? nodes[0];
  return node ? ymd(node.ArticleDate) : null;
}
