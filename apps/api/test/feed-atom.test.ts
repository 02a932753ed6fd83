// The Atom feed of newly found studies, parsed as XML.
import { createTestDatabase, insertStudy } from '@evidence/schema/testing';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';

let database: ReturnType<typeof createTestDatabase>;
let app: ReturnType<typeof createApp>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['entry', 'link', 'category'].includes(name),
});

beforeAll(() => {
  database = createTestDatabase();
  const seen = database.sqlite.prepare('UPDATE studies SET first_seen_at = ?, design = ? WHERE pmid = ?');
  database.sqlite.transaction(() => {
    for (let i = 1; i <= 60; i++) {
      insertStudy(database, {
        pmid: 90000000 + i,
        title: i === 7 ? 'Vagal tone & <b>HRV</b>: a "trial"' : undefined,
        topics: [i % 2 ? 'tvns' : 'emdr'],
        isRetracted: i === 59,
        journalTitle: 'Fixture J',
        pubYear: 2000 + (i % 20),
      });
      seen.run(new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), i % 3 ? 'rct' : null, 90000000 + i);
    }
  })();
  app = createApp({ database, now: () => new Date('2026-11-24T00:00:00Z') });
});
afterAll(() => database?.remove());

async function feed(query = '') {
  const res = await app.request(`/api/feed.atom${query}`);
  return { res, text: await res.text() };
}

describe('GET /api/feed.atom', () => {
  it('is Atom XML with the 50 newest studies by first-seen time, newest first', async () => {
    const { res, text } = await feed();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const doc = parser.parse(text);
    expect(doc.feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(doc.feed.author.name).toBeTruthy();
    const entries = doc.feed.entry as any[];
    expect(entries).toHaveLength(50);
    expect(entries[0].id).toBe('urn:pmid:90000060');
    expect(entries[49].id).toBe('urn:pmid:90000011');
    expect(entries[0].updated).toBe('2026-01-01T01:00:00.000Z');
    expect(doc.feed.updated).toBe('2026-01-01T01:00:00.000Z');
    expect(entries[0].link[0]['@href']).toBe('https://pubmed.ncbi.nlm.nih.gov/90000060/');
  });

  it('applies the study filters and a smaller limit', async () => {
    const doc = parser.parse((await feed('?topic=tvns&limit=5')).text);
    const entries = doc.feed.entry as any[];
    expect(entries.map((e) => e.id)).toEqual([
      'urn:pmid:90000059',
      'urn:pmid:90000057',
      'urn:pmid:90000055',
      'urn:pmid:90000053',
      'urn:pmid:90000051',
    ]);
    expect(entries.every((e) => e.category.some((c: any) => c['@term'] === 'tvns'))).toBe(true);
    expect(doc.feed.title).toContain('topic: tvns');
  });

  it('marks retracted studies and summarises journal, year and design', async () => {
    const entries = parser.parse((await feed('?pmid=90000059&pmid=90000058')).text).feed.entry as any[];
    const retracted = entries.find((e) => e.id === 'urn:pmid:90000059');
    expect(retracted.title['#text']).toMatch(/^\[RETRACTED\] /);
    expect(retracted.summary['#text']).toMatch(/^RETRACTED · Fixture J, 2019 · Randomised controlled trial/);
    const other = entries.find((e) => e.id === 'urn:pmid:90000058');
    expect(other.summary['#text']).not.toContain('RETRACTED');
  });

  it('titles are plain text: markup in a title is escaped, never live HTML', async () => {
    const { text } = await feed('?pmid=90000007');
    const entry = (parser.parse(text).feed.entry as any[])[0];
    expect(entry.title['@type']).toBe('html');
    expect(entry.title['#text']).toBe('Vagal tone &amp; &lt;b&gt;HRV&lt;/b&gt;: a &quot;trial&quot;');
  });

  it('an empty result is a valid feed without entries', async () => {
    const doc = parser.parse((await feed('?pmid=1')).text);
    expect(doc.feed.entry).toBeUndefined();
    expect(doc.feed.updated).toBe('2026-11-24T00:00:00.000Z');
  });

  it('rejects bad parameters with the shared 400', async () => {
    for (const [query, parameter] of [
      ['?limit=51', 'limit'],
      ['?outcome=nope', 'outcome'],
    ] as const) {
      const { res, text } = await feed(query);
      expect(res.status).toBe(400);
      expect(JSON.parse(text).error.parameter.split('.')[0]).toBe(parameter);
    }
  });

  it('is listed in the OpenAPI document as application/atom+xml', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as any;
    expect(Object.keys(doc.paths['/api/feed.atom'].get.responses['200'].content)).toEqual(['application/atom+xml']);
  });
});
