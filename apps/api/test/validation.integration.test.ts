// Bad input gets a 400 that names the parameter; nothing a client sends produces a 500.
import { seedFixtureCorpus } from '@evidence/test-corpus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startApi, type RunningApi } from './harness.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startApi({ seed: (db) => seedFixtureCorpus(db) });
});
afterAll(() => api?.close());

const BAD_INPUTS: [path: string, parameter: string | undefined, message: RegExp][] = [
  ['/api/studies?topic=Not-A-Topic', 'topic', /topic ids are lower-case/],
  ['/api/studies?outcome=happiness', 'outcome', /Invalid option|expected one of/i],
  ['/api/studies?design=anecdote', 'design', /Invalid option|expected one of/i],
  ['/api/studies?match=some', 'match', /./],
  ['/api/studies?year_from=20x5', 'year_from', /number/i],
  ['/api/studies?year_from=1700', 'year_from', /1800/],
  ['/api/studies?year_from=2025&year_to=2020', 'year_from', /must not be after/],
  ['/api/studies?language=english', 'language', /three-letter/],
  ['/api/studies?retracted=maybe', 'retracted', /./],
  ['/api/studies?reviewed=yes', 'reviewed', /./],
  ['/api/studies?added_since=yesterday', 'added_since', /date|run/],
  ['/api/studies?added_since=2026-02-31T99:00', 'added_since', /date|run/],
  ['/api/studies?added_since=run:999999', 'added_since', /no ingestion run/],
  ['/api/studies?pmid=12a', 'pmid', /PMID/],
  ['/api/studies?limit=0', 'limit', /1/],
  ['/api/studies?limit=100000', 'limit', /200/],
  ['/api/studies?cursor=garbage', 'cursor', /not a cursor/],
  ['/api/studies?cursor=WzEsMl0', 'cursor', /not a cursor/],
  ['/api/studies?cursor=WyJhZGRlZCIsIjIwMjYiLDFd', 'cursor', /belongs to sort=added/],
  ['/api/studies?sort=random', 'sort', /./],
  ['/api/studies?sort=relevance', 'sort', /needs a full-text query/],
  // Search input that is not PubMed syntax is searched as plain words (search-queries test); only
  // input with no words at all is refused.
  ['/api/studies?q=AND%20OR', 'q', /nothing to search for/],
  ['/api/studies?q=*', 'q', /nothing to search for/],
  ['/api/studies?q=((', 'q', /nothing to search for/],
  ['/api/facets?q=%22%22', 'q', /nothing to search for/],
  ['/api/matrix?year_to=abc', 'year_to', /number/i],
  ['/api/timeline?interval=week', 'interval', /./],
  ['/api/studies/abc', 'pmid', /PMID/],
  ['/api/studies/1234567890', 'pmid', /PMID/],
  ['/api/runs?limit=-1', 'limit', /./],
  ['/api/runs/zero', 'id', /./],
];

describe('validation', () => {
  it.each(BAD_INPUTS)('%s → 400 naming %s', async (path, parameter, message) => {
    const { status, body } = await getJson(`${api.url}${path}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
    if (parameter) expect(body.error.parameter).toBe(parameter);
    expect(body.error.message).toMatch(message);
    expect(body.error.requestId).toBeTruthy();
  });

  it('unknown routes are a JSON 404, not a 500', async () => {
    const { status, body } = await getJson(`${api.url}/api/nothing-here`);
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });

  it('hostile values are bound, never spliced into SQL', async () => {
    for (const value of ["' OR 1=1 --", 'x"; DROP TABLE studies; --', '\u0000', '%', '🦠'.repeat(100)]) {
      const res = await fetch(`${api.url}/api/studies?journal=${encodeURIComponent(value)}`);
      expect(res.status).toBeLessThan(500);
      if (res.status === 200) expect(((await res.json()) as any).total).toBe(0);
    }
    const q = await fetch(`${api.url}/api/studies?q=${encodeURIComponent('"a" OR "b"')}`);
    expect(q.status).toBe(200);
    expect(api.db.sqlite.prepare('SELECT count(*) FROM studies').pluck().get() as number).toBeGreaterThan(0);
  });
});
