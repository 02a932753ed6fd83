import { describe, expect, it } from 'vitest';
import { eLocationIds, trialRegistrations } from './record-extras.ts';

// Synthetic record fragments in PubMed's DataBankList shape (no real record's text).
const record = (banks: string) =>
  `<PubmedArticle><MedlineCitation><PMID Version="1">90000001</PMID><Article><DataBankList CompleteYN="Y">${banks}</DataBankList></Article></MedlineCitation></PubmedArticle>`;
const bank = (name: string, ...ids: string[]) =>
  `<DataBank><DataBankName>${name}</DataBankName><AccessionNumberList>${ids.map((id) => `<AccessionNumber>${id}</AccessionNumber>`).join('')}</AccessionNumberList></DataBank>`;

describe('trialRegistrations', () => {
  it('lists trial registries with links and leaves sequence banks out', () => {
    const xml = record(
      bank('ClinicalTrials.gov', 'NCT90000001', 'NCT90000001') +
        bank('GENBANK', 'AB000001') +
        bank('ISRCTN', 'ISRCTN90000001') +
        bank('ANZCTR', 'ACTRN90000000000001'),
    );
    expect(trialRegistrations(xml)).toEqual([
      { registry: 'ClinicalTrials.gov', id: 'NCT90000001', url: 'https://clinicaltrials.gov/study/NCT90000001' },
      { registry: 'ISRCTN', id: 'ISRCTN90000001', url: 'https://www.isrctn.com/ISRCTN90000001' },
      { registry: 'ANZCTR', id: 'ACTRN90000000000001', url: null },
    ]);
  });

  it('finds nothing in a record without data banks or without a record', () => {
    expect(trialRegistrations('<PubmedArticle/>')).toEqual([]);
    expect(trialRegistrations(null)).toEqual([]);
  });
});

describe('eLocationIds', () => {
  it('reads each ELocationID with its type', () => {
    const xml =
      '<Article><ELocationID EIdType="pii" ValidYN="Y">e90001</ELocationID><ELocationID EIdType="doi" ValidYN="Y">10.9999/fixture.1</ELocationID></Article>';
    expect(eLocationIds(xml)).toEqual([
      { type: 'pii', value: 'e90001' },
      { type: 'doi', value: '10.9999/fixture.1' },
    ]);
    expect(eLocationIds('<Article/>')).toEqual([]);
  });
});
