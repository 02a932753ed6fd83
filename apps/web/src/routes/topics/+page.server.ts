import type { InferResponseType } from 'hono/client';
import { api, callApi } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

type Topics = InferResponseType<typeof api.api.topics.$get, 200>;

export const load: PageServerLoad = async () => callApi<Topics>(() => api.api.topics.$get());
