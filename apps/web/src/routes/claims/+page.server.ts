import { fail, redirect } from '@sveltejs/kit';
import { api, callApi } from '#lib/server/api.ts';
import { curationEnabled } from '#lib/server/curator.ts';
import { vocabulary } from '#lib/server/vocab.ts';
import { curatorWrite, parseClaimForm, type ClaimDetail, type ClaimList } from './claims.server.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const [list, vocab] = await Promise.all([callApi<ClaimList>(() => api.api.claims.$get()), vocabulary()]);
  // The list gives the summary as an English line only; the structured counts (to localise it) come
  // with each claim, asked for with limit=1 so no study rows travel. Claims are few (tens at most).
  const summaries = await Promise.all(list.items.map((c) =>
    callApi<ClaimDetail>(() => api.api.claims[':id'].$get({ param: { id: String(c.id) }, query: { limit: '1' } })).then((d) => d.summary)));
  return {
    claims: list.items.map((c, i) => ({ ...c, counts: summaries[i]! })),
    vocab,
    canCurate: locals.curator !== null,
    curator: locals.curator?.name ?? null,
    curationEnabled: curationEnabled(),
  };
};

export const actions: Actions = {
  create: async ({ request, locals }) => {
    const { values, missing, body } = parseClaimForm(await request.formData(), locals.curator?.name ?? '');
    if (missing) return fail(400, { error: 'required' as const, message: '', values });
    const result = await curatorWrite(locals, (h) => api.api.claims.$post({ json: body as never }, h) as Promise<Response>, { values });
    if (result.failure) return result.failure;
    const created = (await result.response.json()) as { id: number };
    redirect(303, `/claims/${created.id}`);
  },
};
