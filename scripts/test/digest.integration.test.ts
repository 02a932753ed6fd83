// `pnpm digest` and the failure alerts as staff run them: the real CLI as a child process, a real
// SMTP server and a real webhook server on 127.0.0.1, a real SQLite file. The CLI reads the real
// clock, so the data is placed relative to now (and a subscriber is due in any period it runs in).
import { startSmtpSink, startWebhookSink, type SmtpSink } from '@evidence/notify/testing';
import { createTestDatabase, insertStudy } from '@evidence/schema/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS, freePort, run, start } from './commands.ts';

const SECRET = 'cli-test-secret-of-thirty-two-characters';
let db: ReturnType<typeof createTestDatabase>;
let smtp: SmtpSink;
let webhook: Awaited<ReturnType<typeof startWebhookSink>>;

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** n daily subscribers following everything, and two studies first seen an hour ago. */
function seed(subscribers: number) {
  for (const pmid of [90000001, 90000002]) {
    insertStudy(db, { pmid, topics: ['fixture_topic'] });
    db.sqlite.prepare('UPDATE studies SET first_seen_at = ? WHERE pmid = ?').run(ago(60), pmid);
  }
  const insert =
    db.sqlite.prepare(`INSERT INTO subscriptions (email, language, frequency, filter, created_by, created_at, updated_at, watermark)
    VALUES (?, ?, 'daily', '', 'test', ?, ?, ?)`);
  for (let i = 1; i <= subscribers; i++) insert.run(`reader${i}@example.org`, i % 2 ? 'en' : 'nl', ago(120), ago(120), ago(120));
}

const env = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: db.path,
  SMTP_URL: smtp.url,
  MAIL_FROM: 'Evidence tracker <digest@example.org>',
  PUBLIC_URL: 'https://evidence.example.org',
  DIGEST_SECRET: SECRET,
  ...extra,
});

beforeEach(async () => {
  db = createTestDatabase();
  smtp = await startSmtpSink();
  webhook = await startWebhookSink();
});
afterEach(async () => {
  await smtp.close();
  await webhook.close();
  db.remove();
});

describe('pnpm digest', () => {
  it('sends nobody twice after the process is killed (SIGKILL) while the mail server has a mail', async () => {
    seed(6);
    await smtp.close();
    // The third mail's data arrives in full, but the server's 250 is held back: the process is
    // killed in the one moment it cannot know whether the mail went out.
    smtp = await startSmtpSink({ hold: (n) => n === 3 });
    const first = start(COMMANDS.digest, env());
    await smtp.waitFor(3);
    first.child.kill('SIGKILL');
    expect((await first.done).code).toBe(null);
    smtp.release();

    const second = await run(COMMANDS.digest, env());
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout.trim()).toMatch(/^digest: run 2: 3 sent, 0 with nothing new, 0 failed, 1 of an interrupted run counted as sent$/);
    expect([...smtp.perRecipient().values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(smtp.perRecipient().size).toBe(6);
    expect(db.sqlite.prepare('SELECT status, count(*) AS n FROM digest_sends GROUP BY status ORDER BY status').all()).toEqual([
      { status: 'assumed_sent', n: 1 },
      { status: 'sent', n: 5 },
    ]);
    expect(db.sqlite.prepare('SELECT id, status FROM digest_runs ORDER BY id').all()).toEqual([
      { id: 1, status: 'interrupted' },
      { id: 2, status: 'succeeded' },
    ]);

    const third = await run(COMMANDS.digest, env());
    expect(third.stdout).toContain('0 sent');
    expect(smtp.mails).toHaveLength(6);
  });

  it('on SIGTERM finishes the mail it is handing over, records it, and exits 143; the next run sends the rest', async () => {
    seed(4);
    await smtp.close();
    smtp = await startSmtpSink({ hold: (n) => n === 2 });
    const first = start(COMMANDS.digest, env());
    await smtp.waitFor(2);
    first.child.kill('SIGTERM');
    // Give the signal time to arrive before the server answers the held mail.
    await new Promise((resolve) => setTimeout(resolve, 300));
    smtp.release();
    const stopped = await first.done;
    expect(stopped.code).toBe(143);
    expect(stopped.stderr.trim()).toBe('digest: interrupted; what was sent is recorded and the next run sends the rest');
    expect(db.sqlite.prepare("SELECT count(*) FROM digest_sends WHERE status = 'sent'").pluck().get()).toBe(2);

    const second = await run(COMMANDS.digest, env());
    expect(second.stdout.trim()).toBe('digest: run 2: 2 sent, 0 with nothing new, 0 failed');
    expect([...smtp.perRecipient().values()]).toEqual([1, 1, 1, 1]);
  });

  it('refuses missing or bad settings at start with one line', async () => {
    const missing = await run(COMMANDS.digest, { ...env(), DIGEST_SECRET: '' });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^digest: missing environment variable DIGEST_SECRET: signs the unsubscribe links; [^\n]+$/);
    const bad = await run(COMMANDS.digest, env({ SMTP_URL: 'mail.example.org' }));
    expect(bad.stderr.trim()).toBe(
      'digest: invalid environment variable SMTP_URL: expected smtp://[user:password@]host[:port] or smtps://…',
    );
    const short = await run(COMMANDS.digest, env({ DIGEST_SECRET: 'too-short' }));
    expect(short.stderr.trim()).toMatch(/^digest: invalid environment variable DIGEST_SECRET: expected a secret of at least 32 characters/);
    expect(short.stderr).not.toContain('too-short');
    expect(smtp.mails).toHaveLength(0);
  });

  it('alerts once when sending fails, stays quiet while it keeps failing, and says "recovered" once it works', async () => {
    seed(1);
    const deadSmtp = `smtp://127.0.0.1:${await freePort()}`;
    const failing = env({ SMTP_URL: deadSmtp, ALERT_WEBHOOK: webhook.url });
    const first = await run(COMMANDS.digest, failing);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/could not send to reader1@example\.org \(subscription 1\): .*ECONNREFUSED/);
    expect(webhook.bodies).toEqual([expect.objectContaining({ job: 'digest', event: 'failing', runId: 1 })]);
    expect((webhook.bodies[0] as { reason: string }).reason).toMatch(/^1 of 1 digests failed — could not send to reader1@example\.org/);

    expect((await run(COMMANDS.digest, failing)).code).toBe(1);
    expect(webhook.bodies).toHaveLength(1);

    const recovered = await run(COMMANDS.digest, env({ ALERT_WEBHOOK: webhook.url }));
    expect(recovered.code).toBe(0);
    expect(webhook.bodies).toHaveLength(2);
    expect(webhook.bodies[1]).toMatchObject({ job: 'digest', event: 'recovered', runId: 3 });
    // The failed digest went out on the good run, once.
    expect(smtp.mails.map((m) => m.to)).toEqual([['reader1@example.org']]);
  });

  it('an alert that cannot be delivered is one printed line and leaves a good run’s exit code at 0', async () => {
    seed(1);
    const deadSmtp = `smtp://127.0.0.1:${await freePort()}`;
    expect((await run(COMMANDS.digest, env({ SMTP_URL: deadSmtp, ALERT_WEBHOOK: webhook.url }))).code).toBe(1);
    const gone = `http://127.0.0.1:${await freePort()}/hook`;
    const good = await run(COMMANDS.digest, env({ ALERT_WEBHOOK: gone }));
    expect(good.code).toBe(0);
    expect(good.stderr.trim()).toMatch(/^alert: could not reach the webhook http:\/\/127\.0\.0\.1:\d+ \([^\n]+\)$/);
  });
});

describe('pnpm ingest alerts', () => {
  it('a failing scheduled ingestion alerts once with its run and the run page; a bad ALERT_ value stops it at start', async () => {
    const ingestEnv = {
      DATABASE_URL: db.path,
      EUTILS_MAX_RETRIES: '0',
      EUTILS_TIMEOUT_MS: '2000',
      PUBLIC_URL: 'https://evidence.example.org',
      ALERT_WEBHOOK: webhook.url,
    };
    const first = await run(COMMANDS.ingest, ingestEnv);
    expect(first.code).toBe(1);
    expect(webhook.bodies).toHaveLength(1);
    const alert = webhook.bodies[0] as { job: string; event: string; runId: number; runUrl: string; reason: string };
    expect(alert).toMatchObject({ job: 'ingest', event: 'failing' });
    expect(alert.runUrl).toBe(`https://evidence.example.org/runs/${alert.runId}`);
    expect(db.sqlite.prepare('SELECT status FROM ingestion_runs WHERE id = ?').pluck().get(alert.runId)).toBe('failed');
    expect(alert.reason).not.toMatch(/\n/);

    expect((await run(COMMANDS.ingest, ingestEnv)).code).toBe(1);
    expect(webhook.bodies).toHaveLength(1);

    const bad = await run(COMMANDS.ingest, { ...ingestEnv, ALERT_WEBHOOK: 'hooks.example.org' });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(
      'ingest: invalid environment variable ALERT_WEBHOOK: expected an http(s) URL (where the alert JSON is POSTed)',
    );
  });
});
