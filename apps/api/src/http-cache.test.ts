// The response cache computes an answer once even when many clients ask for it at the same moment.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from './context.ts';
import type { DataGeneration } from './data-generation.ts';
import { createResponseCache } from './http-cache.ts';

const fixedGeneration: DataGeneration = { current: () => '1.0', ownWrites: () => 0, markWrite: () => {} };

function appCountingComputations(answer: (n: number) => Response | Promise<Response>) {
  let computed = 0;
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('requestId', 'test');
      await next();
    })
    .use(createResponseCache(fixedGeneration).middleware)
    .get('/answer', async () => {
      const n = ++computed;
      await gate;
      return answer(n);
    });
  return { app, computed: () => computed, release };
}

describe('response cache: concurrent misses of one URL', () => {
  it('computes the answer once and serves it to every waiting request', async () => {
    const { app, computed, release } = appCountingComputations((n) => Response.json({ computation: n, pad: 'x'.repeat(2000) }));
    const requests = Array.from({ length: 5 }, () => app.request('/answer'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    const answers = await Promise.all(requests);
    expect(computed()).toBe(1);
    expect(new Set(answers.map((a) => a.headers.get('etag'))).size).toBe(1);
    for (const a of answers) expect(await a.json()).toMatchObject({ computation: 1 });
  });

  it('lets each waiting request compute its own answer when the first was not kept (an error)', async () => {
    const { app, computed, release } = appCountingComputations((n) =>
      n === 1 ? Response.json({ error: 'first fails' }, { status: 503 }) : Response.json({ computation: n }),
    );
    const requests = Array.from({ length: 3 }, () => app.request('/answer'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    const statuses = (await Promise.all(requests)).map((a) => a.status).sort();
    expect(statuses[0]).toBe(200);
    expect(statuses.at(-1)).toBe(503);
    expect(computed()).toBeGreaterThan(1);
  });
});
