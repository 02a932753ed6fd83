import { describe, expect, it } from 'vitest';
import { parsePubmedXml } from './index.ts';
import { article, articleSet } from './test-fixtures.ts';

const one = (xml: string) => {
  const result = parsePubmedXml(articleSet(xml));
  expect(result.errors).toEqual([]);
  expect(result.records).toHaveLength(1);
  return result.records[0]!;
};

describe('mixed content keeps its text in order', () => {
  it('keeps inline tags in markup and plain text in text', () => {
    const r = one(article({ title: '[Fixture] <i>Homo sapiens</i> CO<sub>2</sub> and Ca<sup>2+</sup> <b>bold</b> <u>under</u> end.' }));
    expect(r.title.text).toBe('[Fixture] Homo sapiens CO2 and Ca2+ bold under end.');
    expect(r.title.markup).toBe('[Fixture] <i>Homo sapiens</i> CO<sub>2</sub> and Ca<sup>2+</sup> <b>bold</b> <u>under</u> end.');
  });

  it('reduces MathML to its text and keeps the surrounding order', () => {
    const r = one(
      article({
        abstract:
          '<AbstractText>[Fixture] slope <mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML">\n  <mml:mrow>\n    <mml:mi>V</mml:mi>\n    <mml:msub><mml:mi>O</mml:mi><mml:mn>2</mml:mn></mml:msub>\n  </mml:mrow>\n</mml:math> rose.</AbstractText>',
      }),
    );
    expect(r.abstract?.text).toBe('[Fixture] slope VO2 rose.');
    expect(r.abstract?.markup).toBe('[Fixture] slope VO2 rose.');
  });

  it('keeps escaped markup-like text escaped', () => {
    const r = one(article({ title: '[Fixture] &lt;script&gt;alert("x")&lt;/script&gt; &amp; <i>ok</i>' }));
    expect(r.title.text).toBe('[Fixture] <script>alert("x")</script> & ok');
    expect(r.title.markup).toBe('[Fixture] &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <i>ok</i>');
  });

  it('drops unknown tags but keeps their text', () => {
    const r = one(article({ title: '[Fixture] a <span class="x">b</span> c' }));
    expect(r.title).toEqual({ text: '[Fixture] a b c', markup: '[Fixture] a b c' });
  });
});

describe('values stay as given', () => {
  it('keeps numbers as strings', () => {
    const r = one(article({ pmid: '0012345' }));
    expect(r.pmid).toBe('0012345');
    expect(r.pages).toBe('026002');
    expect(r.volume).toBe('12');
  });

  it('decodes named and numeric entities exactly once', () => {
    const r = one(article({ title: '[Fixture] &#x3b1;-&#946; &amp;lt; &quot;q&quot; &apos;a&apos; &#x1D400;' }));
    expect(r.title.text).toBe('[Fixture] α-β &lt; "q" \'a\' 𝐀');
  });

  it('treats single elements as lists', () => {
    const r = one(article());
    expect(r.authors).toHaveLength(1);
    expect(r.languages).toEqual(['eng']);
    expect(r.publicationTypes).toEqual([{ name: 'Journal Article', ui: 'D016428' }]);
    expect(r.abstractSections).toHaveLength(1);
    expect(r.history).toEqual([{ status: 'pubmed', date: '2024-01-06' }]);
  });

  it('keeps the record XML exactly as in the source', () => {
    const xml = article({ title: '[Fixture] raw &amp; <i>exact</i>' });
    expect(one(xml).rawXml).toBe(xml);
    expect(one(xml).rawFormat).toBe('xml');
  });
});

describe('publication dates', () => {
  const date = (pubDate: string) => one(article({ pubDate })).publicationDate;
  it('Year/Month/Day', () => {
    expect(date('<Year>2024</Year><Month>Jan</Month><Day>5</Day>')).toEqual({
      year: 2024,
      month: 'Jan',
      day: '5',
      season: null,
      medlineDate: null,
      sortable: '2024-01-05',
    });
    expect(date('<Year>2024</Year><Month>11</Month>').sortable).toBe('2024-11');
    expect(date('<Year>2024</Year>').sortable).toBe('2024');
  });
  it('Season', () => {
    expect(date('<Year>2000</Year><Season>Spring</Season>')).toMatchObject({ year: 2000, month: null, season: 'Spring', sortable: '2000' });
    expect(date('<Year>2016</Year><Season>Jul-Aug</Season>')).toMatchObject({ month: 'Jul', season: 'Jul-Aug', sortable: '2016-07' });
  });
  it.each([
    ['1998 Dec-1999 Jan', 1998, 'Dec', '1998-12'],
    ['2019 May - Jun', 2019, 'May', '2019-05'],
    ['2000 Spring', 2000, null, '2000'],
    ['1975-1976', 1975, null, '1975'],
    ['2019 May/June', 2019, 'May', '2019-05'],
  ])('MedlineDate %s', (text, year, month, sortable) => {
    expect(date(`<MedlineDate>${text}</MedlineDate>`)).toMatchObject({ year, month, medlineDate: text, sortable });
  });
  it('electronic, completed, revised dates as ISO', () => {
    const r = one(
      article({ extraArticle: '<ArticleDate DateType="Electronic"><Year>2023</Year><Month>12</Month><Day>24</Day></ArticleDate>' }),
    );
    expect(r.electronicDate).toBe('2023-12-24');
    expect(r.dateCompleted).toBe('2024-02-03');
    expect(r.dateRevised).toBe('2024-03-09');
  });
});

describe('authors', () => {
  const authors = `<AuthorList CompleteYN="Y">
    <Author ValidYN="Y"><LastName>Fixture</LastName><ForeName>Ada B</ForeName><Initials>AB</Initials><Suffix>Jr</Suffix>
      <Identifier Source="ORCID">https://orcid.org/0000-0002-1825-009X</Identifier>
      <AffiliationInfo><Affiliation>[Fixture] Dept A.</Affiliation></AffiliationInfo>
      <AffiliationInfo><Affiliation>[Fixture] Dept B.</Affiliation></AffiliationInfo></Author>
    <Author ValidYN="Y"><LastName>Onlylast</LastName><Identifier Source="ORCID">0000000218250097</Identifier></Author>
    <Author ValidYN="Y"><CollectiveName>[Fixture] EMDR Study Group</CollectiveName></Author>
    <Author ValidYN="N"><LastName>Withdrawn</LastName><ForeName>Wes</ForeName></Author>
  </AuthorList>`;
  const investigators =
    '<InvestigatorList><Investigator ValidYN="Y"><LastName>Invest</LastName><ForeName>Ivy</ForeName><Initials>I</Initials></Investigator></InvestigatorList>';

  it('keeps order, kinds, validity, affiliations, ORCID, then investigators', () => {
    const r = one(article({ authors, extraCitation: investigators }));
    expect(r.authors.map((a) => a.lastName ?? a.collectiveName)).toEqual([
      'Fixture',
      'Onlylast',
      '[Fixture] EMDR Study Group',
      'Withdrawn',
      'Invest',
    ]);
    expect(r.authors[0]).toEqual({
      lastName: 'Fixture',
      foreName: 'Ada B',
      initials: 'AB',
      suffix: 'Jr',
      collectiveName: null,
      orcid: '0000-0002-1825-009X',
      affiliations: ['[Fixture] Dept A.', '[Fixture] Dept B.'],
      valid: true,
      investigator: false,
    });
    expect(r.authors[1]).toMatchObject({ foreName: null, orcid: '0000-0002-1825-0097' });
    expect(r.authors[2]).toMatchObject({ lastName: null, collectiveName: '[Fixture] EMDR Study Group' });
    expect(r.authors[3]!.valid).toBe(false);
    expect(r.authors[4]).toMatchObject({ investigator: true, foreName: 'Ivy' });
  });

  it('parses 15,000 investigators in linear time', () => {
    const investigators = (n: number) =>
      Array.from(
        { length: n },
        (_, i) =>
          `<Investigator ValidYN="Y"><LastName>Inv${i}</LastName><ForeName>F</ForeName><Initials>F</Initials><AffiliationInfo><Affiliation>[Fixture] Site ${i}</Affiliation></AffiliationInfo></Investigator>`,
      ).join('');
    const timed = (n: number) => {
      const xml = article({ extraCitation: `<InvestigatorList>${investigators(n)}</InvestigatorList>` });
      const started = performance.now();
      const r = one(xml);
      return { r, ms: performance.now() - started };
    };
    timed(1500); // warm up
    const small = timed(1500);
    const { r, ms } = timed(15000);
    expect(r.authors).toHaveLength(15001);
    expect(r.authors[15000]!.lastName).toBe('Inv14999');
    // Ten times the investigators must cost about ten times as much, not a hundred (quadratic);
    // a ratio, unlike a wall-clock bound, holds on a busy machine.
    expect(ms / Math.max(small.ms, 1)).toBeLessThan(40);
  }, 60_000);

  it('gives a pre-2014 Article/Affiliation to the first author', () => {
    const r = one(article({ extraArticle: '<Affiliation>[Fixture] Old-style affiliation.</Affiliation>' }));
    expect(r.authors[0]!.affiliations).toEqual(['[Fixture] Old-style affiliation.']);
  });
});

describe('identifiers', () => {
  it('prefers the ArticleIdList doi, keeps pmc and every pair, reads PMID Version', () => {
    const r = one(
      article({
        pmidAttrs: ' Version="2"',
        extraArticle:
          '<ELocationID EIdType="doi" ValidYN="Y">10.9999/eloc</ELocationID><ELocationID EIdType="pii" ValidYN="Y">e123</ELocationID>',
        pubmedData:
          '<ArticleIdList><ArticleId IdType="pubmed">90000001</ArticleId><ArticleId IdType="doi">10.9999/list</ArticleId><ArticleId IdType="pmc">PMC1234567</ArticleId></ArticleIdList>',
      }),
    );
    expect(r.pmidVersion).toBe(2);
    expect(r.doi).toBe('10.9999/list');
    expect(r.pmcId).toBe('PMC1234567');
    expect(r.articleIds).toEqual([
      { type: 'pubmed', value: '90000001' },
      { type: 'doi', value: '10.9999/list' },
      { type: 'pmc', value: 'PMC1234567' },
      { type: 'doi', value: '10.9999/eloc' },
      { type: 'pii', value: 'e123' },
    ]);
    // The publisher's ELocationIDs alone: a pii there is an article number a citation needs.
    expect(r.eLocationIds).toEqual([
      { type: 'doi', value: '10.9999/eloc' },
      { type: 'pii', value: 'e123' },
    ]);
  });
  it('leaves ELocationIDs marked ValidYN="N" out of eLocationIds', () => {
    const r = one(article({ extraArticle: '<ELocationID EIdType="pii" ValidYN="N">e999</ELocationID>' }));
    expect(r.eLocationIds).toEqual([]);
  });
  it('falls back to the ELocationID doi; PMID version defaults to 1', () => {
    const r = one(article({ pmidAttrs: '', extraArticle: '<ELocationID EIdType="doi" ValidYN="Y">10.9999/eloc</ELocationID>' }));
    expect(r.doi).toBe('10.9999/eloc');
    expect(r.pmidVersion).toBe(1);
  });
});

describe('abstracts, lists and corrections', () => {
  it('structured abstract sections, joined whole, copyright, other abstract', () => {
    const r = one(
      article({
        abstract:
          '<AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">[Fixture] Why <i>this</i>.</AbstractText><AbstractText Label="Results" NlmCategory="RESULTS">[Fixture] p &lt; 0.05.</AbstractText><CopyrightInformation>© 2024 Fixture.</CopyrightInformation>',
        extraCitation: '<OtherAbstract Type="Publisher" Language="spa"><AbstractText>[Fixture] Resumen.</AbstractText></OtherAbstract>',
      }),
    );
    expect(r.abstractSections).toEqual([
      { label: 'BACKGROUND', nlmCategory: 'BACKGROUND', text: '[Fixture] Why this.', markup: '[Fixture] Why <i>this</i>.' },
      { label: 'Results', nlmCategory: 'RESULTS', text: '[Fixture] p < 0.05.', markup: '[Fixture] p &lt; 0.05.' },
    ]);
    expect(r.abstract).toEqual({
      text: 'BACKGROUND: [Fixture] Why this.\n\nResults: [Fixture] p < 0.05.',
      markup: 'BACKGROUND: [Fixture] Why <i>this</i>.\n\nResults: [Fixture] p &lt; 0.05.',
    });
    expect(r.copyright).toBe('© 2024 Fixture.');
    expect(r.otherAbstracts).toEqual([
      {
        type: 'Publisher',
        language: 'spa',
        sections: [{ label: null, nlmCategory: null, text: '[Fixture] Resumen.', markup: '[Fixture] Resumen.' }],
      },
    ]);
  });

  it('DataBankList: trial registries with their accession numbers (the registration ids NLM linked)', () => {
    const r = one(
      article({
        extraArticle:
          '<DataBankList CompleteYN="Y"><DataBank><DataBankName>ClinicalTrials.gov</DataBankName><AccessionNumberList><AccessionNumber>NCT09990001</AccessionNumber><AccessionNumber>NCT09990002</AccessionNumber></AccessionNumberList></DataBank>' +
          '<DataBank><DataBankName>ISRCTN</DataBankName><AccessionNumberList><AccessionNumber>ISRCTN99900001</AccessionNumber></AccessionNumberList></DataBank>' +
          '<DataBank><DataBankName>Dryad</DataBankName></DataBank></DataBankList>',
      }),
    );
    expect(r.dataBanks).toEqual([
      { name: 'ClinicalTrials.gov', accessionNumbers: ['NCT09990001', 'NCT09990002'] },
      { name: 'ISRCTN', accessionNumbers: ['ISRCTN99900001'] },
      { name: 'Dryad', accessionNumbers: [] },
    ]);
  });

  it('no DataBankList → no data banks', () => {
    expect(one(article({})).dataBanks).toEqual([]);
  });

  it('no abstract → null', () => {
    const r = one(article({ abstract: '' }).replace('<Abstract></Abstract>', ''));
    expect(r.abstract).toBeNull();
    expect(r.abstractSections).toEqual([]);
  });

  it('vernacular title, languages, publication types, MeSH, keywords, comments/corrections', () => {
    const r = one(
      article({
        extraArticle: '<Language>spa</Language><VernacularTitle>[Fixture] Respiración <i>lenta</i>.</VernacularTitle>',
        extraCitation:
          '<CommentsCorrectionsList><CommentsCorrections RefType="RetractionIn"><RefSource>Fixture J. 2024;1:1</RefSource><PMID Version="1">90000099</PMID></CommentsCorrections><CommentsCorrections RefType="ErratumIn"><RefSource>Fixture J. 2024;1:2</RefSource></CommentsCorrections></CommentsCorrectionsList>' +
          '<MeshHeadingList><MeshHeading><DescriptorName UI="D000001" MajorTopicYN="Y">Vagus Nerve Stimulation</DescriptorName><QualifierName UI="Q000628" MajorTopicYN="N">therapy</QualifierName><QualifierName UI="Q000379" MajorTopicYN="Y">methods</QualifierName></MeshHeading><MeshHeading><DescriptorName UI="D006801" MajorTopicYN="N">Humans</DescriptorName></MeshHeading></MeshHeadingList>' +
          '<KeywordList Owner="NOTNLM"><Keyword MajorTopicYN="N">EFT</Keyword><Keyword MajorTopicYN="Y">tapping</Keyword></KeywordList>',
      }),
    );
    expect(r.vernacularTitle).toBe('[Fixture] Respiración lenta.');
    expect(r.languages).toEqual(['eng', 'spa']);
    expect(r.mesh).toEqual([
      {
        descriptor: 'Vagus Nerve Stimulation',
        descriptorUi: 'D000001',
        majorTopic: true,
        qualifiers: [
          { name: 'therapy', ui: 'Q000628', majorTopic: false },
          { name: 'methods', ui: 'Q000379', majorTopic: true },
        ],
      },
      { descriptor: 'Humans', descriptorUi: 'D006801', majorTopic: false, qualifiers: [] },
    ]);
    expect(r.keywords).toEqual([
      { keyword: 'EFT', majorTopic: false, owner: 'NOTNLM' },
      { keyword: 'tapping', majorTopic: true, owner: 'NOTNLM' },
    ]);
    expect(r.commentsCorrections).toEqual([
      { refType: 'RetractionIn', refSource: 'Fixture J. 2024;1:1', pmid: '90000099' },
      { refType: 'ErratumIn', refSource: 'Fixture J. 2024;1:2', pmid: null },
    ]);
    expect(r.journal).toEqual({
      title: 'Fixture journal of vagus nerve stimulation',
      isoAbbreviation: 'Fixture J VNS',
      issn: '1234-5678',
      issnType: 'Electronic',
      issnLinking: '1234-0000',
      nlmUniqueId: '900000001',
    });
  });
});

describe('document shapes', () => {
  it('book articles', () => {
    const book = `<PubmedBookArticle><BookDocument><PMID Version="1">90000010</PMID><ArticleIdList><ArticleId IdType="bookaccession">NBK900010</ArticleId></ArticleIdList>
      <Book><Publisher><PublisherName>Fixture Press</PublisherName><PublisherLocation>Seattle (WA)</PublisherLocation></Publisher><BookTitle book="fixture">[Fixture] Book of <i>breath</i></BookTitle><PubDate><Year>2020</Year><Month>03</Month></PubDate>
      <AuthorList Type="editors"><Author ValidYN="Y"><LastName>Editor</LastName></Author></AuthorList></Book>
      <ArticleTitle book="fixture" part="ch1">[Fixture] Chapter one</ArticleTitle><Language>eng</Language>
      <AuthorList Type="authors"><Author ValidYN="Y"><LastName>Writer</LastName><ForeName>W</ForeName></Author></AuthorList>
      <PublicationType UI="D016454">Review</PublicationType>
      <Abstract><AbstractText Label="SUMMARY">[Fixture] Summary.</AbstractText></Abstract></BookDocument>
      <PubmedBookData><History><PubMedPubDate PubStatus="pubmed"><Year>2020</Year><Month>3</Month><Day>1</Day></PubMedPubDate></History><PublicationStatus>ppublish</PublicationStatus><ArticleIdList><ArticleId IdType="pubmed">90000010</ArticleId></ArticleIdList></PubmedBookData></PubmedBookArticle>`;
    const r = one(book);
    expect(r.kind).toBe('book');
    expect(r.title.text).toBe('[Fixture] Chapter one');
    expect(r.book).toEqual({
      title: '[Fixture] Book of breath',
      publisher: 'Fixture Press, Seattle (WA)',
      publisherName: 'Fixture Press',
      publisherLocation: 'Seattle (WA)',
      chapterTitle: '[Fixture] Chapter one',
    });
    expect(r.authors.map((a) => a.lastName)).toEqual(['Writer']);
    expect(r.publicationTypes).toEqual([{ name: 'Review', ui: 'D016454' }]);
    expect(r.publicationDate.sortable).toBe('2020-03');
    expect(r.articleIds).toEqual([
      { type: 'bookaccession', value: 'NBK900010' },
      { type: 'pubmed', value: '90000010' },
    ]);
    expect(r.history).toEqual([{ status: 'pubmed', date: '2020-03-01' }]);
  });

  it('DeleteCitation → deletions with versions', () => {
    const result = parsePubmedXml(
      articleSet(article(), '<DeleteCitation><PMID Version="1">90000020</PMID><PMID Version="2">90000021</PMID></DeleteCitation>'),
    );
    expect(result.records).toHaveLength(1);
    expect(result.deletions).toEqual([
      { pmid: '90000020', pmidVersion: 1 },
      { pmid: '90000021', pmidVersion: 2 },
    ]);
  });

  it('bare PubmedArticle root, with or without a prolog', () => {
    expect(parsePubmedXml(article()).records[0]!.pmid).toBe('90000001');
    expect(parsePubmedXml(`<?xml version="1.0"?>\n<!DOCTYPE PubmedArticle PUBLIC "x" "y">\n${article()}\n`).records).toHaveLength(1);
  });

  it('legacy MedlineCitationSet', () => {
    const citation = article()
      .replace(/^<PubmedArticle>/, '')
      .replace(/<PubmedData>.*<\/PubmedArticle>$/, '');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE MedlineCitationSet PUBLIC "-//NLM//DTD Medline Citation, 1st January 2006//EN" "x.dtd">\n<MedlineCitationSet>\n${citation}\n${citation.replace('90000001', '90000002')}\n</MedlineCitationSet>`;
    const result = parsePubmedXml(xml);
    expect(result.records.map((r) => r.pmid)).toEqual(['90000001', '90000002']);
    expect(result.records[0]!.rawXml).toBe(citation);
  });

  it('DOCTYPE with an internal subset and comments between records', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE PubmedArticleSet [ <!ENTITY x "y"> ]><!-- c --><PubmedArticleSet><!-- between -->${article()}</PubmedArticleSet><!-- end -->`;
    expect(parsePubmedXml(xml).records).toHaveLength(1);
  });

  it('empty article set (unavailable PMID) → no records', () => {
    expect(parsePubmedXml('<?xml version="1.0"?>\n<PubmedArticleSet></PubmedArticleSet>')).toEqual({
      records: [],
      deletions: [],
      errors: [],
    });
    expect(parsePubmedXml('<PubmedArticleSet/>').records).toEqual([]);
  });
});
