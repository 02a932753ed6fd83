/** PubmedBookArticle (a Bookshelf book or chapter) → PubmedRecord with kind 'book'. */
import type { Author, PubmedRecord } from '../record.ts';
import { RecordError, ymd } from './article.ts';
import { collectAuthors } from './authors.ts';
import {
  abstractOf,
  articleIds,
  doiOf,
  eLocationIds,
  history,
  keywords,
  languages,
  meshHeadings,
  pagesOf,
  pmcOf,
  pmidOf,
  pubDate,
  publicationTypes,
} from './fields.ts';
import { attr, childText, findAll, kids, type XNode } from './fxp.ts';
import { richText } from './richtext.ts';

export function bookRecord(bookArticle: XNode[], rawXml: string): PubmedRecord {
  const doc = kids(bookArticle, 'BookDocument');
  const { pmid, pmidVersion } = pmidOf(doc);
  if (!doc || !pmid) throw new RecordError(null, 'PubmedBookArticle has no BookDocument/PMID');
  const book = kids(doc, 'Book');
  const bookData = kids(bookArticle, 'PubmedBookData');
  const abstract = abstractOf(kids(doc, 'Abstract'));
  const bookTitle = richText(kids(book, 'BookTitle'));
  const chapterTitle = kids(doc, 'ArticleTitle') ? richText(kids(doc, 'ArticleTitle')) : null;
  const idLists = [kids(doc, 'ArticleIdList'), kids(bookData, 'ArticleIdList')];
  const eLocations = findAll(book, 'ELocationID');
  const publisher = kids(book, 'Publisher');

  // Authors of the document itself; a whole book's authors sit on Book. Editors are not authors.
  const authors: Author[] = [];
  const authorLists = (list: XNode[] | undefined) => findAll(list, 'AuthorList').filter((l) => attr(l, 'Type') !== 'editors');
  for (const list of authorLists(doc)) collectAuthors(list.AuthorList, false, authors);
  if (authors.length === 0) for (const list of authorLists(book)) collectAuthors(list.AuthorList, false, authors);
  collectAuthors(kids(doc, 'InvestigatorList'), true, authors);

  return {
    kind: 'book',
    pmid,
    pmidVersion,
    title: chapterTitle && chapterTitle.text !== '' ? chapterTitle : bookTitle,
    vernacularTitle: childText(doc, 'VernacularTitle'),
    abstract: abstract.whole,
    abstractSections: abstract.sections,
    otherAbstracts: [],
    copyright: abstract.copyright,
    journal: { title: null, isoAbbreviation: null, issn: null, issnType: null, issnLinking: null, nlmUniqueId: null },
    volume: childText(book, 'Volume'),
    issue: null,
    pages: pagesOf(doc),
    publicationDate: pubDate(kids(book, 'PubDate')),
    electronicDate: null,
    languages: languages(findAll(doc, 'Language')),
    doi: doiOf(idLists, eLocations),
    pmcId: pmcOf(idLists),
    articleIds: articleIds(idLists, eLocations),
    eLocationIds: eLocationIds(eLocations),
    // BookDocument lists PublicationType directly, without a PublicationTypeList.
    publicationTypes: publicationTypes(findAll(doc, 'PublicationType')),
    mesh: meshHeadings(kids(doc, 'MeshHeadingList')),
    keywords: keywords(findAll(doc, 'KeywordList')),
    dataBanks: [],
    commentsCorrections: [],
    authors,
    history: history(kids(bookData, 'History')),
    dateCompleted: null,
    dateRevised: ymd(kids(doc, 'DateRevised')),
    book: {
      title: bookTitle.text || null,
      publisher: [childText(publisher, 'PublisherName'), childText(publisher, 'PublisherLocation')].filter(Boolean).join(', ') || null,
      publisherName: childText(publisher, 'PublisherName'),
      publisherLocation: childText(publisher, 'PublisherLocation'),
      chapterTitle: chapterTitle?.text || null,
    },
    rawXml,
    rawFormat: 'xml',
  };
}
