import { error, fail } from '@sveltejs/kit';
import type { InferResponseType } from 'hono/client';
import { m } from '#lib/paraglide/messages.js';
import { api, callApi, editorHeaders, reachApi } from '#lib/server/api.ts';
import { vocabulary } from '#lib/server/vocab.ts';
import type { Actions, PageServerLoad } from './$types';

type Study = InferResponseType<(typeof api.api.studies)[':pmid']['$get'], 200>;

export const load: PageServerLoad = async ({ params, locals }) => {
  if (!/^\d{1,9}$/.test(params.pmid)) error(404, 'No study with this PMID', { code: 'not_found' });
  const [study, vocab] = await Promise.all([
    callApi<Study>(() => api.api.studies[':pmid'].$get({ param: { pmid: params.pmid } })),
    vocabulary(),
  ]);
  return { study, vocab, canCurate: locals.curator !== null };
};

/** Sends one curator write to the API with the signed-in curator's token (never the browser's). */
async function write(locals: App.Locals, call: (headers: { headers: Record<string, string> }) => Promise<Response>) {
  if (!locals.curator) return fail(403, { error: m.need_signin() });
  const res = await reachApi(() => call(editorHeaders(locals.curator!.token)));
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    return fail(res.status, { error: body?.error?.message ?? m.api_refused({ status: String(res.status) }) });
  }
  return { ok: true };
}

const text = (form: FormData, key: string) => String(form.get(key) ?? '').trim();

export const actions: Actions = {
  outcome: async ({ request, params, locals }) => {
    const form = await request.formData();
    const value = text(form, 'value');
    const action = text(form, 'action');
    const note = text(form, 'note') || undefined;
    if (action === 'withdraw') {
      return write(
        locals,
        (h) => api.api.studies[':pmid'].tags.$delete({ param: params, query: { kind: 'outcome', value } }, h) as Promise<Response>,
      );
    }
    return write(
      locals,
      (h) =>
        api.api.studies[':pmid'].tags.$put(
          {
            param: params,
            json: { kind: 'outcome', value: value as never, action: action === 'remove' ? 'remove' : 'add', ...(note ? { note } : {}) },
          },
          h,
        ) as Promise<Response>,
    );
  },
  design: async ({ request, params, locals }) => {
    const form = await request.formData();
    const value = text(form, 'value');
    if (!value)
      return write(
        locals,
        (h) => api.api.studies[':pmid'].tags.$delete({ param: params, query: { kind: 'design', value: '' } }, h) as Promise<Response>,
      );
    return write(
      locals,
      (h) => api.api.studies[':pmid'].tags.$put({ param: params, json: { kind: 'design', value: value as never } }, h) as Promise<Response>,
    );
  },
  sampleSize: async ({ request, params, locals }) => {
    const form = await request.formData();
    if (text(form, 'action') === 'withdraw') {
      return write(
        locals,
        (h) => api.api.studies[':pmid'].tags.$delete({ param: params, query: { kind: 'sample_size', value: '' } }, h) as Promise<Response>,
      );
    }
    const raw = text(form, 'value');
    const value = raw === '' ? null : Number(raw);
    if (value !== null && (!Number.isInteger(value) || value < 1)) return fail(400, { error: m.sample_size_invalid() });
    return write(
      locals,
      (h) => api.api.studies[':pmid'].tags.$put({ param: params, json: { kind: 'sample_size', value } }, h) as Promise<Response>,
    );
  },
  curation: async ({ request, params, locals }) => {
    const form = await request.formData();
    const inclusion = text(form, 'inclusion');
    return write(
      locals,
      (h) =>
        api.api.studies[':pmid'].curation.$put(
          {
            param: params,
            json: {
              reviewed: form.get('reviewed') === 'on',
              inclusion: inclusion === 'include' || inclusion === 'exclude' ? inclusion : null,
            },
          },
          h,
        ) as Promise<Response>,
    );
  },
  note: async ({ request, params, locals }) => {
    const body = text(await request.formData(), 'body');
    if (!body) return fail(400, { error: m.note_empty() });
    return write(locals, (h) => api.api.studies[':pmid'].notes.$post({ param: params, json: { body } }, h) as Promise<Response>);
  },
  finding: async ({ request, params, locals }) => {
    const form = await request.formData();
    const outcome = text(form, 'outcome');
    if (text(form, 'action') === 'withdraw') {
      return write(
        locals,
        (h) =>
          api.api.studies[':pmid'].findings[':outcome'].$delete(
            { param: { pmid: params.pmid, outcome: outcome as never } },
            h,
          ) as Promise<Response>,
      );
    }
    const direction = text(form, 'direction');
    return write(
      locals,
      (h) =>
        api.api.studies[':pmid'].findings[':outcome'].$put(
          { param: { pmid: params.pmid, outcome: outcome as never }, json: { direction: direction as never } },
          h,
        ) as Promise<Response>,
    );
  },
  quality: async ({ request, params, locals }) => {
    const form = await request.formData();
    // The API checks the signal's name (400 naming the allowed ones); the form only offers valid ones.
    const param = { pmid: params.pmid, signal: text(form, 'signal') as never };
    if (text(form, 'action') === 'withdraw') {
      return write(locals, (h) => api.api.studies[':pmid'].quality[':signal'].$delete({ param }, h) as Promise<Response>);
    }
    const value = text(form, 'value');
    if (value !== 'yes' && value !== 'no') return fail(400, { error: m.quality_choose_value() });
    const note = text(form, 'note') || undefined;
    return write(
      locals,
      (h) => api.api.studies[':pmid'].quality[':signal'].$put({ param, json: { value: value === 'yes', note } }, h) as Promise<Response>,
    );
  },
  deleteNote: async ({ request, params, locals }) => {
    const id = text(await request.formData(), 'id');
    return write(locals, (h) => api.api.studies[':pmid'].notes[':id'].$delete({ param: { ...params, id } }, h) as Promise<Response>);
  },
};
