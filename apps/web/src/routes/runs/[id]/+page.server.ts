import { error } from '@sveltejs/kit';
import type { InferResponseType } from 'hono/client';
import { api, callApi } from '#lib/server/api.ts';
import { vocabulary } from '#lib/server/vocab.ts';
import type { PageServerLoad } from './$types';

type RunDetail = InferResponseType<(typeof api.api.runs)[':id']['$get'], 200>;

export const load: PageServerLoad = async ({ params }) => {
  if (!/^\d{1,9}$/.test(params.id) || Number(params.id) < 1) error(404, 'No run with this id', { code: 'not_found' });
  const [run, vocab] = await Promise.all([callApi<RunDetail>(() => api.api.runs[':id'].$get({ param: { id: params.id } })), vocabulary()]);
  return { run, topicLabel: Object.fromEntries(vocab.topics.map((t) => [t.id, t.label])) };
};
