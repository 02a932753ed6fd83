import { describe, expect, it } from 'vitest';
import { type Registry, registryOf, registryUrl, tagStudy, type TaggableStudy } from './index.ts';

/** Printed formats with synthetic serials (never real trials). */
const IDS: [string, string][] = [
  ['NCT09990001', 'clinicaltrials_gov'],
  ['ISRCTN99900001', 'isrctn'],
  ['ChiCTR2099000001', 'chictr'],
  ['ChiCTR-IOR-99000001', 'chictr'],
  ['ACTRN12699000000001', 'anzctr'],
  ['DRKS00099001', 'drks'],
  ['IRCT20990101009999N1', 'irct'],
  ['CTRI/2099/01/000001', 'ctri'],
  ['2099-000001-01', 'eudract'],
  ['2099-500001-01-00', 'eu_ctis'],
  ['NL-OMON99001', 'nl_omon'],
  ['NTR9901', 'ntr'],
  ['NL99001.000.99', 'ccmo'],
  ['CRD42099000001', 'prospero'],
  ['INPLASY209900001', 'inplasy'],
  ['UMIN000099001', 'umin'],
  ['jRCT1099000001', 'jrct'],
  ['KCT0999001', 'cris_kct'],
  ['TCTR20990101001', 'tctr'],
  ['PACTR209901000000001', 'pactr'],
  ['RBR-9x9x9x', 'rebec'],
];

function study(abstract: string, dataBanks?: TaggableStudy['dataBanks']): TaggableStudy {
  return {
    pmid: '90000003',
    title: '[Fixture] A trial',
    abstract,
    abstractSections: [{ label: null, nlmCategory: null, text: abstract }],
    publicationTypes: ['Journal Article'],
    mesh: [],
    keywords: [],
    ...(dataBanks ? { dataBanks } : {}),
  };
}

describe('registration ids', () => {
  it.each(IDS)('%s is found in the abstract as printed, with its registry and a registry URL', (id, registry) => {
    const s = study(`Forty adults were randomised. The trial was registered (${id}).`);
    const regs = tagStudy(s).quality.registrations;
    expect(regs.map((r) => [r.id, r.registry, r.source])).toEqual([[id, registry, 'abstract']]);
    expect(regs[0]!.url).toBe(registryUrl(registry as Registry, id));
    expect(regs[0]!.url).toMatch(/^https:\/\//);
    expect(s.abstract.slice(regs[0]!.evidence!.start, regs[0]!.evidence!.end)).toBe(id);
  });

  it('every registry has a URL that names the id', () => {
    for (const [id, registry] of IDS)
      expect(decodeURIComponent(registryUrl(registry as Registry, id))).toContain(id.replace(/^NL-OMON/, ''));
  });

  it('ethics approval numbers, dates and PMIDs are not registrations', () => {
    const s = study('Ethics approval number 2099-117-f was granted on 2099-01-01. See PMID 90000004. The protocol was not registered.');
    expect(tagStudy(s).quality.registrations).toEqual([]);
  });

  it('DataBankList ids count too (source databank), without repeating ids printed in the abstract; non-registry banks are left out', () => {
    const s = study('The trial was registered (NCT09990001).', [
      { name: 'ClinicalTrials.gov', accessionNumbers: ['NCT09990001', 'NCT09990002'] },
      { name: 'GENBANK', accessionNumbers: ['AB123456'] },
    ]);
    expect(tagStudy(s).quality.registrations.map((r) => [r.id, r.source])).toEqual([
      ['NCT09990001', 'abstract'],
      ['NCT09990002', 'databank'],
    ]);
  });

  it('registryOf recognises a whole id only', () => {
    expect(registryOf('NCT09990001')).toBe('clinicaltrials_gov');
    expect(registryOf('JPRN-UMIN000099001')).toBe('umin');
    expect(registryOf('NCT0999')).toBeNull();
    expect(registryOf('AB123456')).toBeNull();
  });
});
