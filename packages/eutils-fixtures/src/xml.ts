/** Builds PubMed-format XML (the efetch db=pubmed retmode=xml shape) from fixture specs. */
import type { AuthorSpec, StudySpec } from './types.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const PUBMED_DOCTYPE =
  '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Escapes text but keeps the inline tags PubMed itself emits in titles and abstracts (<i>, <b>, …). */
function escapeRichText(text: string): string {
  return escapeXml(text).replace(/&lt;(\/?)(i|b|u|sup|sub)&gt;/g, '<$1$2>');
}

function dateParts(date: string): { year: string; month?: string; day?: string } {
  const [year = '', month, day] = date.split(/[-/]/);
  return { year, month, day };
}

/** <Year><Month><Day> with numeric month, as in History and DateRevised. */
function numericDate(tag: string, date: string, attrs = ''): string {
  const { year, month = '01', day = '01' } = dateParts(date);
  return `<${tag}${attrs}><Year>${year}</Year><Month>${month}</Month><Day>${day}</Day></${tag}>`;
}

/** <PubDate> uses abbreviated month names and may omit month and day. */
function pubDateXml(date: string): string {
  const { year, month, day } = dateParts(date);
  const m = month ? `<Month>${MONTHS[Number(month) - 1]}</Month>` : '';
  const d = day ? `<Day>${Number(day)}</Day>` : '';
  return `<PubDate><Year>${year}</Year>${m}${d}</PubDate>`;
}

function authorXml(author: AuthorSpec): string {
  if ('collective' in author) return `<Author ValidYN="Y"><CollectiveName>${escapeXml(author.collective)}</CollectiveName></Author>`;
  const initials =
    author.initials ??
    author.fore
      .split(/[\s-]+/)
      .map((p) => p[0])
      .join('');
  const aff = author.affiliation ? `<AffiliationInfo><Affiliation>${escapeXml(author.affiliation)}</Affiliation></AffiliationInfo>` : '';
  return (
    `<Author ValidYN="Y"><LastName>${escapeXml(author.last)}</LastName><ForeName>${escapeXml(author.fore)}</ForeName>` +
    `<Initials>${escapeXml(initials)}</Initials>${aff}</Author>`
  );
}

function list(tag: string, items: string[], attrs = ''): string {
  return items.length ? `<${tag}${attrs}>${items.join('')}</${tag}>` : '';
}

function abstractXml(spec: StudySpec): string {
  const sections = spec.abstract.map((s) => {
    const label = s.label ? ` Label="${escapeXml(s.label)}"` : '';
    const cat = s.nlmCategory ? ` NlmCategory="${s.nlmCategory}"` : '';
    return `<AbstractText${label}${cat}>${escapeRichText(s.text)}</AbstractText>`;
  });
  return list('Abstract', sections);
}

function publicationTypes(spec: StudySpec): string[] {
  const types = [...spec.publicationTypes];
  if (spec.retractionIn && !types.includes('Retracted Publication')) types.push('Retracted Publication');
  return types;
}

function commentsCorrections(spec: StudySpec): string {
  const items = [...(spec.commentsCorrections ?? [])];
  if (spec.retractionIn)
    items.push({
      refType: 'RetractionIn',
      refSource: `${spec.journal.isoAbbreviation ?? spec.journal.title}. ${spec.modifiedDate.slice(0, 4)}`,
      pmid: spec.retractionIn,
    });
  return list(
    'CommentsCorrectionsList',
    items.map((c) => {
      const pmid = c.pmid ? `<PMID Version="1">${c.pmid}</PMID>` : '';
      return `<CommentsCorrections RefType="${escapeXml(c.refType)}"><RefSource>${escapeXml(c.refSource)}</RefSource>${pmid}</CommentsCorrections>`;
    }),
  );
}

function meshXml(spec: StudySpec): string {
  return list(
    'MeshHeadingList',
    (spec.mesh ?? []).map((m) => {
      const ui = m.ui ?? `D9${String(spec.pmid % 100000).padStart(5, '0')}`;
      const qualifiers = (m.qualifiers ?? []).map(
        (q) => `<QualifierName UI="Q000${q.length}00" MajorTopicYN="N">${escapeXml(q)}</QualifierName>`,
      );
      return `<MeshHeading><DescriptorName UI="${ui}" MajorTopicYN="${m.major ? 'Y' : 'N'}">${escapeXml(m.descriptor)}</DescriptorName>${qualifiers.join('')}</MeshHeading>`;
    }),
  );
}

function journalXml(spec: StudySpec): string {
  const j = spec.journal;
  const issn = j.issn ? `<ISSN IssnType="Electronic">${j.issn}</ISSN>` : '';
  const volume = j.volume ? `<Volume>${escapeXml(j.volume)}</Volume>` : '';
  const issue = j.issue ? `<Issue>${escapeXml(j.issue)}</Issue>` : '';
  return (
    `<Journal>${issn}<JournalIssue CitedMedium="Internet">${volume}${issue}${pubDateXml(spec.pubDate)}</JournalIssue>` +
    `<Title>${escapeXml(j.title)}</Title><ISOAbbreviation>${escapeXml(j.isoAbbreviation ?? j.title)}</ISOAbbreviation></Journal>`
  );
}

function articleIds(spec: StudySpec): string {
  const ids = [`<ArticleId IdType="pubmed">${spec.pmid}</ArticleId>`];
  if (spec.doi) ids.push(`<ArticleId IdType="doi">${escapeXml(spec.doi)}</ArticleId>`);
  if (spec.pmc) ids.push(`<ArticleId IdType="pmc">${escapeXml(spec.pmc)}</ArticleId>`);
  return list('ArticleIdList', ids);
}

/** One <PubmedArticle> element. */
export function buildPubmedArticleXml(spec: StudySpec): string {
  const status = spec.status ?? 'MEDLINE';
  const elocation = spec.doi ? `<ELocationID EIdType="doi" ValidYN="Y">${escapeXml(spec.doi)}</ELocationID>` : '';
  const pagination = spec.pages ? `<Pagination><MedlinePgn>${escapeXml(spec.pages)}</MedlinePgn></Pagination>` : '';
  const keywords = list(
    'KeywordList',
    (spec.keywords ?? []).map((k) => `<Keyword MajorTopicYN="N">${escapeXml(k)}</Keyword>`),
    ' Owner="NOTNLM"',
  );
  const pubTypes = publicationTypes(spec).map(
    (t) => `<PublicationType UI="D0${String(t.length).padStart(5, '0')}">${escapeXml(t)}</PublicationType>`,
  );
  return (
    '<PubmedArticle>' +
    `<MedlineCitation Status="${status}" Owner="NLM" IndexingMethod="Automated">` +
    `<PMID Version="${spec.version ?? 1}">${spec.pmid}</PMID>` +
    numericDate('DateRevised', spec.modifiedDate) +
    '<Article PubModel="Print-Electronic">' +
    journalXml(spec) +
    `<ArticleTitle>${escapeRichText(spec.title)}</ArticleTitle>` +
    pagination +
    elocation +
    abstractXml(spec) +
    list('AuthorList', spec.authors.map(authorXml), ' CompleteYN="Y"') +
    `<Language>${spec.language ?? 'eng'}</Language>` +
    list('PublicationTypeList', pubTypes) +
    '</Article>' +
    `<MedlineJournalInfo><Country>United States</Country><MedlineTA>${escapeXml(spec.journal.isoAbbreviation ?? spec.journal.title)}</MedlineTA><NlmUniqueID>9${spec.pmid % 1000000}</NlmUniqueID></MedlineJournalInfo>` +
    commentsCorrections(spec) +
    meshXml(spec) +
    keywords +
    '</MedlineCitation>' +
    '<PubmedData><History>' +
    numericDate('PubMedPubDate', spec.createdDate, ' PubStatus="pubmed"') +
    numericDate('PubMedPubDate', spec.createdDate, ' PubStatus="entrez"') +
    numericDate('PubMedPubDate', spec.modifiedDate, ' PubStatus="medline"') +
    '</History><PublicationStatus>ppublish</PublicationStatus>' +
    articleIds(spec) +
    '</PubmedData>' +
    '</PubmedArticle>'
  );
}

const XML_PROLOG = '<?xml version="1.0" ?>';

/** A whole efetch answer: prolog, DOCTYPE and <PubmedArticleSet> (empty when no records, like NCBI). */
export function buildArticleSetXml(records: StudySpec[]): string {
  return `${XML_PROLOG}\n${PUBMED_DOCTYPE}\n<PubmedArticleSet>${records.map((r) => `\n${buildPubmedArticleXml(r)}`).join('')}${records.length ? '\n' : ''}</PubmedArticleSet>\n`;
}
