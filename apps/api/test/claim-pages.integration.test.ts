// The claim API for pages that scale (issue #15 item 5) and the list's meter (issue #14): evidence
// paged per level, pins in the writer's order and movable, reference lists of the pins, of the whole
// matching set or of one level, over a synthetic claim (PMIDs from 90000000, "[Fixture]" titles).
import { createTestDatabase, insertStudy } from '@evidence/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { FORMATTED_CAP } from '../src/routes/export/export.ts';
import { getJson, startApi, type RunningApi } from './harness.ts';

const EDITOR = { Authorization: 'Bearer writer-token', 'Content-Type': 'application/json' };
/** 3 reviews, 14 RCTs, 13 other studies on tvns × hrv; an RCT in three found no difference. */
const DESIGNS = [...Array<string>(3).fill('meta_analysis'), ...Array<string>(14).fill('rct'), ...Array<string>(13).fill('observational')];
const PMIDS = DESIGNS.map((_, i) => 90_000_001 + i);
const pmidsOf = (design: string) => PMIDS.filter((_, i) => DESIGNS[i] === design);
const directionOf = (pmid: number) => (pmid % 3 === 0 ? 'no_difference' : 'improved');

let api: RunningApi;
let claimId: number;
const send = (method: string, path: string, body?: unknown) =>
  getJson(`${api.url}${path}`, { method, headers: EDITOR, body: body === undefined ? undefined : JSON.stringify(body) });
const claim = async (query = '') => (await getJson(`${api.url}/api/claims/${claimId}${query}`)).body;
const text = async (path: string) => {
  const res = await fetch(`${api.url}${path}`);
  return { status: res.status, body: await res.text(), disposition: res.headers.get('content-disposition') };
};

beforeAll(async () => {
  api = await startApi({
    editorToken: 'writer:writer-token',
    seed: (db) => {
      for (const [i, pmid] of PMIDS.entries()) {
        insertStudy(db, { pmid, topics: ['tvns'], title: `[Fixture] Paged study ${pmid}`, pubYear: 2010 + (i % 15) });
        db.sqlite.prepare('UPDATE studies SET design = ?, sample_size = ? WHERE pmid = ?').run(DESIGNS[i], 10 + i, pmid);
        db.sqlite
          .prepare(`INSERT INTO study_tags (pmid, kind, value, source, created_at) VALUES (?, 'outcome', 'hrv', 'rule', '2026-01-01')`)
          .run(pmid);
        db.sqlite
          .prepare(`INSERT INTO study_findings (pmid, outcome, source, direction, created_at) VALUES (?, 'hrv', 'rule', ?, '2026-01-01')`)
          .run(pmid, directionOf(pmid));
      }
    },
  });
  const created = await send('POST', '/api/claims', {
    statement: 'taVNS verhoogt de hartslagvariabiliteit.',
    language: 'nl',
    translations: [{ language: 'en', statement: 'taVNS increases heart rate variability.' }],
    topics: ['tvns'],
    outcomes: ['hrv'],
    owner: 'writer',
  });
  expect(created.status).toBe(201);
  claimId = created.body.id;
});
afterAll(async () => {
  await api?.close();
});

describe('claim pages that scale', () => {
  it('shows the first 10 of each level, says how many each has, and shows more of one level on request', async () => {
    const first = await claim();
    expect(first.levels).toEqual([
      { key: 'reviews', level: 1, total: 3, shown: 3 },
      { key: 'rcts', level: 2, total: 14, shown: 10 },
      { key: 'other', level: 3, total: 13, shown: 10 },
    ]);
    expect(first.studies.filter((s: any) => s.level === 2)).toHaveLength(10);
    const more = await claim('?show_rcts=12');
    expect(more.levels[1]).toMatchObject({ total: 14, shown: 12 });
    const rcts = more.studies.filter((s: any) => s.level === 2).map((s: any) => s.pmid);
    expect(rcts.slice(0, 10)).toEqual(first.studies.filter((s: any) => s.level === 2).map((s: any) => s.pmid));
    // Largest first within a level: sample size grows with the PMID here.
    expect(rcts[0]).toBe(String(pmidsOf('rct').at(-1)));
    const all = await claim('?show_reviews=100&show_rcts=100&show_other=100');
    expect(all.studies.map((s: any) => Number(s.pmid)).sort()).toEqual(PMIDS);
    expect((await getJson(`${api.url}/api/claims/${claimId}?show_rcts=0`)).status).toBe(400);
  });

  it('numbers pins in the order pinned and moves one to another place', async () => {
    const [other, rct, review] = [pmidsOf('observational')[0]!, pmidsOf('rct')[0]!, pmidsOf('meta_analysis')[0]!];
    for (const [pmid, stance] of [
      [other, 'background'],
      [rct, 'supporting'],
      [review, 'supporting'],
    ] as const) {
      expect((await send('PUT', `/api/claims/${claimId}/pins/${pmid}`, { stance })).status).toBe(200);
    }
    const order = async () => (await claim()).pins.map((p: any) => [Number(p.pmid), p.number]);
    expect(await order()).toEqual([
      [other, 1],
      [rct, 2],
      [review, 3],
    ]);
    // Re-pinning with a new stance keeps the place.
    await send('PUT', `/api/claims/${claimId}/pins/${other}`, { stance: 'supporting', note: 'now supporting' });
    expect((await order()).map(([p]: number[]) => p)).toEqual([other, rct, review]);

    const moved = await send('PUT', `/api/claims/${claimId}/pins/${review}/position`, { position: 1 });
    expect(moved.status).toBe(200);
    expect(moved.body.pins.map((p: any) => Number(p.pmid))).toEqual([review, other, rct]);
    expect(moved.body.studies.find((s: any) => Number(s.pmid) === review).pin.number).toBe(1);
    // Past the end means last; the others keep their order.
    await send('PUT', `/api/claims/${claimId}/pins/${review}/position`, { position: 99 });
    expect((await order()).map(([p]: number[]) => p)).toEqual([other, rct, review]);

    const vancouver = await text(`/api/claims/${claimId}/references`);
    const [heading, ...entries] = vancouver.body.trim().split('\n').filter(Boolean);
    expect(heading).toBe('Referenties bij de claim “taVNS verhoogt de hartslagvariabiliteit.”');
    expect(entries.map((e) => /^(\d+)\. .*study (\d+)/.exec(e)!.slice(1).map(Number))).toEqual([
      [1, other],
      [2, rct],
      [3, review],
    ]);
    const card = await getJson(`${api.url}/api/claims/${claimId}/pins/${rct}/card?style=vancouver`);
    expect(card.body.number).toBe(2);
    expect(card.body.text.split('\n').at(-1)).toMatch(/^\[2\] /);
    // Unpinning leaves the others numbered 1…n in the same order.
    await send('DELETE', `/api/claims/${claimId}/pins/${other}`);
    expect(await order()).toEqual([
      [rct, 1],
      [review, 2],
    ]);

    expect((await send('PUT', `/api/claims/${claimId}/pins/${other}/position`, { position: 1 })).status).toBe(404);
    expect((await send('PUT', `/api/claims/${claimId}/pins/${rct}/position`, { position: 0 })).status).toBe(400);
    const anonymous = await fetch(`${api.url}/api/claims/${claimId}/pins/${rct}/position`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ position: 1 }),
    });
    expect(anonymous.status).toBe(401);
  });

  it('exports the whole matching set and one level as APA and Vancouver, headed in the claim’s language', async () => {
    const apa = await text(`/api/claims/${claimId}/references?set=matching&format=apa`);
    expect(apa.status).toBe(200);
    expect(apa.disposition).toContain(`claim-${claimId}-matching.apa.txt`);
    const [heading, ...entries] = apa.body.trim().split('\n').filter(Boolean);
    expect(heading).toBe(`Alle ${PMIDS.length} passende onderzoeken bij de claim “taVNS verhoogt de hartslagvariabiliteit.”`);
    expect(entries).toHaveLength(PMIDS.length);

    const rcts = await text(`/api/claims/${claimId}/references?set=matching&level=rcts&format=vancouver`);
    const [rctHeading, ...rctEntries] = rcts.body.trim().split('\n').filter(Boolean);
    expect(rctHeading).toMatch(/^Gerandomiseerde gecontroleerde onderzoeken \(RCT’s\) bij de claim “.*” \(14\)$/);
    // In the claim page's order: largest RCT first.
    expect(rctEntries.map((e) => Number(/study (\d+)/.exec(e)![1]))).toEqual([...pmidsOf('rct')].reverse());
    expect(rctEntries.map((e) => Number(/^(\d+)\. /.exec(e)![1]))).toEqual(pmidsOf('rct').map((_, i) => i + 1));

    const html = await text(`/api/claims/${claimId}/references?set=matching&level=reviews&format=apa&style_output=html`);
    expect(html.body).toContain(
      '<h1>Meta-analyses en systematische reviews bij de claim “taVNS verhoogt de hartslagvariabiliteit.” (3)</h1>',
    );
    const ris = await text(`/api/claims/${claimId}/references?set=matching&format=ris`);
    expect(ris.body.match(/^TY {2}- /gm)).toHaveLength(PMIDS.length);
    expect(ris.body).not.toContain('passende');

    expect((await text(`/api/claims/${claimId}/references?set=everything`)).status).toBe(400);
  });

  it('lists each claim with its meter from stored findings, the same as its detail', async () => {
    const { body } = await getJson(`${api.url}/api/claims`);
    const listed = body.items.find((c: any) => c.id === claimId);
    expect(listed.meter).toEqual((await claim()).meter);
    const rcts = pmidsOf('rct');
    expect(listed.meter.rcts).toMatchObject({
      improved: rcts.filter((p) => directionOf(p) === 'improved').length,
      no_difference: rcts.filter((p) => directionOf(p) === 'no_difference').length,
    });
    for (const item of body.items) expect(Object.keys(item.meter)).toEqual(expect.arrayContaining(['all', 'rcts', 'reviews', 'warnings']));
  });
});

describe('a claim larger than the formatted-reference cap', () => {
  it(`refuses APA of more than ${FORMATTED_CAP} matching studies with a one-line 400, and exports one level or RIS instead`, async () => {
    const database = createTestDatabase();
    try {
      database.sqlite.transaction(() => {
        for (let i = 0; i <= FORMATTED_CAP; i++) insertStudy(database, { pmid: 91_000_000 + i, topics: ['tvns'] });
        database.sqlite.exec(`UPDATE studies SET design = 'rct' WHERE pmid < 91000010;
          INSERT INTO study_tags (pmid, kind, value, source, created_at) SELECT pmid, 'outcome', 'hrv', 'rule', '2026-01-01' FROM studies;
          INSERT INTO claims (statement, language, topics, outcomes, owner, created_at, updated_at, updated_by)
            VALUES ('[Fixture] A large claim', 'en', '["tvns"]', '["hrv"]', 'w', '2026-01-01', '2026-01-01', 'w');`);
      })();
      const app = createApp({ database });
      const id = database.sqlite.prepare('SELECT max(id) FROM claims').pluck().get() as number;
      const refused = await app.request(`/api/claims/${id}/references?set=matching&format=apa`);
      expect(refused.status).toBe(400);
      const { error } = (await refused.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('export_too_large');
      expect(error.message).toBe(
        `The claim matches ${(FORMATTED_CAP + 1).toLocaleString('en-US')} studies; apa exports hold at most ${FORMATTED_CAP.toLocaleString('en-US')}. Export one level (level=reviews, rcts or other) or the pinned studies.`,
      );
      const rcts = await app.request(`/api/claims/${id}/references?set=matching&level=rcts&format=apa`);
      const [heading, ...entries] = (await rcts.text()).trim().split('\n').filter(Boolean);
      expect(heading).toBe('Randomised controlled trials for the claim “[Fixture] A large claim” (10)');
      expect(entries).toHaveLength(10);
      const ris = await app.request(`/api/claims/${id}/references?set=matching&format=ris`);
      expect((await ris.text()).match(/^TY {2}- /gm)).toHaveLength(FORMATTED_CAP + 1);
    } finally {
      database.remove();
    }
  });
});
