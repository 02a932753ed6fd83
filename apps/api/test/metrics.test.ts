/**
 * Issue #16 part 4: GET /metrics in Prometheus text format: requests and latency per route
 * pattern, response-cache lookups, and runs, studies, last successes and digest sends read from
 * the database at scrape time.
 */
import { createTestDatabase, insertStudy } from '@evidence/schema/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from '../src/app.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function app(options: Partial<AppOptions> = {}) {
  const db = createTestDatabase();
  cleanups.push(db.remove);
  insertStudy(db, { pmid: 90000001, topics: ['tvns'] });
  insertStudy(db, { pmid: 90000002, topics: ['eft'] });
  const run = db.sqlite.prepare(`INSERT INTO ingestion_runs (kind, topic_id, started_at, ended_at, status) VALUES (?, ?, ?, ?, ?)`);
  run.run('search', 'tvns', '2026-02-01T03:00:00Z', '2026-02-01T03:01:00Z', 'succeeded');
  run.run('search', 'tvns', '2026-02-02T03:00:00Z', '2026-02-02T03:00:30Z', 'failed');
  run.run('search', 'eft', '2026-01-15T03:00:00Z', '2026-01-15T03:02:00Z', 'succeeded');
  run.run('import', null, '2026-02-03T00:00:00Z', '2026-02-03T00:10:00Z', 'succeeded');
  return { db, app: createApp({ database: db, readers: 0, studyIndex: false, ...options }) };
}

/** The value of one sample line (`name{labels} value`), or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('counts requests and times them per route pattern, not per raw path', async () => {
    const { app: api } = app();
    await api.request('/api/studies/90000001');
    await api.request('/api/studies/90000001');
    await api.request('/api/studies/90000002');
    await api.request('/api/no-such-route');
    const res = await api.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(sample(text, 'evidence_http_requests_total{method="GET",route="/api/studies/:pmid",status="200"}')).toBe(3);
    expect(sample(text, 'evidence_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(sample(text, 'evidence_http_request_duration_seconds_count{method="GET",route="/api/studies/:pmid"}')).toBe(3);
    expect(sample(text, 'evidence_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/studies/:pmid"}')).toBe(3);
    expect(text).not.toContain('90000001');
    // The second read of the same study came from the response cache; the unmatched path was looked up too.
    expect(sample(text, 'evidence_response_cache_lookups_total{result="hit"}')).toBe(1);
    expect(sample(text, 'evidence_response_cache_lookups_total{result="miss"}')).toBe(3);
  });

  it('reads runs by kind and status, stored studies and each topic’s last success from the database at scrape time', async () => {
    const { app: api, db } = app();
    let text = await (await api.request('/metrics')).text();
    expect(sample(text, 'evidence_ingestion_runs{kind="search",status="succeeded"}')).toBe(2);
    expect(sample(text, 'evidence_ingestion_runs{kind="search",status="failed"}')).toBe(1);
    expect(sample(text, 'evidence_ingestion_runs{kind="import",status="succeeded"}')).toBe(1);
    expect(sample(text, 'evidence_studies_stored')).toBe(2);
    expect(sample(text, 'evidence_topic_last_success_timestamp_seconds{topic="tvns"}')).toBe(Date.parse('2026-02-01T03:01:00Z') / 1000);
    expect(sample(text, 'evidence_topic_last_success_timestamp_seconds{topic="eft"}')).toBe(Date.parse('2026-01-15T03:02:00Z') / 1000);
    // No digest sent yet: no series. Then one subscriber's four digests, by status.
    expect(text).not.toMatch(/^evidence_digest_sends\{/m);
    const at = '2026-02-02T06:00:00Z';
    db.sqlite
      .prepare(`INSERT INTO subscriptions (id, email, language, frequency, filter, created_by, created_at, updated_at, watermark)
        VALUES (1, 'reader@example.org', 'en', 'daily', '', 'anna', ?, ?, ?)`)
      .run(at, at, at);
    const send =
      db.sqlite.prepare(`INSERT INTO digest_sends (subscription_id, period_key, status, message_id, study_count, pmids, warnings, watermark_to, created_at)
      VALUES (1, ?, ?, ?, 0, '[]', '[]', ?, ?)`);
    for (const [day, status] of [
      ['01', 'sent'],
      ['02', 'sent'],
      ['03', 'failed'],
      ['04', 'pending'],
    ] as const) {
      send.run(`daily:2026-02-${day}`, status, `<${day}@evidence.test>`, at, at);
    }
    insertStudy(db, { pmid: 90000003 });
    text = await (await api.request('/metrics')).text();
    expect(sample(text, 'evidence_digest_sends{status="sent"}')).toBe(2);
    expect(sample(text, 'evidence_digest_sends{status="failed"}')).toBe(1);
    expect(sample(text, 'evidence_digest_sends{status="pending"}')).toBe(1);
    expect(sample(text, 'evidence_studies_stored')).toBe(3);
  });

  it('needs the bearer token when METRICS_TOKEN is set, and no reader token', async () => {
    const { app: api } = app({ metricsToken: 'scrape-secret', readToken: 'reader-secret' });
    expect((await api.request('/metrics')).status).toBe(401);
    expect((await api.request('/metrics', { headers: { Authorization: 'Bearer wrong-secret' } })).status).toBe(401);
    expect((await api.request('/metrics', { headers: { Authorization: 'Bearer reader-secret' } })).status).toBe(401);
    const ok = await api.request('/metrics', { headers: { Authorization: 'Bearer scrape-secret' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('evidence_studies_stored 2');
  });
});
