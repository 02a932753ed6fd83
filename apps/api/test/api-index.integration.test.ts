// GET /api lists where to go (the URL the main job prints must answer), and /api/health says whether
// the database holds demo data, so the dashboard can mark every page (issue #15).
import { insertStudy } from '@evidence/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startApi, type RunningApi } from './harness.ts';

describe('API root and demo-data flag', () => {
  let demo: RunningApi;
  let plain: RunningApi;
  beforeAll(async () => {
    demo = await startApi({ readers: 0, readToken: 'reader:secret', seed: (db) => insertStudy(db, { pmid: 90000001 }) });
    // A row outside the fixture range and without the fixture mark stands in for real data.
    plain = await startApi({ readers: 0, seed: (db) => insertStudy(db, { pmid: 1234, title: 'Unmarked test row' }) });
  });
  afterAll(async () => {
    await demo?.close();
    await plain?.close();
  });

  it('GET /api (and /api/) lists the docs, the OpenAPI document and every operation, open like the docs', async () => {
    for (const path of ['/api', '/api/']) {
      const { status, body } = await getJson(`${demo.url}${path}`);
      expect(status, path).toBe(200);
      expect(body.links).toEqual({ docs: '/api/docs', openapi: '/api/openapi.json', health: '/api/health' });
      const paths = (body.operations as { method: string; path: string }[]).map((o) => `${o.method} ${o.path}`);
      expect(paths).toEqual(expect.arrayContaining(['GET /api/studies', 'GET /api/studies/:pmid', 'GET /api/facets', 'GET /api/health']));
    }
  });

  it('health says whether the database holds demo records', async () => {
    expect((await getJson(`${demo.url}/api/health`)).body.demoData).toBe(true);
    expect((await getJson(`${plain.url}/api/health`)).body.demoData).toBe(false);
  });
});
