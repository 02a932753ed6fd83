// Failure alerts against a real SMTP server and a real webhook server on 127.0.0.1, state in a real
// SQLite file: one alert per failure streak, one "recovered", undeliverable alerts tried again.
import { createTestDatabase } from '@evidence/schema/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportJobOutcome, type AlertChannels } from '../src/alerts.ts';
import { createMailer, type Mailer } from '../src/mailer.ts';
import { startSmtpSink, startWebhookSink, type SmtpSink } from '../src/testing.ts';

let db: ReturnType<typeof createTestDatabase>;
let smtp: SmtpSink;
let webhook: Awaited<ReturnType<typeof startWebhookSink>>;
let mailer: Mailer;
let channels: AlertChannels;
const lines: string[] = [];
// The clock moves an hour per run, from a fixed instant: nothing depends on today's date or zone.
let clock = Date.UTC(2030, 0, 1, 3, 15);
const tick = () => new Date((clock += 3_600_000));

const fail = (runId: number, reason = 'PubMed answered 503') =>
  reportJobOutcome(
    db,
    { job: 'ingest', ok: false, runId, reason, runUrl: `https://tracker.example/runs/${runId}` },
    channels,
    tick(),
    (l) => lines.push(l),
  );
const succeed = (runId: number) =>
  reportJobOutcome(
    db,
    { job: 'ingest', ok: true, runId, reason: null, runUrl: `https://tracker.example/runs/${runId}` },
    channels,
    tick(),
    (l) => lines.push(l),
  );

beforeEach(async () => {
  db = createTestDatabase();
  smtp = await startSmtpSink();
  webhook = await startWebhookSink();
  mailer = createMailer({ smtpUrl: smtp.url, from: 'Tracker <tracker@example.org>', timeoutMs: 2000 });
  channels = { email: { mailer, to: ['ops@example.org'] }, webhook: { url: webhook.url } };
  lines.length = 0;
});
afterEach(async () => {
  mailer.close();
  await smtp.close();
  await webhook.close();
  db.remove();
});

describe('failure alerts', () => {
  it('alerts once per failure streak and says "recovered" once, by e-mail and webhook', async () => {
    expect(await succeed(1)).toBe('ok');
    expect(await fail(2)).toBe('alerted');
    expect(await fail(3, 'PubMed answered 502')).toBe('already_alerted');
    expect(await fail(4)).toBe('already_alerted');
    expect(await succeed(5)).toBe('recovered');
    expect(await succeed(6)).toBe('ok');
    expect(await fail(7)).toBe('alerted');

    expect(smtp.mails.map((m) => m.parsed.subject)).toEqual([
      '[evidence tracker] ingest failed (run 2): PubMed answered 503',
      '[evidence tracker] ingest recovered (run 5)',
      '[evidence tracker] ingest failed (run 7): PubMed answered 503',
    ]);
    expect(smtp.mails[0]!.to).toEqual(['ops@example.org']);
    expect(smtp.mails[0]!.parsed.text).toContain('https://tracker.example/runs/2');
    expect(webhook.bodies).toEqual([
      expect.objectContaining({
        job: 'ingest',
        event: 'failing',
        runId: 2,
        reason: 'PubMed answered 503',
        runUrl: 'https://tracker.example/runs/2',
      }),
      expect.objectContaining({ job: 'ingest', event: 'recovered', runId: 5, failingSince: (webhook.bodies[0] as { at: string }).at }),
      expect.objectContaining({ event: 'failing', runId: 7 }),
    ]);
    expect(lines).toEqual([]);
    const state = db.sqlite.prepare("SELECT * FROM alert_state WHERE job_key = 'ingest'").get() as Record<string, unknown>;
    expect(state).toMatchObject({ last_status: 'failing', alerted_run_id: '7', last_run_id: '7' });
  });

  it('an alert no channel took is tried again by the next failing run, each failure one printed line', async () => {
    await smtp.close();
    await webhook.close();
    const deadWebhook = await startWebhookSink(() => 500);
    channels = { email: { mailer, to: ['ops@example.org'] }, webhook: { url: deadWebhook.url } };
    expect(await fail(1)).toBe('undelivered');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^alert: could not e-mail ops@example\.org \(.+\)$/);
    expect(lines[1]).toBe(`alert: the webhook ${new URL(deadWebhook.url).origin} answered 500`);
    await deadWebhook.close();

    webhook = await startWebhookSink();
    smtp = await startSmtpSink();
    channels = { webhook: { url: webhook.url } };
    expect(await fail(2)).toBe('alerted');
    expect(await fail(3)).toBe('already_alerted');
    expect(webhook.bodies).toHaveLength(1);
  });

  it('says nothing on recovery when nobody was told of the failure', async () => {
    channels = {};
    expect(await fail(1)).toBe('undelivered');
    expect(await succeed(2)).toBe('ok');
    expect(smtp.mails).toHaveLength(0);
  });
});
