// Subscriptions through the real API: editor-only CRUD with the studies list's filter checks, and the
// public signed unsubscribe link (GET shows a button and changes nothing; POST is RFC 8058's one-click).
import { signUnsubscribeToken } from '@evidence/notify/unsubscribe-token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startApi, type RunningApi } from './harness.ts';

const SECRET = 'test-secret-of-at-least-thirty-two-characters';
const EDITOR = { Authorization: 'Bearer writer-token', 'Content-Type': 'application/json' };
const READER = { Authorization: 'Bearer reader-token' };
const NOW = new Date('2031-03-04T05:06:07.000Z');

let api: RunningApi;
const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = EDITOR) =>
  getJson(`${api.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });

beforeAll(async () => {
  api = await startApi({ editorToken: 'writer:writer-token', readToken: 'reader-token', digestSecret: SECRET, now: () => NOW });
});
afterAll(() => api?.close());

describe('subscriptions', () => {
  it('creates, reads, changes and deletes a subscription to a saved filter, stored in canonical order', async () => {
    const created = await send('POST', '/api/subscriptions', {
      email: 'reader@example.org',
      language: 'nl',
      frequency: 'weekly',
      filter: 'outcome=pain&topic=chiropractic&match=any&direction=improved',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body).toMatchObject({
      email: 'reader@example.org',
      language: 'nl',
      frequency: 'weekly',
      // Filter-table order, the default match=any left out.
      filter: 'topic=chiropractic&outcome=pain&direction=improved',
      claimId: null,
      active: true,
      createdBy: 'writer',
      createdAt: NOW.toISOString(),
      watermark: NOW.toISOString(),
      lastDigestAt: null,
      lastSend: null,
    });
    const id = created.body.id;
    expect((await send('GET', `/api/subscriptions/${id}`)).body.email).toBe('reader@example.org');
    expect((await send('GET', '/api/subscriptions')).body.items.map((s: { id: number }) => s.id)).toContain(id);

    const changed = await send('PATCH', `/api/subscriptions/${id}`, { frequency: 'daily', claimId: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ frequency: 'daily', claimId: 1, filter: null, language: 'nl' });

    expect((await send('DELETE', `/api/subscriptions/${id}`)).body).toEqual({ deleted: id });
    expect((await send('GET', `/api/subscriptions/${id}`)).status).toBe(404);
  });

  it('refuses bad e-mail, language, frequency and filters, naming the parameter', async () => {
    const base = { email: 'a@example.org', language: 'en', frequency: 'daily', filter: '' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, email: 'not-an-address' }, 'email'],
      [{ ...base, language: 'de' }, 'language'],
      [{ ...base, frequency: 'hourly' }, 'frequency'],
      [{ ...base, filter: 'outcome=not-an-outcome' }, 'filter.outcome'],
      [{ ...base, filter: 'year_from=2020&year_to=2010' }, 'filter.year_from'],
      [{ ...base, filter: 'sort=newest' }, 'filter.sort'],
      [{ ...base, filter: 'q=AND%20OR' }, 'filter.q'],
      [{ ...base, filter: 'added_since=run:999999' }, 'filter.added_since'],
      [{ ...base, filter: undefined, claimId: 999 }, 'claimId'],
      [{ ...base, claimId: 1 }, 'filter'],
      [{ ...base, filter: undefined }, 'filter'],
    ];
    for (const [body, parameter] of cases) {
      const res = await send('POST', '/api/subscriptions', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_parameter');
      expect(res.body.error.parameter, JSON.stringify(res.body)).toBe(parameter);
      expect(res.body.error.message).not.toMatch(/\n/);
    }
  });

  it('needs an editor token even to read: addresses are personal data', async () => {
    expect((await send('GET', '/api/subscriptions', undefined, READER)).status).toBe(403);
    expect((await send('GET', '/api/subscriptions', undefined, {})).status).toBe(401);
    expect((await send('POST', '/api/subscriptions', { email: 'x@example.org' }, READER)).status).toBe(403);
  });

  it('unsubscribes by the signed link without any API token: GET asks, POST (one-click) does it', async () => {
    const { body: sub } = await send('POST', '/api/subscriptions', {
      email: 'Leave@Example.org',
      language: 'en',
      frequency: 'daily',
      filter: '',
    });
    const token = signUnsubscribeToken(SECRET, sub.id, sub.email);

    const page = await fetch(`${api.url}/api/unsubscribe?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('Leave@Example.org');
    expect(html).toMatch(/<form method="post"/);
    // Opening the link (a scanner, a preview) unsubscribes nobody.
    expect((await send('GET', `/api/subscriptions/${sub.id}`)).body.active).toBe(true);

    // What a mail client sends for List-Unsubscribe-Post: a form body, no credentials.
    const oneClick = await fetch(`${api.url}/api/unsubscribe?token=${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('is unsubscribed');
    const after = (await send('GET', `/api/subscriptions/${sub.id}`)).body;
    expect(after).toMatchObject({ active: false, unsubscribedAt: NOW.toISOString() });

    const again = await send('POST', `/api/unsubscribe?token=${token}`, undefined, { Accept: 'application/json' });
    expect(again.body).toEqual({ unsubscribed: true, email: 'Leave@Example.org', unsubscribedAt: NOW.toISOString() });
  });

  it('refuses a forged, foreign or malformed token in one line', async () => {
    const { body: sub } = await send('POST', '/api/subscriptions', {
      email: 'stay@example.org',
      language: 'nl',
      frequency: 'weekly',
      filter: '',
    });
    const forged = signUnsubscribeToken('another-secret-of-thirty-two-characters!!', sub.id, sub.email);
    const otherAddress = signUnsubscribeToken(SECRET, sub.id, 'someone-else@example.org');
    for (const token of [forged, otherAddress, 'garbage', `${sub.id}.`]) {
      const res = await send('POST', `/api/unsubscribe?token=${encodeURIComponent(token)}`, undefined, { Accept: 'application/json' });
      expect(res.status).toBe(400);
      expect(res.body.error.parameter).toBe('token');
    }
    expect((await send('GET', `/api/subscriptions/${sub.id}`)).body.active).toBe(true);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await getJson(`${api.url}/api/openapi.json`)).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/subscriptions', '/api/subscriptions/{id}', '/api/unsubscribe']));
    expect(Object.keys(doc.paths['/api/unsubscribe'])).toEqual(['get', 'post']);
    expect(doc.components.schemas.Subscription.properties.lastSend).toBeDefined();
  });
});

describe('unsubscribe without DIGEST_SECRET', () => {
  it('answers 503 unsubscribe_disabled rather than accepting any token', async () => {
    const bare = await startApi({ editorToken: 'writer:writer-token' });
    try {
      const res = await getJson(`${bare.url}/api/unsubscribe?token=1.${'a'.repeat(43)}`);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('unsubscribe_disabled');
    } finally {
      await bare.close();
    }
  });
});
