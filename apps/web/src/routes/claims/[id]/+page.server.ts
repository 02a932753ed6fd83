import { error, fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { api, callApi } from '#lib/server/api.ts';
import { curationEnabled } from '#lib/server/curator.ts';
import { vocabulary } from '#lib/server/vocab.ts';
import { curatorWrite, parseClaimForm, shownFromUrl, STANCES, type ClaimDetail } from '../claims.server.ts';
import type { Actions, PageServerLoad } from './$types';

const validId = (id: string) => /^\d{1,9}$/.test(id) && Number(id) > 0;

export const load: PageServerLoad = async ({ params, locals, url }) => {
  if (!validId(params.id)) error(404, 'No claim with this id', { code: 'not_found' });
  const [claim, vocab] = await Promise.all([
    callApi<ClaimDetail>(() => api.api.claims[':id'].$get({ param: { id: params.id }, query: shownFromUrl(url) })),
    vocabulary(),
  ]);
  return { claim, vocab, canCurate: locals.curator !== null, curationEnabled: curationEnabled() };
};

const done = async (result: Awaited<ReturnType<typeof curatorWrite>>, ok: Record<string, unknown> = {}) =>
  result.failure ?? { ok: true as const, ...ok };

export const actions: Actions = {
  update: async ({ request, params, locals }) => {
    const { values, missing, body } = parseClaimForm(await request.formData(), locals.curator?.name ?? '');
    if (missing) return fail(400, { error: 'required' as const, message: '', values });
    return done(
      await curatorWrite(
        locals,
        (h) => api.api.claims[':id'].$patch({ param: { id: params.id }, json: body as never }, h) as Promise<Response>,
        { values },
      ),
      { saved: true },
    );
  },
  review: async ({ params, locals }) =>
    done(await curatorWrite(locals, (h) => api.api.claims[':id'].review.$post({ param: { id: params.id } }, h) as Promise<Response>), {
      reviewed: true,
    }),
  /** Moves a pin one place up or down in the reference list (the button says which, as `position`). */
  move: async ({ request, params, locals }) => {
    const form = await request.formData();
    const pmid = String(form.get('pmid') ?? '');
    const position = Number(form.get('position'));
    if (!/^\d{1,9}$/.test(pmid) || !Number.isInteger(position) || position < 1)
      return fail(400, { error: 'api' as const, message: m.claims_move_invalid(), pmid });
    return done(
      await curatorWrite(
        locals,
        (h) =>
          api.api.claims[':id'].pins[':pmid'].position.$put({ param: { id: params.id, pmid }, json: { position } }, h) as Promise<Response>,
        { pmid },
      ),
      { moved: pmid },
    );
  },
  pin: async ({ request, params, locals }) => {
    const form = await request.formData();
    const pmid = String(form.get('pmid') ?? '');
    const stance = String(form.get('stance') ?? '');
    const note = String(form.get('note') ?? '').trim();
    if (!/^\d{1,9}$/.test(pmid) || !(STANCES as readonly string[]).includes(stance))
      return fail(400, { error: 'api' as const, message: m.claims_choose_stance(), pmid });
    if (String(form.get('action')) === 'unpin') {
      return done(
        await curatorWrite(
          locals,
          (h) => api.api.claims[':id'].pins[':pmid'].$delete({ param: { id: params.id, pmid } }, h) as Promise<Response>,
          { pmid },
        ),
      );
    }
    return done(
      await curatorWrite(
        locals,
        (h) =>
          api.api.claims[':id'].pins[':pmid'].$put(
            {
              param: { id: params.id, pmid },
              json: { stance: stance as (typeof STANCES)[number], ...(note ? { note } : {}) },
            },
            h,
          ) as Promise<Response>,
        { pmid },
      ),
    );
  },
};
