import { redirect } from '@sveltejs/kit';
import { cookieName, isLocale } from '#lib/paraglide/runtime.js';
import type { RequestHandler } from './$types';

/** The language switcher posts here (works without JS); the choice is kept for a year in a cookie. */
export const POST: RequestHandler = async ({ request, cookies }) => {
  const form = await request.formData();
  const locale = String(form.get('locale') ?? '');
  const back = String(form.get('redirect') ?? '/');
  if (isLocale(locale)) cookies.set(cookieName, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, httpOnly: false, sameSite: 'lax' });
  // Only same-site paths, never an open redirect.
  redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
};
