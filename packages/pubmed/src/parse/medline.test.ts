import { describe, expect, it } from 'vitest';
import { parseMedline } from './index.ts';

const nbib = `PMID- 90000100
OWN - NLM
STAT- MEDLINE
DCOM- 20240203
LR  - 20240309
IS  - 1234-5678 (Electronic)
IS  - 1234-0000 (Linking)
VI  - 12
IP  - 3
DP  - 2024 Jan 5
TI  - [Fixture] Slow breathing and transcutaneous vagus nerve stimulation in long
      COVID: a randomised trial.
PG  - 026002
LID - 10.9999/fixture.100 [doi]
LID - 026002 [pii]
AB  - BACKGROUND: [Fixture] Text one. RESULTS: p < 0.05 & more
      text continued.
CI  - (c) 2024 Fixture.
FAU - Fixture, Ada B
AU  - Fixture AB
AUID- ORCID: 0000-0002-1825-009X
AD  - [Fixture] Dept A.
AD  - [Fixture] Dept B.
FAU - Onlylast
AU  - Onlylast
CN  - [Fixture] EFT Study Group
LA  - eng
PT  - Journal Article
PT  - Randomized Controlled Trial
DEP - 20240102
TA  - Fixture J VNS
JT  - Fixture journal of vagus nerve stimulation
JID - 900000001
RIN - Fixture J VNS. 2025;1:1. PMID: 90000199
MH  - Humans
MH  - *Vagus Nerve Stimulation/*methods/adverse effects
OTO - NOTNLM
OT  - EMDR
PMC - PMC9000100
PHST- 2023/10/01 00:00 [received]
PHST- 2024/01/06 06:00 [pubmed]
AID - 10.9999/fixture.100 [doi]
CRDT- 2024/01/06 06:00

PMID- 90000101
TI  - [Fixture] Second record.
DP  - 1998 Dec-1999 Jan
`;

describe('MEDLINE (.nbib) text', () => {
  const result = parseMedline(nbib.replace(/\n/g, '\r\n'));
  const [r, second] = result.records;

  it('splits records and keeps their text', () => {
    expect(result.errors).toEqual([]);
    expect(result.records.map((x) => x.pmid)).toEqual(['90000100', '90000101']);
    expect(r!.rawFormat).toBe('medline');
    expect(r!.rawXml.startsWith('PMID- 90000100')).toBe(true);
    expect(r!.rawXml).not.toContain('90000101');
  });

  it('joins continuation lines and escapes markup', () => {
    expect(r!.title.text).toBe('[Fixture] Slow breathing and transcutaneous vagus nerve stimulation in long COVID: a randomised trial.');
    expect(r!.abstract?.text).toBe('BACKGROUND: [Fixture] Text one. RESULTS: p < 0.05 & more text continued.');
    expect(r!.abstract?.markup).toContain('p &lt; 0.05 &amp; more');
  });

  it('maps journal, dates, ids', () => {
    expect(r!.journal).toEqual({
      title: 'Fixture journal of vagus nerve stimulation',
      isoAbbreviation: 'Fixture J VNS',
      issn: '1234-5678',
      issnType: 'Electronic',
      issnLinking: '1234-0000',
      nlmUniqueId: '900000001',
    });
    expect([r!.volume, r!.issue, r!.pages]).toEqual(['12', '3', '026002']);
    expect(r!.publicationDate).toEqual({ year: 2024, month: 'Jan', day: '5', season: null, medlineDate: null, sortable: '2024-01-05' });
    expect(second!.publicationDate).toMatchObject({ year: 1998, month: 'Dec', medlineDate: '1998 Dec-1999 Jan', sortable: '1998-12' });
    expect([r!.dateCompleted, r!.dateRevised, r!.electronicDate]).toEqual(['2024-02-03', '2024-03-09', '2024-01-02']);
    expect(r!.doi).toBe('10.9999/fixture.100');
    expect(r!.pmcId).toBe('PMC9000100');
    expect(r!.articleIds).toEqual([
      { type: 'doi', value: '10.9999/fixture.100' },
      { type: 'pii', value: '026002' },
      { type: 'pmc', value: 'PMC9000100' },
    ]);
    // LID lines are the ELocationIDs.
    expect(r!.eLocationIds).toEqual([
      { type: 'doi', value: '10.9999/fixture.100' },
      { type: 'pii', value: '026002' },
    ]);
    expect(r!.history).toEqual([
      { status: 'received', date: '2023-10-01' },
      { status: 'pubmed', date: '2024-01-06' },
    ]);
  });

  it('maps authors with affiliations and ORCID, group authors', () => {
    expect(r!.authors).toHaveLength(3);
    expect(r!.authors[0]).toMatchObject({
      lastName: 'Fixture',
      foreName: 'Ada B',
      initials: 'AB',
      orcid: '0000-0002-1825-009X',
      affiliations: ['[Fixture] Dept A.', '[Fixture] Dept B.'],
    });
    expect(r!.authors[1]).toMatchObject({ lastName: 'Onlylast', foreName: null });
    expect(r!.authors[2]).toMatchObject({ collectiveName: '[Fixture] EFT Study Group' });
  });

  it('maps MeSH majors, keywords, publication types, corrections', () => {
    expect(r!.mesh).toEqual([
      { descriptor: 'Humans', descriptorUi: null, majorTopic: false, qualifiers: [] },
      {
        descriptor: 'Vagus Nerve Stimulation',
        descriptorUi: null,
        majorTopic: true,
        qualifiers: [
          { name: 'methods', ui: null, majorTopic: true },
          { name: 'adverse effects', ui: null, majorTopic: false },
        ],
      },
    ]);
    expect(r!.keywords).toEqual([{ keyword: 'EMDR', majorTopic: false, owner: 'NOTNLM' }]);
    expect(r!.publicationTypes.map((p) => p.name)).toEqual(['Journal Article', 'Randomized Controlled Trial']);
    expect(r!.commentsCorrections).toEqual([{ refType: 'RetractionIn', refSource: 'Fixture J VNS. 2025;1:1.', pmid: '90000199' }]);
  });

  it('maps SI lines to data banks, grouped by bank', () => {
    const text =
      'PMID- 90000101\nTI  - [Fixture] x.\nSI  - ClinicalTrials.gov/NCT09990001\nSI  - ISRCTN/ISRCTN99900001\nSI  - ClinicalTrials.gov/NCT09990002\n';
    expect(parseMedline(text).records[0]!.dataBanks).toEqual([
      { name: 'ClinicalTrials.gov', accessionNumbers: ['NCT09990001', 'NCT09990002'] },
      { name: 'ISRCTN', accessionNumbers: ['ISRCTN99900001'] },
    ]);
  });

  it('reports a record without a PMID', () => {
    expect(parseMedline('PMID- \nTI  - [Fixture] x\n').errors).toHaveLength(1);
  });
});
