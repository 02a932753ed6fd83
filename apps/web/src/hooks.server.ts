import type { Handle } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '#lib/paraglide/server.js';
import { cookieName } from '#lib/paraglide/runtime.js';
import { curatorFromCookies } from '#lib/server/curator.ts';
import { SECURITY_HEADERS } from '#lib/server/security-headers.ts';

const ONE_YEAR = 60 * 60 * 24 * 365;

function withSecurityHeaders(response: Response): Response {
  try {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
    return response;
  } catch {
    // A response passed through from fetch() has immutable headers: copy it.
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) copy.headers.set(name, value);
    return copy;
  }
}

// paraglideMiddleware picks the locale per request (cookie, else Accept-Language) and keeps it in
// AsyncLocalStorage, so concurrent requests in different languages never mix.
export const handle: Handle = async ({ event, resolve }) =>
  withSecurityHeaders(
    // Locales come from a cookie or Accept-Language, never the URL, so the request passes through
    // unchanged (and event.request is read-only in kit 3).
    await paraglideMiddleware(event.request, ({ locale }) => {
      event.locals.curator = curatorFromCookies(event.cookies);
      // Pin the negotiated language so the browser's hydration agrees with the server's render.
      if (!event.cookies.get(cookieName)) {
        event.cookies.set(cookieName, locale, { path: '/', maxAge: ONE_YEAR, httpOnly: false, sameSite: 'lax' });
      }
      return resolve(event, {
        transformPageChunk: ({ html }) => html.replace('%lang%', locale),
      });
    }),
  );
