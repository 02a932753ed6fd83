import { describe, expect, it } from 'vitest';
import { signUnsubscribeToken, unsubscribeTokenId, verifyUnsubscribeToken } from './unsubscribe-token.ts';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('unsubscribe tokens', () => {
  it('verify for the subscription and address they were signed for, the address in any case', () => {
    const token = signUnsubscribeToken(SECRET, 7, 'Reader@Example.org');
    expect(unsubscribeTokenId(token)).toBe(7);
    expect(verifyUnsubscribeToken(SECRET, token, 7, 'reader@example.org')).toBe(true);
  });

  it('fail for another secret, id or address, and for text that is no token', () => {
    const token = signUnsubscribeToken(SECRET, 7, 'reader@example.org');
    expect(verifyUnsubscribeToken('another-secret-of-thirty-two-characters!', token, 7, 'reader@example.org')).toBe(false);
    expect(verifyUnsubscribeToken(SECRET, token, 8, 'reader@example.org')).toBe(false);
    expect(verifyUnsubscribeToken(SECRET, token, 7, 'other@example.org')).toBe(false);
    expect(verifyUnsubscribeToken(SECRET, `${token}x`, 7, 'reader@example.org')).toBe(false);
    for (const text of ['', '7', '7.', 'x.abc', `0.${'a'.repeat(43)}`]) expect(unsubscribeTokenId(text)).toBeNull();
  });
});
