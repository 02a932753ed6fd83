import { describe, expect, it } from 'vitest';
import { ingestOutcome } from './alerts.ts';
import { readAlertEnv } from './env.ts';

const topic = (over: Partial<Parameters<typeof ingestOutcome>[0][number]>) => ({
  topic: 'tvns',
  runId: 1,
  status: 'succeeded' as const,
  failed: 0,
  error: null,
  ...over,
});

describe('ingestOutcome', () => {
  const env = readAlertEnv({
    PUBLIC_URL: 'https://evidence.example.org/',
    ALERT_WEBHOOK: 'https://hooks.example.org/x',
    ALERT_FAILED_RECORDS: '5',
  });

  it('is ok when every topic succeeded under the failed-records threshold, naming the last run', () => {
    expect(ingestOutcome([topic({ runId: 3, failed: 4 }), topic({ topic: 'emdr', runId: 4 })], env)).toEqual({
      job: 'ingest',
      ok: true,
      runId: 4,
      reason: null,
      runUrl: 'https://evidence.example.org/runs/4',
    });
  });

  it('fails on a failed topic, naming its run and error', () => {
    const outcome = ingestOutcome(
      [topic({ runId: 3 }), topic({ topic: 'emdr', runId: 4, status: 'failed', error: 'PubMed answered 503' })],
      env,
    );
    expect(outcome).toMatchObject({
      ok: false,
      runId: 4,
      reason: 'emdr: PubMed answered 503',
      runUrl: 'https://evidence.example.org/runs/4',
    });
  });

  it('fails when the failed records of all topics reach ALERT_FAILED_RECORDS', () => {
    const outcome = ingestOutcome([topic({ runId: 3, failed: 3 }), topic({ topic: 'emdr', runId: 4, failed: 2 })], env);
    expect(outcome).toMatchObject({ ok: false, runId: 4, reason: '5 records could not be stored (ALERT_FAILED_RECORDS is 5)' });
    expect(ingestOutcome([topic({ failed: 500 })], readAlertEnv({})).ok).toBe(true);
  });
});
