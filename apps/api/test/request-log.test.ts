/**
 * Issue #16 part 4: structured (pino) logs: a JSON line per request, and a server error logged with
 * its stack under the request id its error response carries.
 */
import { createTestDatabase, insertStudy } from '@evidence/schema/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function appWithLog(logRequests: boolean) {
  const db = createTestDatabase();
  cleanups.push(db.remove);
  insertStudy(db, { pmid: 90000001, topics: ['tvns'] });
  const lines: string[] = [];
  const app = createApp({ database: db, readers: 0, studyIndex: false, logRequests, logLine: (line) => lines.push(line) });
  const entries = () => lines.map((l) => JSON.parse(l) as Record<string, any>);
  return { app, db, lines, entries };
}

describe('request log', () => {
  it('writes one JSON line per request: level, ISO time, request id, method, route path, status, ms', async () => {
    const { app, lines, entries } = appWithLog(true);
    const res = await app.request('/api/studies/90000001');
    expect(res.status).toBe(200);
    await app.request('/api/studies/90000999');
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    const [ok, missing] = entries();
    expect(ok).toMatchObject({
      level: 'info',
      requestId: res.headers.get('x-request-id'),
      method: 'GET',
      path: '/api/studies/90000001',
      status: 200,
    });
    expect(new Date(ok!.time).toISOString()).toBe(ok!.time);
    expect(ok!.ms).toEqual(expect.any(Number));
    expect(missing).toMatchObject({ level: 'info', status: 404 });
  });

  it('logs a server error with its stack and the request id of the error response, also with request lines off', async () => {
    for (const logRequests of [true, false]) {
      const { app, db, entries } = appWithLog(logRequests);
      await app.request('/api/health');
      // A closed connection: the next query throws an error no domain error describes.
      db.sqlite.close();
      const res = await app.request('/api/studies?topic=tvns');
      expect(res.status).toBe(500);
      const body = (await res.json()) as { error: { code: string; requestId: string; message: string } };
      expect(body.error).toMatchObject({ code: 'internal_error', message: 'Internal server error' });
      const errors = entries().filter((e) => e.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ requestId: body.error.requestId, status: 500, path: '/api/studies' });
      expect(errors[0]!.err.stack).toContain(errors[0]!.err.message);
      expect(errors[0]!.err.stack).toMatch(/\n\s+at /);
      // Request lines only when asked for: the health check shows up only then.
      expect(entries().some((e) => e.path === '/api/health')).toBe(logRequests);
    }
  });
});
