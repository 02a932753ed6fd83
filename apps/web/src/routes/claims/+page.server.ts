import { fail, redirect } from '@sveltejs/kit';
import { api, callApi } from '#lib/server/api.ts';
import { curationEnabled } from '#lib/server/curator.ts';
import { vocabulary } from '#lib/server/vocab.ts';
import { curatorWrite, parseClaimForm, type ClaimList } from './claims.server.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  // Each listed claim carries its structured evidence counts, which the page words in the reader's language.
  const [list, vocab] = await Promise.all([callApi<ClaimList>(() => api.api.claims.$get()), vocabulary()]);
  return {
    claims: list.items,
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
