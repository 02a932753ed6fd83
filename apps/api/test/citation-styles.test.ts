// APA 7 and Vancouver (NLM Citing Medicine) references for varied synthetic records, ingested by the
// real import command and read through GET /api/export (the path the dashboard's copy buttons take).
// Every expected string was written by hand from the style rules, not taken from the code's output.
// RIS and BibTeX of the same records are read back by independent parsers (citation-js's RIS input,
// @retorquere/bibtex-parser).
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { createTestDatabase } from '@evidence/schema/testing';
import { ingestCommandPath } from '@evidence/test-corpus';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { articleXml, bookXml, type ArticleSpec, type BookSpec } from './citation-records.ts';

const NATO = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliett', 'Kilo', 'Lima', 'Mike'];
const MORE = ['November', 'Oscar', 'Papa', 'Quebec', 'Romeo', 'Sierra', 'Tango', 'Uniform'];
/** Person authors with initials only (no ForeName): "Alpha||A". */
const initialsOnly = (names: string[]) => names.map((name) => `${name}||${name[0]}`);

interface Case {
  name: string;
  record: { article: ArticleSpec } | { book: BookSpec };
  apa: string;
  vancouver: string;
}

const CASES: Case[] = [
  {
    name: 'two authors, full date, NLM-elided pages, DOI',
    record: {
      article: {
        pmid: 90001001,
        title: '[Fixture] Synthetic trial of paced breathing.',
        keywords: ['[Fixture] paced breathing', 'synthetic data'],
      },
    },
    apa: 'Example, A. B., & Sample, B. (2020). [Fixture] Synthetic trial of paced breathing. Fixture Journal of Synthetic Medicine, 12(3), 123–128. https://doi.org/10.5555/fixture.90001001',
    vancouver:
      'Example AB, Sample B. [Fixture] Synthetic trial of paced breathing. Fixture J Synth Med. 2020 Feb 25;12(3):123-8. doi:10.5555/fixture.90001001. PMID: 90001001.',
  },
  {
    name: 'one author, pages given in full by the publisher, month without day',
    record: {
      article: {
        pmid: 90001002,
        title: '[Fixture] Synthetic cohort of long page ranges.',
        authors: ['Solo|Carla|C'],
        volume: '40',
        issue: '11',
        pubDate: '<Year>2019</Year><Month>Nov</Month>',
        medlinePgn: '1199-1203',
      },
    },
    apa: 'Solo, C. (2019). [Fixture] Synthetic cohort of long page ranges. Fixture Journal of Synthetic Medicine, 40(11), 1199–1203. https://doi.org/10.5555/fixture.90001002',
    vancouver:
      'Solo C. [Fixture] Synthetic cohort of long page ranges. Fixture J Synth Med. 2019 Nov;40(11):1199-203. doi:10.5555/fixture.90001002. PMID: 90001002.',
  },
  {
    name: 'article number only as an ELocationID pii (no MedlinePgn), beside an ArticleIdList pii',
    record: {
      article: {
        pmid: 90001003,
        title: '[Fixture] Synthetic article number study.',
        volume: '5',
        issue: '3',
        pubDate: '<Year>2015</Year><Month>Mar</Month><Day>4</Day>',
        medlinePgn: null,
        eLocations: [
          ['doi', '10.5555/fixture.90001003'],
          ['pii', 'e006094'],
        ],
        articleIds: [
          ['pii', 'fixturejsm-2015-006094'],
          ['doi', '10.5555/fixture.90001003'],
        ],
      },
    },
    apa: 'Example, A. B., & Sample, B. (2015). [Fixture] Synthetic article number study. Fixture Journal of Synthetic Medicine, 5(3), Article e006094. https://doi.org/10.5555/fixture.90001003',
    vancouver:
      'Example AB, Sample B. [Fixture] Synthetic article number study. Fixture J Synth Med. 2015 Mar 4;5(3):e006094. doi:10.5555/fixture.90001003. PMID: 90001003.',
  },
  {
    name: 'article number in MedlinePgn and the ELocationID, volume without issue',
    record: {
      article: {
        pmid: 90001004,
        title: '[Fixture] Synthetic numbered article.',
        volume: '21',
        issue: null,
        pubDate: '<Year>2024</Year><Month>Jan</Month>',
        medlinePgn: '026002',
        eLocations: [['pii', '026002']],
      },
    },
    apa: 'Example, A. B., & Sample, B. (2024). [Fixture] Synthetic numbered article. Fixture Journal of Synthetic Medicine, 21, Article 026002. https://doi.org/10.5555/fixture.90001004',
    vancouver:
      'Example AB, Sample B. [Fixture] Synthetic numbered article. Fixture J Synth Med. 2024 Jan;21:026002. doi:10.5555/fixture.90001004. PMID: 90001004.',
  },
  {
    name: 'group author only, year-only date, pages 1-10',
    record: {
      article: {
        pmid: 90001005,
        title: '[Fixture] Pooled synthetic outcomes.',
        authors: ['#Fixture Synthetic Trials Collaborative'],
        volume: '7',
        issue: '1',
        pubDate: '<Year>2019</Year>',
        medlinePgn: '1-10',
      },
    },
    apa: 'Fixture Synthetic Trials Collaborative. (2019). [Fixture] Pooled synthetic outcomes. Fixture Journal of Synthetic Medicine, 7(1), 1–10. https://doi.org/10.5555/fixture.90001005',
    vancouver:
      'Fixture Synthetic Trials Collaborative. [Fixture] Pooled synthetic outcomes. Fixture J Synth Med. 2019;7(1):1-10. doi:10.5555/fixture.90001005. PMID: 90001005.',
  },
  {
    name: 'persons and a group author mixed',
    record: {
      article: {
        pmid: 90001006,
        title: '[Fixture] Mixed synthetic authorship.',
        authors: ['Alpha|Ann|A', '#Fixture Study Group', 'Beta|Ben Carl|BC'],
      },
    },
    apa: 'Alpha, A., Fixture Study Group, & Beta, B. C. (2020). [Fixture] Mixed synthetic authorship. Fixture Journal of Synthetic Medicine, 12(3), 123–128. https://doi.org/10.5555/fixture.90001006',
    vancouver:
      'Alpha A, Fixture Study Group, Beta BC. [Fixture] Mixed synthetic authorship. Fixture J Synth Med. 2020 Feb 25;12(3):123-8. doi:10.5555/fixture.90001006. PMID: 90001006.',
  },
  {
    name: 'six authors: Vancouver lists all six',
    record: { article: { pmid: 90001007, title: '[Fixture] Six synthetic authors.', authors: initialsOnly(NATO.slice(0, 6)) } },
    apa: 'Alpha, A., Bravo, B., Charlie, C., Delta, D., Echo, E., & Foxtrot, F. (2020). [Fixture] Six synthetic authors. Fixture Journal of Synthetic Medicine, 12(3), 123–128. https://doi.org/10.5555/fixture.90001007',
    vancouver:
      'Alpha A, Bravo B, Charlie C, Delta D, Echo E, Foxtrot F. [Fixture] Six synthetic authors. Fixture J Synth Med. 2020 Feb 25;12(3):123-8. doi:10.5555/fixture.90001007. PMID: 90001007.',
  },
  {
    name: 'seven authors: Vancouver gives the first six and et al.',
    record: { article: { pmid: 90001008, title: '[Fixture] Seven synthetic authors.', authors: initialsOnly(NATO.slice(0, 7)) } },
    apa: 'Alpha, A., Bravo, B., Charlie, C., Delta, D., Echo, E., Foxtrot, F., & Golf, G. (2020). [Fixture] Seven synthetic authors. Fixture Journal of Synthetic Medicine, 12(3), 123–128. https://doi.org/10.5555/fixture.90001008',
    vancouver:
      'Alpha A, Bravo B, Charlie C, Delta D, Echo E, Foxtrot F, et al. [Fixture] Seven synthetic authors. Fixture J Synth Med. 2020 Feb 25;12(3):123-8. doi:10.5555/fixture.90001008. PMID: 90001008.',
  },
  {
    name: 'twenty authors: APA lists all twenty',
    record: {
      article: { pmid: 90001009, title: '[Fixture] Twenty synthetic authors.', authors: initialsOnly([...NATO, ...MORE].slice(0, 20)) },
    },
    apa: 'Alpha, A., Bravo, B., Charlie, C., Delta, D., Echo, E., Foxtrot, F., Golf, G., Hotel, H., India, I., Juliett, J., Kilo, K., Lima, L., Mike, M., November, N., Oscar, O., Papa, P., Quebec, Q., Romeo, R., Sierra, S., & Tango, T. (2020). [Fixture] Twenty synthetic authors. Fixture Journal of Synthetic Medicine, 12(3), 123–128. https://doi.org/10.5555/fixture.90001009',
    vancouver:
      'Alpha A, Bravo B, Charlie C, Delta D, Echo E, Foxtrot F, et al. [Fixture] Twenty synthetic authors. Fixture J Synth Med. 2020 Feb 25;12(3):123-8. doi:10.5555/fixture.90001009. PMID: 90001009.',
  },
  {
    name: 'twenty-one authors: APA gives the first 19, an ellipsis and the last',
    record: { article: { pmid: 90001010, title: '[Fixture] Twenty-one synthetic authors.', authors: initialsOnly([...NATO, ...MORE]) } },
    apa: 'Alpha, A., Bravo, B., Charlie, C., Delta, D., Echo, E., Foxtrot, F., Golf, G., Hotel, H., India, I., Juliett, J., Kilo, K., Lima, L., Mike, M., November, N., Oscar, O., Papa, P., Quebec, Q., Romeo, R., Sierra, S., . . . Uniform, U. (2020). [Fixture] Twenty-one synthetic authors. Fixture Journal of Synthetic Medicine, 12(3), 123–128. https://doi.org/10.5555/fixture.90001010',
    vancouver:
      'Alpha A, Bravo B, Charlie C, Delta D, Echo E, Foxtrot F, et al. [Fixture] Twenty-one synthetic authors. Fixture J Synth Med. 2020 Feb 25;12(3):123-8. doi:10.5555/fixture.90001010. PMID: 90001010.',
  },
  {
    name: 'no pages (in an issue, no location given)',
    record: {
      article: {
        pmid: 90001011,
        title: '[Fixture] Synthetic record without pages.',
        volume: '4',
        issue: '2',
        pubDate: '<Year>2021</Year><Month>Jun</Month>',
        medlinePgn: null,
      },
    },
    apa: 'Example, A. B., & Sample, B. (2021). [Fixture] Synthetic record without pages. Fixture Journal of Synthetic Medicine, 4(2). https://doi.org/10.5555/fixture.90001011',
    vancouver:
      'Example AB, Sample B. [Fixture] Synthetic record without pages. Fixture J Synth Med. 2021 Jun;4(2). doi:10.5555/fixture.90001011. PMID: 90001011.',
  },
  {
    name: 'ahead of print: no volume, issue or pages, published online',
    record: {
      article: {
        pmid: 90001012,
        title: '[Fixture] Synthetic early release.',
        volume: null,
        issue: null,
        medlinePgn: null,
        pubDate: '<Year>2024</Year><Month>Nov</Month><Day>5</Day>',
        articleDate: '<Year>2024</Year><Month>11</Month><Day>05</Day>',
      },
    },
    apa: 'Example, A. B., & Sample, B. (2024). [Fixture] Synthetic early release. Fixture Journal of Synthetic Medicine. Advance online publication. https://doi.org/10.5555/fixture.90001012',
    vancouver:
      'Example AB, Sample B. [Fixture] Synthetic early release. Fixture J Synth Med. 2024 Nov 5. [Epub ahead of print]. doi:10.5555/fixture.90001012. PMID: 90001012.',
  },
  {
    name: 'ahead of print with a publisher item identifier (not an article number) and no DOI',
    record: {
      article: {
        pmid: 90001013,
        title: '[Fixture] Synthetic preprint-like release.',
        volume: null,
        issue: null,
        medlinePgn: null,
        pubDate: '<Year>2024</Year><Month>Oct</Month><Day>1</Day>',
        articleDate: '<Year>2024</Year><Month>10</Month><Day>01</Day>',
        eLocations: [['pii', 'S9999-0000(24)00001-X']],
        articleIds: [['pii', 'S9999-0000(24)00001-X']],
      },
    },
    apa: 'Example, A. B., & Sample, B. (2024). [Fixture] Synthetic preprint-like release. Fixture Journal of Synthetic Medicine. Advance online publication.',
    vancouver:
      'Example AB, Sample B. [Fixture] Synthetic preprint-like release. Fixture J Synth Med. 2024 Oct 1. [Epub ahead of print]. PMID: 90001013.',
  },
  {
    name: 'German article: original title, translation in brackets; Vancouver ends with the language',
    record: {
      article: {
        pmid: 90001014,
        title: '[[Fixture] Synthetic study of fatigue in choirs].',
        vernacularTitle: '[Fixture] Synthetische Studie zur Müdigkeit in Chören.',
        languages: ['ger'],
      },
    },
    apa: 'Example, A. B., & Sample, B. (2020). [Fixture] Synthetische Studie zur Müdigkeit in Chören [[Fixture] Synthetic study of fatigue in choirs]. Fixture Journal of Synthetic Medicine, 12(3), 123–128. https://doi.org/10.5555/fixture.90001014',
    vancouver:
      'Example AB, Sample B. [Fixture] Synthetische Studie zur Müdigkeit in Chören [[Fixture] Synthetic study of fatigue in choirs]. Fixture J Synth Med. 2020 Feb 25;12(3):123-8. doi:10.5555/fixture.90001014. PMID: 90001014. German.',
  },
  {
    name: 'Japanese article with a non-Latin original title: the translation alone, in brackets',
    record: {
      article: {
        pmid: 90001015,
        title: '[[Fixture] Synthetic fatigue survey].',
        vernacularTitle: '[Fixture] 合成疲労調査.',
        languages: ['jpn'],
      },
    },
    apa: 'Example, A. B., & Sample, B. (2020). [[Fixture] Synthetic fatigue survey]. Fixture Journal of Synthetic Medicine, 12(3), 123–128. https://doi.org/10.5555/fixture.90001015',
    vancouver:
      'Example AB, Sample B. [[Fixture] Synthetic fatigue survey]. Fixture J Synth Med. 2020 Feb 25;12(3):123-8. doi:10.5555/fixture.90001015. PMID: 90001015. Japanese.',
  },
  {
    name: 'French article without a VernacularTitle',
    record: { article: { pmid: 90001016, title: '[[Fixture] Synthetic survey of sleep].', languages: ['fre'] } },
    apa: 'Example, A. B., & Sample, B. (2020). [[Fixture] Synthetic survey of sleep]. Fixture Journal of Synthetic Medicine, 12(3), 123–128. https://doi.org/10.5555/fixture.90001016',
    vancouver:
      'Example AB, Sample B. [[Fixture] Synthetic survey of sleep]. Fixture J Synth Med. 2020 Feb 25;12(3):123-8. doi:10.5555/fixture.90001016. PMID: 90001016. French.',
  },
  {
    name: 'empty ArticleTitle, only a VernacularTitle',
    record: {
      article: { pmid: 90001017, title: '', vernacularTitle: '[Fixture] Estudio sintético del sueño.', languages: ['spa'] },
    },
    apa: 'Example, A. B., & Sample, B. (2020). [Fixture] Estudio sintético del sueño. Fixture Journal of Synthetic Medicine, 12(3), 123–128. https://doi.org/10.5555/fixture.90001017',
    vancouver:
      'Example AB, Sample B. [Fixture] Estudio sintético del sueño. Fixture J Synth Med. 2020 Feb 25;12(3):123-8. doi:10.5555/fixture.90001017. PMID: 90001017. Spanish.',
  },
  {
    name: 'no DOI',
    record: { article: { pmid: 90001018, title: '[Fixture] Synthetic record without a DOI.', medlinePgn: '45-52', articleIds: [] } },
    apa: 'Example, A. B., & Sample, B. (2020). [Fixture] Synthetic record without a DOI. Fixture Journal of Synthetic Medicine, 12(3), 45–52.',
    vancouver:
      'Example AB, Sample B. [Fixture] Synthetic record without a DOI. Fixture J Synth Med. 2020 Feb 25;12(3):45-52. PMID: 90001018.',
  },
  {
    name: 'retracted article: marked in the title; NLM adds "Retraction in:"',
    record: {
      article: {
        pmid: 90001019,
        title: '[Fixture] Synthetic retracted trial.',
        publicationTypes: ['Journal Article', 'Retracted Publication'],
        corrections: [{ refType: 'RetractionIn', refSource: 'Fixture J Synth Med. 2022 Jan;14(1):99', pmid: '90001999' }],
      },
    },
    apa: 'Example, A. B., & Sample, B. (2020). [RETRACTED] [Fixture] Synthetic retracted trial. Fixture Journal of Synthetic Medicine, 12(3), 123–128. https://doi.org/10.5555/fixture.90001019',
    vancouver:
      'Example AB, Sample B. [RETRACTED] [Fixture] Synthetic retracted trial. Fixture J Synth Med. 2020 Feb 25;12(3):123-8. doi:10.5555/fixture.90001019. PMID: 90001019. Retraction in: Fixture J Synth Med. 2022 Jan;14(1):99.',
  },
  {
    name: 'erratum: NLM adds "Erratum in:"; APA cites the article as it stands',
    record: {
      article: {
        pmid: 90001020,
        title: '[Fixture] Synthetic corrected trial.',
        corrections: [{ refType: 'ErratumIn', refSource: 'Fixture J Synth Med. 2021 Mar;13(2):200' }],
      },
    },
    apa: 'Example, A. B., & Sample, B. (2020). [Fixture] Synthetic corrected trial. Fixture Journal of Synthetic Medicine, 12(3), 123–128. https://doi.org/10.5555/fixture.90001020',
    vancouver:
      'Example AB, Sample B. [Fixture] Synthetic corrected trial. Fixture J Synth Med. 2020 Feb 25;12(3):123-8. doi:10.5555/fixture.90001020. PMID: 90001020. Erratum in: Fixture J Synth Med. 2021 Mar;13(2):200.',
  },
  {
    name: 'season instead of a month',
    record: {
      article: {
        pmid: 90001021,
        title: '[Fixture] Synthetic seasonal issue.',
        volume: '3',
        issue: '1',
        medlinePgn: '5-9',
        pubDate: '<Year>2018</Year><Season>Spring</Season>',
      },
    },
    apa: 'Example, A. B., & Sample, B. (2018). [Fixture] Synthetic seasonal issue. Fixture Journal of Synthetic Medicine, 3(1), 5–9. https://doi.org/10.5555/fixture.90001021',
    vancouver:
      'Example AB, Sample B. [Fixture] Synthetic seasonal issue. Fixture J Synth Med. 2018 Spring;3(1):5-9. doi:10.5555/fixture.90001021. PMID: 90001021.',
  },
  {
    name: 'MedlineDate spanning two years',
    record: {
      article: {
        pmid: 90001022,
        title: '[Fixture] Synthetic double issue.',
        volume: '10',
        issue: '6',
        medlinePgn: '301-9',
        pubDate: '<MedlineDate>1998 Dec-1999 Jan</MedlineDate>',
      },
    },
    apa: 'Example, A. B., & Sample, B. (1998). [Fixture] Synthetic double issue. Fixture Journal of Synthetic Medicine, 10(6), 301–309. https://doi.org/10.5555/fixture.90001022',
    vancouver:
      'Example AB, Sample B. [Fixture] Synthetic double issue. Fixture J Synth Med. 1998 Dec-1999 Jan;10(6):301-9. doi:10.5555/fixture.90001022. PMID: 90001022.',
  },
  {
    name: "journal with the NLM catalogue's subtitle",
    record: {
      article: {
        pmid: 90001023,
        title: '[Fixture] Synthetic oncology report.',
        journal: 'Journal of synthetic oncology : official journal of the Fixture Society of Oncology',
        iso: 'J Synth Oncol',
      },
    },
    apa: 'Example, A. B., & Sample, B. (2020). [Fixture] Synthetic oncology report. Journal of Synthetic Oncology, 12(3), 123–128. https://doi.org/10.5555/fixture.90001023',
    vancouver:
      'Example AB, Sample B. [Fixture] Synthetic oncology report. J Synth Oncol. 2020 Feb 25;12(3):123-8. doi:10.5555/fixture.90001023. PMID: 90001023.',
  },
  {
    name: 'hyphenated given name and a suffix',
    record: {
      article: { pmid: 90001024, title: '[Fixture] Synthetic names study.', authors: ['Fixture|Jean-Paul|JP|Jr', 'Sample|Bert|B'] },
    },
    apa: 'Fixture, J.-P., Jr., & Sample, B. (2020). [Fixture] Synthetic names study. Fixture Journal of Synthetic Medicine, 12(3), 123–128. https://doi.org/10.5555/fixture.90001024',
    vancouver:
      'Fixture JP Jr, Sample B. [Fixture] Synthetic names study. Fixture J Synth Med. 2020 Feb 25;12(3):123-8. doi:10.5555/fixture.90001024. PMID: 90001024.',
  },
  {
    name: 'a whole book (PubmedBookArticle)',
    record: { book: { pmid: 90001025, bookTitle: '[Fixture] Handbook of synthetic breath', authors: ['Writer|Wendy|W'], year: '2020' } },
    apa: 'Writer, W. (2020). [Fixture] Handbook of synthetic breath. Fixture Press. https://www.ncbi.nlm.nih.gov/books/NBK901025/',
    vancouver: 'Writer W. [Fixture] Handbook of synthetic breath. Seattle (WA): Fixture Press; 2020. PMID: 90001025.',
  },
  {
    name: 'a book chapter (PubmedBookArticle with its own ArticleTitle)',
    record: {
      book: {
        pmid: 90001026,
        bookTitle: '[Fixture] Handbook of synthetic breath',
        chapterTitle: '[Fixture] Chapter on synthetic lungs',
        authors: ['Author|Cora|C'],
        year: '2021',
      },
    },
    apa: 'Author, C. (2021). [Fixture] Chapter on synthetic lungs. In [Fixture] Handbook of synthetic breath. Fixture Press. https://www.ncbi.nlm.nih.gov/books/NBK901026/',
    vancouver:
      'Author C. [Fixture] Chapter on synthetic lungs. In: [Fixture] Handbook of synthetic breath. Seattle (WA): Fixture Press; 2021. PMID: 90001026.',
  },
  {
    name: 'no authors: the title leads',
    record: { article: { pmid: 90001027, title: '[Fixture] Anonymous synthetic editorial.', authors: [] } },
    apa: '[Fixture] Anonymous synthetic editorial. (2020). Fixture Journal of Synthetic Medicine, 12(3), 123–128. https://doi.org/10.5555/fixture.90001027',
    vancouver:
      '[Fixture] Anonymous synthetic editorial. Fixture J Synth Med. 2020 Feb 25;12(3):123-8. doi:10.5555/fixture.90001027. PMID: 90001027.',
  },
  {
    name: 'volume without issue; a title ending in a question mark',
    record: {
      article: {
        pmid: 90001028,
        title: '[Fixture] Does synthetic data breathe?',
        issue: null,
        medlinePgn: '45-9',
        keywords: ['[Fixture] repeated keyword', '[Fixture] repeated keyword'],
      },
    },
    apa: 'Example, A. B., & Sample, B. (2020). [Fixture] Does synthetic data breathe? Fixture Journal of Synthetic Medicine, 12, 45–49. https://doi.org/10.5555/fixture.90001028',
    vancouver:
      'Example AB, Sample B. [Fixture] Does synthetic data breathe? Fixture J Synth Med. 2020 Feb 25;12:45-9. doi:10.5555/fixture.90001028. PMID: 90001028.',
  },
];

/** A record imported as MEDLINE text (.nbib): its ELocationID is an LID line, and there is no PG. */
const MEDLINE_PMID = 90001029;
const MEDLINE_RECORD = `PMID- ${MEDLINE_PMID}
OWN - NLM
STAT- MEDLINE
IS  - 0000-0019 (Electronic)
VI  - 9
IP  - 2
DP  - 2023 Jul 14
TI  - [Fixture] Synthetic MEDLINE-format record.
LID - e012345 [pii]
LID - 10.5555/fixture.${MEDLINE_PMID} [doi]
FAU - Example, Alice Beth
AU  - Example AB
LA  - eng
PT  - Journal Article
TA  - Fixture J Synth Med
JT  - Fixture journal of synthetic medicine
JID - 900000019
AID - 10.5555/fixture.${MEDLINE_PMID} [doi]
AID - e012345 [pii]
`;

const pmidOf = (c: Case) => ('article' in c.record ? c.record.article.pmid : c.record.book.pmid);

let database: ReturnType<typeof createTestDatabase>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = createTestDatabase();
  const file = join(database.dir, 'citation-records.xml');
  const records = CASES.map((c) => ('article' in c.record ? articleXml(c.record.article) : bookXml(c.record.book)));
  writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n${records.join('\n')}\n</PubmedArticleSet>\n`);
  await promisify(execFile)(process.execPath, [ingestCommandPath(), 'import', file, '--json'], {
    env: { ...process.env, DATABASE_URL: database.path },
  });
  const nbib = join(database.dir, 'citation-record.nbib');
  writeFileSync(nbib, MEDLINE_RECORD);
  await promisify(execFile)(process.execPath, [ingestCommandPath(), 'import', nbib, '--json'], {
    env: { ...process.env, DATABASE_URL: database.path },
  });
  app = createApp({ database, studyIndex: false });
});
afterAll(() => database?.remove());

async function exportOf(query: string): Promise<string> {
  const res = await app.request(`/api/export?${query}`);
  expect(res.status).toBe(200);
  return res.text();
}

describe('APA 7 and Vancouver references, hand-checked', () => {
  it('every case was ingested', () => {
    const stored = database.sqlite.prepare('SELECT count(*) FROM studies').pluck().get();
    expect(stored).toBe(CASES.length + 1);
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES)('APA: $name', async (c) => {
    expect(await exportOf(`format=apa&pmid=${pmidOf(c)}`)).toBe(`${c.apa}\n`);
  });

  // One reference is not a list: no "1." (issue #15: "Copy Vancouver" pasted "1." into the writer's text).
  it.each(CASES)('Vancouver: $name', async (c) => {
    expect(await exportOf(`format=vancouver&pmid=${pmidOf(c)}`)).toBe(`${c.vancouver}\n`);
  });

  it('a record stored as MEDLINE text keeps its article number (re-read from the LID line)', async () => {
    expect(await exportOf(`format=apa&pmid=${MEDLINE_PMID}`)).toBe(
      'Example, A. B. (2023). [Fixture] Synthetic MEDLINE-format record. Fixture Journal of Synthetic Medicine, 9(2), Article e012345. https://doi.org/10.5555/fixture.90001029\n',
    );
    expect(await exportOf(`format=vancouver&pmid=${MEDLINE_PMID}`)).toBe(
      'Example AB. [Fixture] Synthetic MEDLINE-format record. Fixture J Synth Med. 2023 Jul 14;9(2):e012345. doi:10.5555/fixture.90001029. PMID: 90001029.\n',
    );
  });

  it('a Vancouver list is numbered in the order asked for; APA gives one reference a line', async () => {
    const [first, second] = [CASES[1]!, CASES[0]!];
    const query = `pmid=${pmidOf(first)}&pmid=${pmidOf(second)}`;
    expect(await exportOf(`format=vancouver&${query}`)).toBe(`1. ${first.vancouver}\n2. ${second.vancouver}\n`);
    expect(await exportOf(`format=apa&${query}`)).toBe(`${first.apa}\n${second.apa}\n`);
  });

  it('APA HTML italicises the journal and volume (and a book title) and escapes the rest', async () => {
    const html = await exportOf('format=apa&style_output=html&pmid=90001001&pmid=90001026');
    expect(html).toContain(
      '<div class="csl-entry">Example, A. B., &amp; Sample, B. (2020). [Fixture] Synthetic trial of paced breathing. <i>Fixture Journal of Synthetic Medicine</i>, <i>12</i>(3), 123–128. https://doi.org/10.5555/fixture.90001001</div>',
    );
    expect(html).toContain('In <i>[Fixture] Handbook of synthetic breath</i>. Fixture Press.');
  });
});

/** The RIS lines of one reference, tag by tag, in order. */
function risFields(ris: string): [string, string][] {
  return ris
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = /^([A-Z][A-Z0-9]) {2}- ?(.*)$/.exec(line);
      expect(match, line).not.toBeNull();
      return [match![1]!, match![2]!];
    });
}

describe('RIS follows the Zotero/EndNote conventions and round-trips through a RIS parser', () => {
  it('a journal article: AU per author, SP and EP apart (end page in full), padded DA, AB, KW, LA, DO, AN', async () => {
    const ris = await exportOf('format=ris&pmid=90001001');
    expect(risFields(ris)).toEqual([
      ['TY', 'JOUR'],
      ['ID', 'PMID90001001'],
      ['AU', 'Example, Alice Beth'],
      ['AU', 'Sample, Bert'],
      ['TI', '[Fixture] Synthetic trial of paced breathing'],
      ['T2', 'Fixture journal of synthetic medicine'],
      ['JO', 'Fixture J Synth Med'],
      ['PY', '2020'],
      ['DA', '2020/02/25/'],
      ['VL', '12'],
      ['IS', '3'],
      ['SP', '123'],
      ['EP', '128'],
      ['SN', '0000-0019'],
      ['DO', '10.5555/fixture.90001001'],
      ['AN', '90001001'],
      ['AB', '[Fixture] A synthetic abstract.'],
      ['KW', '[Fixture] paced breathing'],
      ['KW', 'synthetic data'],
      ['LA', 'English'],
      ['UR', 'https://pubmed.ncbi.nlm.nih.gov/90001001/'],
      ['N1', 'PMID: 90001001'],
      ['ER', ''],
    ]);
    const [item] = new Cite(ris).data as Record<string, any>[];
    expect(item).toMatchObject({
      type: 'article-journal',
      title: '[Fixture] Synthetic trial of paced breathing',
      'container-title': 'Fixture journal of synthetic medicine',
      author: [
        { family: 'Example', given: 'Alice Beth' },
        { family: 'Sample', given: 'Bert' },
      ],
      issued: { 'date-parts': [[2020, 2, 25]] },
      volume: '12',
      issue: '3',
      page: '123-128',
      DOI: '10.5555/fixture.90001001',
      abstract: '[Fixture] A synthetic abstract.',
      language: 'English',
    });
    expect(String(item!.keyword).split(',')).toEqual(['[Fixture] paced breathing', 'synthetic data']);
  });

  it('an article number is SP alone; a month-only date pads the month and leaves the day empty; a German record says so', async () => {
    const numbered = risFields(await exportOf('format=ris&pmid=90001003'));
    expect(numbered).toContainEqual(['SP', 'e006094']);
    expect(numbered.map(([tag]) => tag)).not.toContain('EP');
    expect(risFields(await exportOf('format=ris&pmid=90001002'))).toContainEqual(['DA', '2019/11//']);
    // A keyword the record lists twice (author's and NLM's lists) is one KW line.
    expect(risFields(await exportOf('format=ris&pmid=90001028')).filter(([tag]) => tag === 'KW')).toEqual([
      ['KW', '[Fixture] repeated keyword'],
    ]);
    expect(risFields(await exportOf('format=ris&pmid=90001021'))).toContainEqual(['DA', '2018///Spring']);
    const german = risFields(await exportOf('format=ris&pmid=90001014'));
    expect(german).toContainEqual(['LA', 'German']);
    expect(german).toContainEqual(['N1', '[Article in German] PMID: 90001014']);
    expect(german).toContainEqual([
      'TI',
      '[Fixture] Synthetische Studie zur Müdigkeit in Chören [[Fixture] Synthetic study of fatigue in choirs]',
    ]);
  });

  it('a book is BOOK and a chapter CHAP, with the book as T2 and its publisher and place', async () => {
    const ris = await exportOf('format=ris&pmid=90001025&pmid=90001026');
    const [book, chapter] = new Cite(ris).data as Record<string, any>[];
    expect(book).toMatchObject({
      type: 'book',
      title: '[Fixture] Handbook of synthetic breath',
      publisher: 'Fixture Press',
      'publisher-place': 'Seattle (WA)',
    });
    expect(chapter).toMatchObject({
      type: 'chapter',
      title: '[Fixture] Chapter on synthetic lungs',
      'container-title': '[Fixture] Handbook of synthetic breath',
      URL: 'https://www.ncbi.nlm.nih.gov/books/NBK901026/',
    });
  });

  it('every case parses back with its PMID and its authors', async () => {
    const ris = await exportOf(`format=ris&${CASES.map((c) => `pmid=${pmidOf(c)}`).join('&')}`);
    const items = new Cite(ris).data as Record<string, any>[];
    expect(items.map((item) => item.id)).toEqual(CASES.map((c) => `PMID${pmidOf(c)}`));
    for (const [i, c] of CASES.entries()) {
      const authors = 'article' in c.record ? (c.record.article.authors ?? ['', '']).length : c.record.book.authors.length;
      expect(item(items, i).author ?? [], c.name).toHaveLength(authors);
    }
  });
});

const item = (items: Record<string, any>[], i: number) => items[i]!;

describe('BibTeX parses with @retorquere/bibtex-parser', () => {
  it('the month is the BibTeX macro, without the day; pages in full with an en-dash range; an article number in pages', async () => {
    const bibtex = await exportOf('format=bibtex&pmid=90001001&pmid=90001003');
    expect(bibtex).toContain('\tmonth = feb,\n');
    expect(bibtex).not.toMatch(/month = \{/);
    const library = parseBibtex(bibtex);
    expect(library.errors).toEqual([]);
    const [first, numbered] = library.entries;
    expect(first!.fields).toMatchObject({ year: '2020', month: '2', pages: '123–128', doi: '10.5555/fixture.90001001' });
    expect(numbered!.fields).toMatchObject({ pages: 'e006094' });
  });

  it('a non-English record says its language in the note, as PubMed does ("[Article in German]")', async () => {
    const library = parseBibtex(await exportOf('format=bibtex&pmid=90001014'));
    expect(library.errors).toEqual([]);
    expect(library.entries[0]!.fields.note).toBe('[Article in German] PMID: 90001014');
  });

  it('every case parses without errors, one entry each', async () => {
    const library = parseBibtex(await exportOf(`format=bibtex&${CASES.map((c) => `pmid=${pmidOf(c)}`).join('&')}`));
    expect(library.errors).toEqual([]);
    expect(library.entries.map((entry) => entry.key)).toEqual(CASES.map((c) => `PMID${pmidOf(c)}`));
  });
});
