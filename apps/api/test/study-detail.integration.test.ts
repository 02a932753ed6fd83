// What the study page cites from (issue #15): the curation history with who/when/what, and the
// trial registrations the PubMed record lists.
import { seedFixtureCorpus } from '@evidence/test-corpus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startApi, type RunningApi } from './harness.ts';

const asAnna = { Authorization: 'Bearer editor-secret-1', 'Content-Type': 'application/json' };
const PMID = 90000001;

let api: RunningApi;
beforeAll(async () => {
  api = await startApi({
    editorToken: 'anna:editor-secret-1',
    seed: (db) => {
      seedFixtureCorpus(db);
      // A synthetic DataBankList in the stored record: one registry twice, one sequence bank.
      const raw = db.sqlite.prepare('SELECT raw_record FROM study_records WHERE pmid = ?').pluck().get(PMID) as string;
      const banks =
        '<DataBankList CompleteYN="Y"><DataBank><DataBankName>ClinicalTrials.gov</DataBankName><AccessionNumberList>' +
        '<AccessionNumber>NCT90000001</AccessionNumber></AccessionNumberList></DataBank><DataBank><DataBankName>GENBANK</DataBankName>' +
        '<AccessionNumberList><AccessionNumber>AB000001</AccessionNumber></AccessionNumberList></DataBank></DataBankList>';
      const pii = '<ELocationID EIdType="pii" ValidYN="Y">e90001</ELocationID>';
      db.sqlite
        .prepare('UPDATE study_records SET raw_record = ? WHERE pmid = ?')
        .run(raw.replace('</Article>', `${pii}${banks}</Article>`), PMID);
      // An online-only article: no pages, an article number in its pii.
      db.sqlite.prepare('UPDATE studies SET pages = NULL WHERE pmid = ?').run(PMID);
      db.sqlite.prepare(`UPDATE studies SET pages = '101-9' WHERE pmid = 90000002`).run();
    },
  });
});
afterAll(() => api?.close());

describe('GET /api/studies/{pmid} for the study page', () => {
  it('lists every curator write with who, when and what, oldest first', async () => {
    const before = await getJson(`${api.url}/api/studies/${PMID}`);
    expect(before.body.curationHistory).toEqual([]);
    await getJson(`${api.url}/api/studies/${PMID}/tags`, {
      method: 'PUT',
      headers: asAnna,
      body: JSON.stringify({ kind: 'outcome', value: 'sleep', action: 'add', note: 'sleep diary' }),
    });
    await getJson(`${api.url}/api/studies/${PMID}/curation`, {
      method: 'PUT',
      headers: asAnna,
      body: JSON.stringify({ reviewed: true, inclusion: 'exclude' }),
    });
    const after = await getJson(`${api.url}/api/studies/${PMID}`);
    expect(after.status).toBe(200);
    expect(after.body.curationHistory).toMatchObject([
      { actor: 'anna', action: 'tag', details: { kind: 'outcome', value: 'sleep', action: 'add', note: 'sleep diary' } },
      { actor: 'anna', action: 'curation', details: { reviewed: true, inclusion: 'exclude' } },
    ]);
    for (const event of after.body.curationHistory) expect(Number.isNaN(Date.parse(event.at))).toBe(false);
  });

  it('lists the trial registrations of the record, with links, and not its sequence data banks', async () => {
    const res = await getJson(`${api.url}/api/studies/${PMID}`);
    expect(res.body.trialRegistrations).toEqual([
      { registry: 'ClinicalTrials.gov', id: 'NCT90000001', url: 'https://clinicaltrials.gov/study/NCT90000001' },
    ]);
    const other = await getJson(`${api.url}/api/studies/90000002`);
    expect(other.body.trialRegistrations).toEqual([]);
  });

  it('says where the article sits: its pages, or the article number of an online-only article', async () => {
    expect((await getJson(`${api.url}/api/studies/${PMID}`)).body.location).toEqual({ articleNumber: 'e90001' });
    expect((await getJson(`${api.url}/api/studies/90000002`)).body.location).toEqual({ pages: '101-9' });
  });
});
