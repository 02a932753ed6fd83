// The API's responses are JSON, feeds and exports: browsers must never sniff them into HTML (issue #12).
import { createTestDatabase, insertStudy } from '@evidence/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';

let database: ReturnType<typeof createTestDatabase>;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  database = createTestDatabase();
  insertStudy(database, { pmid: 91000002 });
  app = createApp({ database, studyIndex: false, readToken: 'reader:secret' });
});
afterAll(() => database?.remove());

describe('X-Content-Type-Options (security)', () => {
  it.each([
    ['/api/health', 200, {}],
    ['/api/studies', 200, { Authorization: 'Bearer secret' }],
    ['/api/studies', 401, {}],
    ['/api/studies?year_from=abc', 400, { Authorization: 'Bearer secret' }],
    ['/nothing-here', 404, {}],
    ['/api/export?format=bibtex&pmid=91000002', 200, { Authorization: 'Bearer secret' }],
  ])('%s (%i) is sent with nosniff', async (path, status, headers) => {
    const res = await app.request(path, { headers });
    expect(res.status).toBe(status);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('is kept on an answer from the response cache and on a 304', async () => {
    const headers = { Authorization: 'Bearer secret', 'Accept-Encoding': 'br' };
    const first = await app.request('/api/studies?limit=3', { headers });
    const again = await app.request('/api/studies?limit=3', { headers });
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('x-content-type-options')).toBe('nosniff');
    const notModified = await app.request('/api/studies?limit=3', { headers: { ...headers, 'If-None-Match': first.headers.get('etag')! } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
