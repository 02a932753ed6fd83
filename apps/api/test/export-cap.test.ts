// The export caps: refused with a 400 that says why, never silently truncated.
import { createTestDatabase, insertStudy } from '@evidence/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { EXPORT_CAP, FORMATTED_CAP } from '../src/routes/export/export.ts';

let database: ReturnType<typeof createTestDatabase>;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  database = createTestDatabase();
  database.sqlite.transaction(() => {
    for (let i = 0; i <= EXPORT_CAP; i++) {
      insertStudy(database, {
        pmid: 91000000 + i,
        pubYear: i < FORMATTED_CAP ? 2020 : 2010,
        doi: `10.5555/cap.${i}`,
        topics: i === 0 ? ['tvns'] : [],
      });
    }
  })();
  app = createApp({ database });
});
afterAll(() => database?.remove());

describe('export caps', () => {
  it(`refuses more than ${EXPORT_CAP} studies with a 400 that gives the count and the cap`, async () => {
    const res = await app.request('/api/export?format=csv');
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('export_too_large');
    expect(error.message).toContain('5,001');
    expect(error.message).toContain('5,000');
  });

  it(`exports exactly ${EXPORT_CAP} studies as RIS, but refuses that many formatted references`, async () => {
    const ris = await app.request('/api/export?format=ris&year_from=2010&year_to=2010&retracted=include');
    // 4,001 rows from 2010: under the data cap.
    expect(ris.status).toBe(200);
    expect(ris.headers.get('x-result-count')).toBe(String(EXPORT_CAP + 1 - FORMATTED_CAP));
    const apa = await app.request('/api/export?format=apa&year_from=2010');
    expect(apa.status).toBe(400);
    expect(((await apa.json()) as { error: { message: string } }).error.message).toContain(
      `at most ${FORMATTED_CAP.toLocaleString('en-US')}`,
    );
  });

  it(`formats up to ${FORMATTED_CAP} references`, async () => {
    const res = await app.request('/api/export?format=vancouver&year_from=2020');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-result-count')).toBe(String(FORMATTED_CAP));
    const text = await res.text();
    expect(text).toContain(`${FORMATTED_CAP}. [Fixture] Study 91000000. Fixture Journal of Testing. 2020.`);
  });
});
