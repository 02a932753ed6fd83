import { fail } from '@sveltejs/kit';
import type { InferResponseType } from 'hono/client';
import { m } from '#lib/paraglide/messages.js';
import { api, callApi, editorHeaders, reachApi } from '#lib/server/api.ts';
import { curationEnabled } from '#lib/server/curator.ts';
import { vocabulary } from '#lib/server/vocab.ts';
import type { ClaimList } from '../claims/claims.server.ts';
import type { Actions, PageServerLoad } from './$types';

type SubscriptionList = InferResponseType<typeof api.api.subscriptions.$get, 200>;

// Subscriptions hold e-mail addresses: only a signed-in editor lists or changes them (the API
// refuses them to read tokens too). `?filter=` or `?claim=` prefill the form from the studies
// list ("follow this filter") or a claim page.
export const load: PageServerLoad = async ({ locals, url }) => {
  const prefill = { filter: url.searchParams.get('filter'), claimId: url.searchParams.get('claim') };
  if (!locals.curator) return { signedIn: false as const, curationEnabled: curationEnabled(), prefill };
  const [list, claims, vocab] = await Promise.all([
    callApi<SubscriptionList>(() => api.api.subscriptions.$get({}, editorHeaders(locals.curator!.token))),
    callApi<ClaimList>(() => api.api.claims.$get()),
    vocabulary(),
  ]);
  return { signedIn: true as const, subscriptions: list.items, claims: claims.items, vocab, prefill };
};

const text = (form: FormData, key: string) => String(form.get(key) ?? '').trim();

/** One editor write to the subscriptions API; the API's message (e.g. "email: expected an e-mail address") is shown as is. */
async function write(
  locals: App.Locals,
  call: (headers: { headers: Record<string, string> }) => Promise<Response>,
  values?: Record<string, string>,
) {
  if (!locals.curator) return fail(403, { error: m.need_signin(), values });
  const res = await reachApi(() => call(editorHeaders(locals.curator!.token)));
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    return fail(res.status, { error: body?.error?.message ?? m.api_refused({ status: String(res.status) }), values });
  }
  return { ok: true as const };
}

export const actions: Actions = {
  create: async ({ request, locals }) => {
    const form = await request.formData();
    const values = {
      email: text(form, 'email'),
      language: text(form, 'language'),
      frequency: text(form, 'frequency'),
      follows: text(form, 'follows'),
      filter: text(form, 'filter').replace(/^\?/, ''),
      claimId: text(form, 'claimId'),
    };
    if (values.follows === 'claim' && !/^\d+$/.test(values.claimId)) return fail(400, { error: m.subs_choose_claim(), values });
    const json = {
      email: values.email,
      language: values.language as 'en' | 'nl',
      frequency: values.frequency as 'daily' | 'weekly',
      ...(values.follows === 'claim' ? { claimId: Number(values.claimId) } : { filter: values.filter }),
    };
    const result = await write(locals, (h) => api.api.subscriptions.$post({ json }, h) as Promise<Response>, values);
    return 'ok' in result ? { ok: true as const, created: values.email } : result;
  },
  update: async ({ request, locals }) => {
    const form = await request.formData();
    const id = text(form, 'id');
    const json = { language: text(form, 'language') as 'en' | 'nl', frequency: text(form, 'frequency') as 'daily' | 'weekly' };
    return write(locals, (h) => api.api.subscriptions[':id'].$patch({ param: { id }, json }, h) as Promise<Response>);
  },
  remove: async ({ request, locals }) => {
    const id = text(await request.formData(), 'id');
    return write(locals, (h) => api.api.subscriptions[':id'].$delete({ param: { id } }, h) as Promise<Response>);
  },
};
