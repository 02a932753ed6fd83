// Claims end to end: the real ingestion command fills the database from the fixture E-utilities
// server; updates arrive the same way (a retraction, new matching studies, a newer meta-analysis).
import { startFixtureServer, type FixtureServer } from '@evidence/eutils-fixtures';
import { ingestFromFixtures, newerHrvMetaAnalysis, newHrvTrials, withHrvTrialRetracted } from '@evidence/test-corpus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startApi, type RunningApi } from './harness.ts';

const EDITOR = { Authorization: 'Bearer writer-token', 'Content-Type': 'application/json' };

let fixtures: FixtureServer;
let api: RunningApi;
let claimId: number;

const ingest = () => ingestFromFixtures(api.db.path, fixtures.url);
const send = (method: string, path: string, body?: unknown) =>
  getJson(`${api.url}${path}`, { method, headers: EDITOR, body: body === undefined ? undefined : JSON.stringify(body) });
const claim = async () => (await getJson(`${api.url}/api/claims/${claimId}`)).body;

beforeAll(async () => {
  fixtures = await startFixtureServer();
  api = await startApi({ editorToken: 'writer:writer-token' });
  expect((await ingest()).topics.every((t) => t.status === 'succeeded')).toBe(true);
});
afterAll(async () => {
  await api?.close();
  await fixtures?.close();
});

describe('claims', () => {
  it('ships the four starter claims in Dutch with English, each with evidence on the fixture database', async () => {
    const { body } = await getJson(`${api.url}/api/claims`);
    expect(body.items).toHaveLength(4);
    expect(body.items.map((c: any) => c.language)).toEqual(['nl', 'nl', 'nl', 'nl']);
    expect(body.items[0].translations[0].statement).toBe(
      'Non-invasive vagus nerve stimulation can improve mood, gut function and inflammation.',
    );
    for (const item of body.items) expect(item.summary).toMatch(/\d+ (meta-analys|systematic|RCT|other)/);
  });

  it('lists each claim with the structured evidence counts its detail has, so one call serves the list', async () => {
    const { body } = await getJson(`${api.url}/api/claims`);
    for (const item of body.items) {
      const { line, ...counts } = (await getJson(`${api.url}/api/claims/${item.id}?show_reviews=1&show_rcts=1&show_other=1`)).body.summary;
      expect(item.counts).toEqual(counts);
      expect(item.summary).toBe(line);
      expect(Object.keys(item.counts).sort()).toEqual(['meta', 'newest', 'other', 'rct', 'rctN', 'systematic', 'total']);
      expect(item.counts.total).toBeGreaterThan(0);
      expect(item.counts.newest).toMatch(/^\d{4}(-\d{2}){0,2}$/);
    }
    const doc = (await getJson(`${api.url}/api/openapi.json`)).body;
    expect(doc.components.schemas.ClaimSummary.required).toEqual(expect.arrayContaining(['summary', 'counts']));
    expect(Object.keys(doc.components.schemas.EvidenceCounts.properties).sort()).toEqual([
      'meta',
      'newest',
      'other',
      'rct',
      'rctN',
      'systematic',
      'total',
    ]);
  });

  it('creates a claim and ranks its matching studies by evidence strength with a summary line', async () => {
    const created = await send('POST', '/api/claims', {
      statement: 'taVNS verhoogt de hartslagvariabiliteit.',
      language: 'nl',
      topics: ['tvns'],
      outcomes: ['hrv'],
      owner: 'writer',
    });
    expect(created.status).toBe(201);
    claimId = created.body.id;
    const detail = await claim();
    expect(detail.studies.length).toBeGreaterThan(1);
    const levels = detail.studies.map((s: any) => s.level);
    expect(levels).toEqual([...levels].sort((a: number, b: number) => a - b));
    for (const level of [1, 2, 3]) {
      const sizes = detail.studies.filter((s: any) => s.level === level && s.sampleSize !== null).map((s: any) => s.sampleSize);
      expect(sizes).toEqual([...sizes].sort((a: number, b: number) => b - a));
    }
    expect(detail.summary.line).toMatch(/^(\d+ [a-zA-Z -]+(\(n = [\d,]+\))?, )*\d+ [a-zA-Z -]+(\(n = [\d,]+\))?; newest \d{4}-\d{2}$/);
    expect(detail.studies.every((s: any) => s.outcomes.includes('hrv') && s.topics.includes('tvns'))).toBe(true);
    const withFinding = detail.studies.filter((s: any) => s.finding);
    expect(withFinding.length).toBe(detail.studies.length);
    expect(detail.state).toMatchObject({ needsReview: false, warnings: [], newerReview: null });
  });

  it('leaves non-research studies out of the ranking: a study a curator marks non_research drops out, and comes back', async () => {
    const before = (await claim()).studies.map((s: any) => s.pmid);
    const pmid = before.at(-1);
    expect((await send('PUT', `/api/studies/${pmid}/tags`, { kind: 'design', value: 'non_research' })).status).toBe(200);
    expect((await claim()).studies.map((s: any) => s.pmid)).not.toContain(pmid);
    expect((await send('DELETE', `/api/studies/${pmid}/tags?kind=design`)).status).toBe(200);
    expect((await claim()).studies.map((s: any) => s.pmid)).toEqual(before);
  });

  it('pins a study, and warns when a fixture update retracts it', async () => {
    const pinned = await send('PUT', `/api/claims/${claimId}/pins/90000001`, {
      stance: 'supporting',
      note: 'Main trial for the HRV statement.',
    });
    expect(pinned.status).toBe(200);
    expect(pinned.body.studies.find((s: any) => s.pmid === '90000001').pin).toMatchObject({ stance: 'supporting', pinnedBy: 'writer' });
    await send('POST', `/api/claims/${claimId}/review`);

    fixtures.setStudies(withHrvTrialRetracted());
    await ingest();
    const detail = await claim();
    expect(detail.state.warnings).toEqual([expect.objectContaining({ pmid: '90000001', kind: 'retracted' })]);
    expect(detail.state.needsReview).toBe(false);
    // Pins survive ingestion and re-tagging.
    expect(detail.studies.find((s: any) => s.pmid === '90000001').pin.stance).toBe('supporting');
  });

  it('shows "needs review" with a count when new matching studies arrive', async () => {
    fixtures.setStudies([...withHrvTrialRetracted(), ...newHrvTrials()]);
    await ingest();
    const detail = await claim();
    expect(detail.state).toMatchObject({ needsReview: true, newSinceReview: 2 });
    const list = (await getJson(`${api.url}/api/claims`)).body.items.find((c: any) => c.id === claimId);
    expect(list.state.newSinceReview).toBe(2);
    const feed = await (await fetch(`${api.url}/api/claims/${claimId}/feed.atom`)).text();
    expect(feed).toContain('urn:pmid:90000101');
    expect(feed).toContain('urn:pmid:90000102');
    await send('POST', `/api/claims/${claimId}/review`);
    expect((await claim()).state.needsReview).toBe(false);
  });

  it('shows "newer review available" when a newer meta-analysis on the same topic × outcome appears', async () => {
    fixtures.setStudies([...withHrvTrialRetracted(), ...newHrvTrials(), newerHrvMetaAnalysis()]);
    await ingest();
    const detail = await claim();
    expect(detail.state.newerReview).toMatchObject({ pmid: '90000103' });
    expect(detail.studies[0].pmid).toBe('90000103');
    expect(detail.studies[0].finding).toMatch(/heart rate variability/);
    expect(detail.summary.line).toMatch(/1 meta-analysis/);
    const listed = (await getJson(`${api.url}/api/claims`)).body.items.find((c: any) => c.id === claimId);
    expect(listed.counts).toMatchObject({ meta: 1, newest: detail.summary.newest });
    expect(listed.counts.rct).toBe(detail.summary.rct);
  });

  it('gives a paste-ready citation card re-checked for retraction, and exports the pinned references', async () => {
    const card = await getJson(`${api.url}/api/claims/${claimId}/pins/90000001/card?style=vancouver`);
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({ pmid: '90000001', retracted: true, doi: '10.5555/fixture.90000001' });
    expect(card.body.text).toMatch(/^RETRACTED/);
    expect(card.body.reference.text).toContain('10.5555/fixture.90000001');
    await send('PUT', `/api/claims/${claimId}/pins/90000103`, { stance: 'contradicting' });
    const apa = await getJson(`${api.url}/api/claims/${claimId}/pins/90000103/card?style=apa`);
    expect(apa.body.retracted).toBe(false);
    expect(apa.body.finding).toMatch(/heart rate variability/);
    expect(apa.body.reference.text).toMatch(/\(2026\)/);

    const list = await (await fetch(`${api.url}/api/claims/${claimId}/references`)).text();
    const [heading, ...entries] = list.trim().split('\n').filter(Boolean);
    expect(heading).toBe('Referenties bij de claim “taVNS verhoogt de hartslagvariabiliteit.”');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatch(/^1\. /);
    expect(entries[0]).toContain('[RETRACTED]');
    expect(entries[1]).toMatch(/^2\. /);
    const ris = await (await fetch(`${api.url}/api/claims/${claimId}/references?format=ris`)).text();
    expect(ris.match(/^TY {2}- /gm)).toHaveLength(2);
    const bib = await (await fetch(`${api.url}/api/claims/${claimId}/references?format=bibtex`)).text();
    expect(bib.match(/^@article\{/gm)).toHaveLength(2);
  });

  it('validates claims and refuses writes without the editor token', async () => {
    expect((await send('POST', '/api/claims', { statement: 'x', topics: [], outcomes: ['hrv'], owner: 'w' })).status).toBe(400);
    expect(
      (await send('POST', '/api/claims', { statement: 'Valid statement', topics: ['tvns'], outcomes: ['joy'], owner: 'w' })).status,
    ).toBe(400);
    expect((await getJson(`${api.url}/api/claims/999`)).status).toBe(404);
    expect((await getJson(`${api.url}/api/claims/${claimId}/pins/90000002/card`)).status).toBe(404);
    const anonymous = await fetch(`${api.url}/api/claims/${claimId}/review`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });
});
