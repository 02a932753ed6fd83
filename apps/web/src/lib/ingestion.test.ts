import { describe, expect, it } from 'vitest';
import { lastIngestion, latestImport, latestRunPerTopic, type RunLike } from './ingestion.ts';

let nextId = 1;
const run = (kind: string, topic: string | null, startedAt: string, endedAt: string | null, status = 'succeeded'): RunLike => ({
  id: nextId++,
  kind,
  topic,
  startedAt,
  endedAt,
  status,
});

describe('lastIngestion', () => {
  it('takes every topic run of the last invocation, not only the last topic', () => {
    nextId = 1;
    const yesterday = run('search', 'tvns', '2026-03-01T02:00:00.000Z', '2026-03-01T02:03:00.000Z');
    const a = run('search', 'tvns', '2026-03-02T02:00:00.000Z', '2026-03-02T02:10:00.000Z');
    const b = run('search', 'emdr', '2026-03-02T02:10:00.020Z', '2026-03-02T02:12:00.000Z');
    const c = run('search', 'long_covid', '2026-03-02T02:12:00.005Z', '2026-03-02T02:12:30.000Z');
    expect(lastIngestion([c, yesterday, b, a]).map((r) => r.id)).toEqual([a.id, b.id, c.id]);
  });

  it('leaves imports out and stops at a pause or at a topic seen twice', () => {
    nextId = 1;
    const earlier = run('search', 'emdr', '2026-03-02T01:00:00.000Z', '2026-03-02T01:20:00.000Z');
    const same = run('search', 'emdr', '2026-03-02T01:20:00.010Z', '2026-03-02T01:21:00.000Z');
    const next = run('search', 'tvns', '2026-03-02T01:21:00.010Z', '2026-03-02T01:22:00.000Z');
    const file = run('import', null, '2026-03-02T05:00:00.000Z', '2026-03-02T05:00:01.000Z', 'failed');
    expect(lastIngestion([earlier, same, next, file]).map((r) => r.id)).toEqual([same.id, next.id]);
    const later = run('search', 'long_covid', '2026-03-02T09:00:00.000Z', null, 'running');
    expect(lastIngestion([earlier, same, next, file, later]).map((r) => r.id)).toEqual([later.id]);
    expect(lastIngestion([file])).toEqual([]);
  });
});

describe('run status per topic', () => {
  it('gives each topic its newest search run and keeps a failed import apart', () => {
    nextId = 1;
    const oldFail = run('search', 'emdr', '2026-03-01T02:00:00.000Z', '2026-03-01T02:01:00.000Z', 'failed');
    const emdr = run('search', 'emdr', '2026-03-02T02:00:00.000Z', '2026-03-02T02:01:00.000Z');
    const tvns = run('search', 'tvns', '2026-03-02T02:01:00.000Z', '2026-03-02T02:02:00.000Z');
    const file = run('import', null, '2026-03-02T05:00:00.000Z', '2026-03-02T05:00:01.000Z', 'failed');
    const runs = [file, tvns, emdr, oldFail];
    expect(latestRunPerTopic(runs, ['tvns', 'emdr', 'long_covid']).map(({ topic, run }) => [topic, run.status])).toEqual([
      ['tvns', 'succeeded'],
      ['emdr', 'succeeded'],
    ]);
    expect(latestImport(runs)?.id).toBe(file.id);
  });
});
