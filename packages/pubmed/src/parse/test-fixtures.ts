/** Synthetic PubMed XML for tests: fixture PMIDs from 90000000, titles marked "[Fixture]". */

export interface ArticleFixture {
  pmid?: string | null;
  pmidAttrs?: string;
  title?: string;
  abstract?: string;
  authors?: string;
  pubDate?: string;
  extraArticle?: string;
  extraCitation?: string;
  pubmedData?: string;
}

export function article(f: ArticleFixture = {}): string {
  const pmid = f.pmid === null ? '' : `<PMID${f.pmidAttrs ?? ' Version="1"'}>${f.pmid ?? '90000001'}</PMID>`;
  return (
    `<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">${pmid}` +
    '<DateCompleted><Year>2024</Year><Month>02</Month><Day>03</Day></DateCompleted>' +
    '<DateRevised><Year>2024</Year><Month>3</Month><Day>9</Day></DateRevised>' +
    '<Article PubModel="Print-Electronic"><Journal><ISSN IssnType="Electronic">1234-5678</ISSN>' +
    `<JournalIssue CitedMedium="Internet"><Volume>12</Volume><Issue>3</Issue><PubDate>${f.pubDate ?? '<Year>2024</Year><Month>Jan</Month><Day>5</Day>'}</PubDate></JournalIssue>` +
    '<Title>Fixture journal of vagus nerve stimulation</Title><ISOAbbreviation>Fixture J VNS</ISOAbbreviation></Journal>' +
    `<ArticleTitle>${f.title ?? '[Fixture] Breathwork and heart rate variability.'}</ArticleTitle>` +
    '<Pagination><StartPage>026002</StartPage><MedlinePgn>026002</MedlinePgn></Pagination>' +
    `<Abstract>${f.abstract ?? '<AbstractText>[Fixture] A plain abstract.</AbstractText>'}</Abstract>` +
    (f.authors ??
      '<AuthorList CompleteYN="Y"><Author ValidYN="Y"><LastName>Fixture</LastName><ForeName>Ada</ForeName><Initials>A</Initials></Author></AuthorList>') +
    '<Language>eng</Language><PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList>' +
    (f.extraArticle ?? '') +
    '</Article><MedlineJournalInfo><Country>England</Country><MedlineTA>Fixture J VNS</MedlineTA><NlmUniqueID>900000001</NlmUniqueID><ISSNLinking>1234-0000</ISSNLinking></MedlineJournalInfo>' +
    (f.extraCitation ?? '') +
    '</MedlineCitation>' +
    `<PubmedData>${f.pubmedData ?? `<History><PubMedPubDate PubStatus="pubmed"><Year>2024</Year><Month>1</Month><Day>6</Day><Hour>6</Hour><Minute>0</Minute></PubMedPubDate></History><PublicationStatus>ppublish</PublicationStatus><ArticleIdList><ArticleId IdType="pubmed">${f.pmid ?? '90000001'}</ArticleId></ArticleIdList>`}</PubmedData>` +
    '</PubmedArticle>'
  );
}

export function articleSet(...records: string[]): string {
  return (
    '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n' +
    `<PubmedArticleSet>\n${records.join('\n')}\n</PubmedArticleSet>\n`
  );
}

/** A realistic-size record (~4–5 KB): structured abstract, 8 authors, MeSH, keywords, ids. */
export function realisticArticle(n: number): string {
  const pmid = String(90000000 + n);
  const authors = Array.from(
    { length: 8 },
    (_, i) =>
      `<Author ValidYN="Y"><LastName>Fixturson${i}</LastName><ForeName>Kim</ForeName><Initials>K</Initials><Identifier Source="ORCID">0000-0002-1825-009${i}</Identifier><AffiliationInfo><Affiliation>Department ${i}, Fixture University Hospital, Fixture City, Country.</Affiliation></AffiliationInfo></Author>`,
  ).join('');
  const section = (label: string, cat: string) =>
    `<AbstractText Label="${label}" NlmCategory="${cat}">[Fixture] ${label.toLowerCase()} text about transcutaneous auricular vagus nerve stimulation, slow breathing at 6 breaths/min and EMDR in long COVID (n = ${n}; p &lt; 0.05; HRV <i>RMSSD</i> increased by 12 ms, CO<sub>2</sub> stable). Participants completed the protocol over eight weeks with follow-up at 3 and 6 months; adverse events were mild.</AbstractText>`;
  const mesh = [
    'Humans',
    'Vagus Nerve Stimulation',
    'Breathing Exercises',
    'Heart Rate',
    'Post-Acute COVID-19 Syndrome',
    'Eye Movement Desensitization Reprocessing',
  ]
    .map(
      (d, i) =>
        `<MeshHeading><DescriptorName UI="D00000${i}" MajorTopicYN="${i % 2 ? 'Y' : 'N'}">${d}</DescriptorName><QualifierName UI="Q00000${i}" MajorTopicYN="N">therapy</QualifierName></MeshHeading>`,
    )
    .join('');
  return article({
    pmid,
    title: `[Fixture] Effect of <i>taVNS</i> and paced breathing on HRV in long COVID: randomised trial ${n}.`,
    abstract:
      ['BACKGROUND', 'OBJECTIVE', 'METHODS', 'RESULTS', 'CONCLUSIONS'].map((l) => section(l, l)).join('') +
      '<CopyrightInformation>© 2024 Fixture authors.</CopyrightInformation>',
    authors: `<AuthorList CompleteYN="Y">${authors}</AuthorList>`,
    extraArticle: '<ArticleDate DateType="Electronic"><Year>2024</Year><Month>01</Month><Day>02</Day></ArticleDate>',
    extraCitation: `<MeshHeadingList>${mesh}</MeshHeadingList><KeywordList Owner="NOTNLM"><Keyword MajorTopicYN="N">vagus nerve</Keyword><Keyword MajorTopicYN="N">breathwork</Keyword><Keyword MajorTopicYN="N">HRV</Keyword></KeywordList>`,
    pubmedData: `<History><PubMedPubDate PubStatus="received"><Year>2023</Year><Month>10</Month><Day>1</Day></PubMedPubDate><PubMedPubDate PubStatus="pubmed"><Year>2024</Year><Month>1</Month><Day>6</Day></PubMedPubDate></History><PublicationStatus>ppublish</PublicationStatus><ArticleIdList><ArticleId IdType="pubmed">${pmid}</ArticleId><ArticleId IdType="doi">10.9999/fixture.${n}</ArticleId><ArticleId IdType="pii">S0000-${n}</ArticleId></ArticleIdList>`,
  });
}
