import { fail, redirect } from '@sveltejs/kit';
import { curationEnabled, curatorForToken, endSession, startSession } from '#lib/server/curator.ts';
import type { Actions, PageServerLoad } from './$types';

const safeBack = (value: unknown) => {
  const back = typeof value === 'string' ? value : '/';
  return back.startsWith('/') && !back.startsWith('//') ? back : '/';
};

export const load: PageServerLoad = ({ url, locals }) => ({
  enabled: curationEnabled(),
  signedIn: locals.curator !== null,
  redirect: safeBack(url.searchParams.get('redirect')),
});

export const actions: Actions = {
  signin: async ({ request, cookies }) => {
    const form = await request.formData();
    if (!curationEnabled()) return fail(403, { error: 'disabled' as const });
    const curator = curatorForToken(String(form.get('token') ?? ''));
    if (!curator) return fail(401, { error: 'wrong_token' as const });
    startSession(cookies, curator);
    redirect(303, safeBack(form.get('redirect')));
  },
  signout: async ({ cookies, request }) => {
    endSession(cookies);
    redirect(303, safeBack(request.headers.get('referer') ? new URL(request.headers.get('referer')!).pathname : '/'));
  },
};
