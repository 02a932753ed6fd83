// Synthetic PubMed XML for the citation-style tests: PMIDs from 90001001, titles starting "[Fixture]",
// journals and publishers that do not exist. Each record is one case of the style rules.

export interface ArticleSpec {
  pmid: number;
  title: string;
  /** "Family|Given|Initials|Suffix" (empty parts allowed) or "#Group name". */
  authors?: string[];
  journal?: string;
  iso?: string;
  volume?: string | null;
  issue?: string | null;
  /** PubDate's children as XML. */
  pubDate?: string;
  medlinePgn?: string | null;
  /** ELocationID pairs [EIdType, value]. */
  eLocations?: [string, string][];
  /** ArticleIdList pairs besides the PMID [IdType, value]. */
  articleIds?: [string, string][];
  articleDate?: string | null;
  languages?: string[];
  vernacularTitle?: string | null;
  publicationTypes?: string[];
  corrections?: { refType: string; refSource: string; pmid?: string }[];
  abstract?: string | null;
  keywords?: string[];
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function authorXml(spec: string): string {
  if (spec.startsWith('#')) return `<Author ValidYN="Y"><CollectiveName>${escapeXml(spec.slice(1))}</CollectiveName></Author>`;
  const [family = '', given = '', initials = '', suffix = ''] = spec.split('|');
  return (
    `<Author ValidYN="Y"><LastName>${escapeXml(family)}</LastName>` +
    (given ? `<ForeName>${escapeXml(given)}</ForeName>` : '') +
    (initials ? `<Initials>${initials}</Initials>` : '') +
    (suffix ? `<Suffix>${suffix}</Suffix>` : '') +
    '</Author>'
  );
}

const DEFAULT_AUTHORS = ['Example|Alice Beth|AB', 'Sample|Bert|B'];

export function articleXml(spec: ArticleSpec): string {
  const authors = spec.authors ?? DEFAULT_AUTHORS;
  const volume = spec.volume === undefined ? '12' : spec.volume;
  const issue = spec.issue === undefined ? '3' : spec.issue;
  const pages = spec.medlinePgn === undefined ? '123-8' : spec.medlinePgn;
  const ids = spec.articleIds ?? [['doi', `10.5555/fixture.${spec.pmid}`]];
  return (
    `<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">${spec.pmid}</PMID>` +
    '<Article PubModel="Print-Electronic"><Journal><ISSN IssnType="Electronic">0000-0019</ISSN><JournalIssue CitedMedium="Internet">' +
    (volume ? `<Volume>${volume}</Volume>` : '') +
    (issue ? `<Issue>${issue}</Issue>` : '') +
    `<PubDate>${spec.pubDate ?? '<Year>2020</Year><Month>Feb</Month><Day>25</Day>'}</PubDate></JournalIssue>` +
    `<Title>${escapeXml(spec.journal ?? 'Fixture journal of synthetic medicine')}</Title>` +
    `<ISOAbbreviation>${escapeXml(spec.iso ?? 'Fixture J Synth Med')}</ISOAbbreviation></Journal>` +
    `<ArticleTitle>${escapeXml(spec.title)}</ArticleTitle>` +
    (pages ? `<Pagination><MedlinePgn>${pages}</MedlinePgn></Pagination>` : '') +
    (spec.eLocations ?? [])
      .map(([type, value]) => `<ELocationID EIdType="${type}" ValidYN="Y">${escapeXml(value)}</ELocationID>`)
      .join('') +
    (spec.abstract === null
      ? ''
      : `<Abstract><AbstractText>${escapeXml(spec.abstract ?? '[Fixture] A synthetic abstract.')}</AbstractText></Abstract>`) +
    (authors.length ? `<AuthorList CompleteYN="Y">${authors.map(authorXml).join('')}</AuthorList>` : '') +
    (spec.languages ?? ['eng']).map((code) => `<Language>${code}</Language>`).join('') +
    `<PublicationTypeList>${(spec.publicationTypes ?? ['Journal Article']).map((t) => `<PublicationType>${t}</PublicationType>`).join('')}</PublicationTypeList>` +
    (spec.vernacularTitle ? `<VernacularTitle>${escapeXml(spec.vernacularTitle)}</VernacularTitle>` : '') +
    (spec.articleDate ? `<ArticleDate DateType="Electronic">${spec.articleDate}</ArticleDate>` : '') +
    '</Article><MedlineJournalInfo><Country>United States</Country><MedlineTA>Fixture J Synth Med</MedlineTA><NlmUniqueID>900000019</NlmUniqueID></MedlineJournalInfo>' +
    (spec.corrections?.length
      ? `<CommentsCorrectionsList>${spec.corrections
          .map(
            (c) =>
              `<CommentsCorrections RefType="${c.refType}"><RefSource>${escapeXml(c.refSource)}</RefSource>${c.pmid ? `<PMID Version="1">${c.pmid}</PMID>` : ''}</CommentsCorrections>`,
          )
          .join('')}</CommentsCorrectionsList>`
      : '') +
    (spec.keywords?.length
      ? `<KeywordList Owner="NOTNLM">${spec.keywords.map((k) => `<Keyword MajorTopicYN="N">${escapeXml(k)}</Keyword>`).join('')}</KeywordList>`
      : '') +
    '</MedlineCitation><PubmedData><PublicationStatus>ppublish</PublicationStatus><ArticleIdList>' +
    `<ArticleId IdType="pubmed">${spec.pmid}</ArticleId>` +
    ids.map(([type, value]) => `<ArticleId IdType="${type}">${escapeXml(value)}</ArticleId>`).join('') +
    '</ArticleIdList></PubmedData></PubmedArticle>'
  );
}

export interface BookSpec {
  pmid: number;
  bookTitle: string;
  /** A chapter's own title; absent for a whole book. */
  chapterTitle?: string;
  authors: string[];
  year: string;
}

export function bookXml(spec: BookSpec): string {
  const authorList = `<AuthorList Type="authors">${spec.authors.map(authorXml).join('')}</AuthorList>`;
  return (
    `<PubmedBookArticle><BookDocument><PMID Version="1">${spec.pmid}</PMID>` +
    `<ArticleIdList><ArticleId IdType="bookaccession">NBK9${String(spec.pmid).slice(-5)}</ArticleId></ArticleIdList>` +
    '<Book><Publisher><PublisherName>Fixture Press</PublisherName><PublisherLocation>Seattle (WA)</PublisherLocation></Publisher>' +
    `<BookTitle book="fixture">${escapeXml(spec.bookTitle)}</BookTitle><PubDate><Year>${spec.year}</Year></PubDate>` +
    '<AuthorList Type="editors"><Author ValidYN="Y"><LastName>Editor</LastName><ForeName>Eda</ForeName><Initials>E</Initials></Author></AuthorList>' +
    (spec.chapterTitle ? '' : authorList) +
    '</Book>' +
    (spec.chapterTitle ? `<ArticleTitle book="fixture" part="ch1">${escapeXml(spec.chapterTitle)}</ArticleTitle>` : '') +
    '<Language>eng</Language>' +
    (spec.chapterTitle ? authorList : '') +
    '<PublicationType UI="D016454">Review</PublicationType>' +
    '</BookDocument><PubmedBookData><PublicationStatus>ppublish</PublicationStatus></PubmedBookData></PubmedBookArticle>'
  );
}
