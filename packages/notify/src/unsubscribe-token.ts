import { createHmac, timingSafeEqual } from 'node:crypto';

// The signed token of the one-click unsubscribe link. It names the subscription and is signed with
// HMAC-SHA256 over the id *and* the address, so a token stays bound to the person it was mailed to:
// an id reused after a delete, or an address changed by an editor, makes old tokens invalid.

/** The shortest DIGEST_SECRET accepted: 32 characters (an HMAC key shorter than its hash weakens it). */
export const MIN_SECRET_LENGTH = 32;

const signature = (secret: string, id: number, email: string) =>
  createHmac('sha256', secret).update(`unsubscribe:v1:${id}:${email.toLowerCase()}`).digest('base64url');

/** `<id>.<signature>`: short enough for a URL, opaque to the reader. */
export function signUnsubscribeToken(secret: string, id: number, email: string): string {
  return `${id}.${signature(secret, id, email)}`;
}

/** The subscription id a token names, or null when it is not a token at all (the signature is checked by verify). */
export function unsubscribeTokenId(token: string): number | null {
  const match = /^([1-9]\d{0,11})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return match ? Number(match[1]) : null;
}

/** True when the token was signed with this secret for this subscription and address (constant-time). */
export function verifyUnsubscribeToken(secret: string, token: string, id: number, email: string): boolean {
  const expected = Buffer.from(signUnsubscribeToken(secret, id, email));
  const presented = Buffer.from(token);
  return expected.length === presented.length && timingSafeEqual(expected, presented);
}
