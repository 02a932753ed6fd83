import type { InferResponseType } from 'hono/client';
import { api, callApi } from '#lib/server/api.ts';
import { vocabulary } from '#lib/server/vocab.ts';
import type { PageServerLoad } from './$types';

type Runs = InferResponseType<typeof api.api.runs.$get, 200>;

export const load: PageServerLoad = async ({ url }) => {
  const before = url.searchParams.get('before');
  const [runs, vocab] = await Promise.all([
    callApi<Runs>(() => api.api.runs.$get({ query: { limit: '50', ...(before && /^\d+$/.test(before) ? { before } : {}) } })),
    vocabulary(),
  ]);
  return { ...runs, before, topicLabel: Object.fromEntries(vocab.topics.map((t) => [t.id, t.label])) };
};
