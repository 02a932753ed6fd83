// Curator sign-in. The editor token (EVIDENCE_EDITOR_TOKEN) lives only in this server's environment.
// A curator proves they know it once, on /signin; the server then sets an httpOnly, SameSite=Strict
// cookie "<name>.<issuedAt>.<hmac>" keyed by that token, so rotating the token ends every session and
// the browser never holds the token itself. Writes are form actions that add the token server-side.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { env } from './env.ts';

const CURATOR_COOKIE = 'curator_session';
const SESSION_SECONDS = 12 * 60 * 60;

export interface Curator {
  name: string;
  token: string;
}

const sha = (value: string) => createHash('sha256').update(value).digest();
const sign = (token: string, payload: string) =>
  createHmac('sha256', sha(`evidence-web-session:${token}`))
    .update(payload)
    .digest('base64url');

export const curationEnabled = () => env.editorTokens.size > 0;

/** Finds the curator whose token was presented (constant-time comparison of digests). */
export function curatorForToken(presented: string): Curator | null {
  const candidate = sha(presented.trim());
  for (const [name, token] of env.editorTokens) {
    if (timingSafeEqual(sha(token), candidate)) return { name, token };
  }
  return null;
}

export function startSession(cookies: Cookies, curator: Curator, now = Date.now()): void {
  const payload = `${encodeURIComponent(curator.name)}.${Math.floor(now / 1000)}`;
  cookies.set(CURATOR_COOKIE, `${payload}.${sign(curator.token, payload)}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: env.secureCookies,
    maxAge: SESSION_SECONDS,
  });
}

export function endSession(cookies: Cookies): void {
  cookies.delete(CURATOR_COOKIE, { path: '/' });
}

/**
 * The signed-in curator, if the cookie is valid for a token that is still configured. Any other
 * cookie (malformed, forged, expired, for a rotated token) is no session, and is cleared.
 */
export function curatorFromCookies(cookies: Cookies, now = Date.now()): Curator | null {
  const value = cookies.get(CURATOR_COOKIE);
  if (!value) return null;
  const curator = curationEnabled() ? verifySession(value, now) : null;
  if (!curator) endSession(cookies);
  return curator;
}

function verifySession(value: string, now: number): Curator | null {
  const [rawName, issued, signature, ...rest] = value.split('.');
  if (!rawName || !issued || !signature || rest.length > 0 || !/^\d+$/.test(issued)) return null;
  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    return null; // a malformed percent-escape (%E0%A4%A) is no name
  }
  const token = env.editorTokens.get(name);
  if (!token) return null;
  if (now / 1000 - Number(issued) > SESSION_SECONDS) return null;
  const expected = Buffer.from(sign(token, `${rawName}.${issued}`));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { name, token } : null;
}
