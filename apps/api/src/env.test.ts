import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { InvalidEnv, readApiEnv } from './env.ts';

describe('readApiEnv', () => {
  it('defaults: port 8787, one reader per core, 2000 ms read timeout, 32 queued reads per reader, request logs on, no tokens', () => {
    expect(readApiEnv({}).EVIDENCE_READ_TOKEN).toBeUndefined();
    expect(readApiEnv({})).toMatchObject({
      API_HOST: '127.0.0.1',
      API_PORT: 8787,
      API_READERS: availableParallelism(),
      API_READ_TIMEOUT_MS: 2000,
      API_READ_QUEUE: 32,
      API_READ_QUEUE_WAIT_MS: 10000,
      LOG_REQUESTS: true,
      CORS_ORIGINS: [],
    });
  });

  it('parses the reader pool settings, origins and an empty editor token as unset', () => {
    const env = readApiEnv({
      API_READERS: '3',
      API_READ_TIMEOUT_MS: '500',
      API_READ_QUEUE: '4',
      CORS_ORIGINS: 'https://a.example, http://127.0.0.1:5173',
      EVIDENCE_EDITOR_TOKEN: ' ',
    });
    expect(env).toMatchObject({ API_READERS: 3, API_READ_TIMEOUT_MS: 500, API_READ_QUEUE: 4, EVIDENCE_EDITOR_TOKEN: undefined });
    expect(env.CORS_ORIGINS).toEqual(['https://a.example', 'http://127.0.0.1:5173']);
  });

  it('refuses a bad value with one line naming the variable', () => {
    expect(() => readApiEnv({ API_READ_TIMEOUT_MS: '-5' })).toThrow(InvalidEnv);
    expect(() => readApiEnv({ API_READERS: '1.5' })).toThrow("API_READERS: expected a positive integer (reader threads), got '1.5'");
  });

  it('takes a DIGEST_SECRET of 32 characters or more, and never quotes a short one back', () => {
    expect(readApiEnv({}).DIGEST_SECRET).toBeUndefined();
    expect(readApiEnv({ DIGEST_SECRET: 'x'.repeat(32) }).DIGEST_SECRET).toBe('x'.repeat(32));
    expect(() => readApiEnv({ DIGEST_SECRET: 'short-secret' })).toThrow(
      'DIGEST_SECRET: expected a secret of at least 32 characters (e.g. openssl rand -hex 32)',
    );
    expect(() => readApiEnv({ DIGEST_SECRET: 'short-secret' })).not.toThrow(/short-secret/);
  });
});
