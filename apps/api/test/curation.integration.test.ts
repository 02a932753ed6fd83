// Curation writes: bearer tokens from the environment, who and when recorded, and decisions that
// survive re-ingestion and re-tagging.
import { buildArticleSetXml, FIXTURE_STUDIES } from '@evidence/eutils-fixtures';
import { parsePubmedXml } from '@evidence/pubmed';
import { createStudyStore, createTagWriter } from '@evidence/ingest/testing';
import { tagStudy, toTaggable } from '@evidence/tagger';
import { retagCommandPath, seedFixtureCorpus } from '@evidence/test-corpus';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startApi, type RunningApi } from './harness.ts';

const EDITOR = 'anna:editor-secret-1,ben:editor-secret-2';
const READER = 'reader-secret';
const asAnna = { Authorization: 'Bearer editor-secret-1', 'Content-Type': 'application/json' };

let api: RunningApi;
beforeAll(async () => {
  api = await startApi({ editorToken: EDITOR, readToken: READER, seed: (db) => seedFixtureCorpus(db) });
});
afterAll(() => api?.close());

const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = asAnna) =>
  getJson(`${api.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });

describe('auth', () => {
  it('reads need a read (or editor) token when EVIDENCE_READ_TOKEN is set; health stays open', async () => {
    expect((await getJson(`${api.url}/api/studies`)).status).toBe(401);
    expect((await getJson(`${api.url}/api/studies`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await getJson(`${api.url}/api/studies`, { headers: { Authorization: `Bearer ${READER}` } })).status).toBe(200);
    expect((await getJson(`${api.url}/api/studies`, { headers: { Authorization: 'Bearer editor-secret-2' } })).status).toBe(200);
    expect((await getJson(`${api.url}/api/health`)).status).toBe(200);
    const refused = await fetch(`${api.url}/api/facets`);
    expect(refused.headers.get('www-authenticate')).toMatch(/Bearer/);
  });

  it('writes need an editor token: none → 401, a read token → 403', async () => {
    const body = { kind: 'outcome', value: 'sleep', action: 'add' };
    expect((await send('PUT', '/api/studies/90000001/tags', body, { 'Content-Type': 'application/json' })).status).toBe(401);
    expect(
      (await send('PUT', '/api/studies/90000001/tags', body, { Authorization: `Bearer ${READER}`, 'Content-Type': 'application/json' }))
        .status,
    ).toBe(403);
  });

  it('a server without EVIDENCE_EDITOR_TOKEN refuses every write', async () => {
    const open = await startApi({ seed: (db) => seedFixtureCorpus(db, FIXTURE_STUDIES.slice(0, 2)) });
    const res = await getJson(`${open.url}/api/studies/90000001/notes`, {
      method: 'POST',
      headers: asAnna,
      body: JSON.stringify({ body: 'x' }),
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('writes_disabled');
    await open.close();
  });
});

describe('curation', () => {
  it('records who and when for every write, and shows rule and curator values side by side', async () => {
    const before = await send('GET', '/api/studies/90000001');
    const ruleOutcome = before.body.outcomes[0] as string;
    let res = await send('PUT', '/api/studies/90000001/tags', {
      kind: 'outcome',
      value: ruleOutcome,
      action: 'remove',
      note: 'secondary measure only',
    });
    expect(res.status).toBe(200);
    expect(res.body.outcomes).not.toContain(ruleOutcome);
    res = await send('PUT', '/api/studies/90000001/tags', { kind: 'outcome', value: 'sleep', action: 'add' });
    res = await send('PUT', '/api/studies/90000001/tags', { kind: 'design', value: 'controlled_trial' });
    res = await send('PUT', '/api/studies/90000001/tags', { kind: 'sample_size', value: 52 });
    res = await send('PUT', '/api/studies/90000001/curation', { reviewed: true, inclusion: 'include' });
    res = await send('POST', '/api/studies/90000001/notes', { body: 'Check the crossover washout.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      design: 'controlled_trial',
      sampleSize: 52,
      curation: { reviewed: true, inclusion: 'include', updatedBy: 'anna' },
    });
    expect(res.body.outcomes).toContain('sleep');
    expect(res.body.notes).toEqual([expect.objectContaining({ body: 'Check the crossover washout.', author: 'anna' })]);
    const curatorTags = res.body.tags.filter((t: any) => t.source === 'curator');
    expect(curatorTags).toHaveLength(4);
    expect(curatorTags.every((t: any) => t.curator === 'anna' && t.createdAt)).toBe(true);
    // The rules' own values stay visible.
    expect(res.body.tags.some((t: any) => t.source === 'rule' && t.kind === 'outcome' && t.value === ruleOutcome)).toBe(true);
    expect(res.body.tags.some((t: any) => t.source === 'rule' && t.kind === 'design')).toBe(true);
    const events = api.db.sqlite.prepare('SELECT actor, action FROM curation_events WHERE pmid = 90000001 ORDER BY id').all();
    expect(events).toEqual([
      { actor: 'anna', action: 'tag' },
      { actor: 'anna', action: 'tag' },
      { actor: 'anna', action: 'tag' },
      { actor: 'anna', action: 'tag' },
      { actor: 'anna', action: 'curation' },
      { actor: 'anna', action: 'note' },
    ]);
  });

  it('a changed mind replaces the decision; withdrawing it restores the rules', async () => {
    let res = await send('PUT', '/api/studies/90000001/tags', { kind: 'design', value: 'observational' });
    expect(res.body.design).toBe('observational');
    expect(res.body.tags.filter((t: any) => t.source === 'curator' && t.kind === 'design')).toHaveLength(1);
    res = await send('DELETE', '/api/studies/90000001/tags?kind=design');
    const ruleDesign = res.body.tags.find((t: any) => t.source === 'rule' && t.kind === 'design').value;
    expect(res.body.design).toBe(ruleDesign);
    res = await send('PUT', '/api/studies/90000001/tags', { kind: 'design', value: 'controlled_trial' });
    expect((await send('DELETE', '/api/studies/90000001/tags?kind=outcome&value=pain')).status).toBe(404);
  });

  it('curator decisions survive re-ingestion of a revised record and a full re-tag', async () => {
    const revised = {
      ...FIXTURE_STUDIES[0]!,
      mesh: [...(FIXTURE_STUDIES[0]!.mesh ?? []), { descriptor: 'Sleep Quality' }],
      modifiedDate: '2026-11-20',
    };
    const writer = createTagWriter(api.db);
    const store = createStudyStore(api.db, (record, ctx) => writer.write(Number(record.pmid), tagStudy(toTaggable(record)), ctx.now));
    const outcome = store.writeBatch(parsePubmedXml(buildArticleSetXml([revised])).records, [], {
      runId: null,
      topicId: 'tvns',
      origin: 'search',
      now: '2026-11-21T00:00:00.000Z',
    });
    expect(outcome.updated).toBe(1);
    await promisify(execFile)(process.execPath, [retagCommandPath(), '--all'], { env: { ...process.env, DATABASE_URL: api.db.path } });
    const { body } = await send('GET', '/api/studies/90000001');
    expect(body).toMatchObject({ design: 'controlled_trial', sampleSize: 52, curation: { reviewed: true, inclusion: 'include' } });
    expect(body.outcomes).toContain('sleep');
    expect(body.notes).toHaveLength(1);
    expect(body.changes.at(-1).fields).toContain('mesh');
  });

  it('validates write bodies and unknown studies', async () => {
    expect((await send('PUT', '/api/studies/90000001/tags', { kind: 'outcome', value: 'joy', action: 'add' })).status).toBe(400);
    expect((await send('PUT', '/api/studies/90000001/tags', { kind: 'sample_size', value: -3 })).status).toBe(400);
    expect((await send('PUT', '/api/studies/90000001/curation', { inclusion: 'maybe' })).status).toBe(400);
    expect((await send('POST', '/api/studies/90000001/notes', { body: '   ' })).status).toBe(400);
    const malformed = await fetch(`${api.url}/api/studies/90000001/notes`, { method: 'POST', headers: asAnna, body: '{"body": ' });
    expect(malformed.status).toBe(400);
    expect((await send('PUT', '/api/studies/12345/tags', { kind: 'design', value: 'rct' })).status).toBe(404);
    expect((await send('DELETE', '/api/studies/90000001/notes/99999')).status).toBe(404);
  });
});
