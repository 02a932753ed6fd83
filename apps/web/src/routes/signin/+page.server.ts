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
    // The form posts to ?/signin, which drops ?redirect= from the URL; hand the target back on failure
    // so a second attempt still returns the curator to the page they came from.
    const back = safeBack(form.get('redirect'));
    if (!curationEnabled()) return fail(403, { error: 'disabled' as const, redirect: back });
    const curator = curatorForToken(String(form.get('token') ?? ''));
    if (!curator) return fail(401, { error: 'wrong_token' as const, redirect: back });
    startSession(cookies, curator);
    redirect(303, back);
  },
  signout: async ({ cookies, request }) => {
    endSession(cookies);
    redirect(303, safeBack(request.headers.get('referer') ? new URL(request.headers.get('referer')!).pathname : '/'));
  },
};
