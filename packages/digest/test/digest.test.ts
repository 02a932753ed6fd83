// `runDigest` end to end in-process: a real SQLite file, a real SMTP server on 127.0.0.1 (mails
// parsed with mailparser), and the real API for the unsubscribe link. The clock is injected: fixed
// instants far from today, so nothing depends on the date or time zone the tests run in.
import { serve } from '@hono/node-server';
import { createApp } from '@evidence/api';
import { createMailer, type Mailer } from '@evidence/notify';
import { startSmtpSink, type SmtpSink } from '@evidence/notify/testing';
import { createTestDatabase } from '@evidence/schema/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDigest, type DigestOptions } from '../src/index.ts';
import { addStudy, addSubscription, TOPIC } from './fixtures.ts';

const SECRET = 'digest-test-secret-thirty-two-characters-long';
const PUBLIC = 'https://evidence.example.org';
const T0 = '2031-05-05T08:00:00.000Z'; // a Monday
const hoursAfter = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000);

let db: ReturnType<typeof createTestDatabase>;
let smtp: SmtpSink;
let mailer: Mailer;
let lines: string[];

const run = (now: Date, extra: Partial<DigestOptions> = {}) =>
  runDigest({
    opened: db,
    mailer,
    now: () => now,
    publicUrl: PUBLIC,
    apiPublicUrl: PUBLIC,
    secret: SECRET,
    sendEmpty: false,
    maxStudies: 50,
    log: (line) => lines.push(line),
    ...extra,
  });

beforeEach(async () => {
  db = createTestDatabase();
  smtp = await startSmtpSink();
  mailer = createMailer({ smtpUrl: smtp.url, from: 'Evidence tracker <digest@example.org>', timeoutMs: 5000 });
  lines = [];
});
afterEach(async () => {
  mailer.close();
  await smtp.close();
  db.remove();
});

function seedTwoStudies() {
  addStudy(db, {
    pmid: 90000001,
    firstSeenAt: hoursAfter(T0, 2).toISOString(),
    outcome: 'pain',
    direction: 'improved',
    design: 'rct',
    sampleSize: 120,
  });
  addStudy(db, {
    pmid: 90000002,
    firstSeenAt: hoursAfter(T0, 3).toISOString(),
    outcome: 'sleep',
    direction: 'no_difference',
    design: 'meta_analysis',
  });
}

describe('digest content', () => {
  it('lists what is new in English and in Dutch, from one template each, with both parts and the unsubscribe headers', async () => {
    seedTwoStudies();
    const enId = addSubscription(db, { email: 'en@example.org', language: 'en', filter: `topic=${TOPIC}`, since: T0 });
    const nlId = addSubscription(db, { email: 'nl@example.org', language: 'nl', filter: `topic=${TOPIC}&outcome=pain`, since: T0 });
    const summary = await run(hoursAfter(T0, 24));
    expect(summary).toMatchObject({ status: 'succeeded', sent: 2, failed: 0, nothingNew: 0 });
    expect(lines).toEqual([]);

    const en = smtp.mails.find((m) => m.to[0] === 'en@example.org')!;
    expect(en.parsed.subject).toBe('Evidence digest: 2 new studies');
    const enText = en.parsed.text!;
    expect(enText).toContain('[Fixture] Study 90000001 <https://evidence.example.org/studies/90000001>');
    expect(enText).toContain('Journal of Fixtures · 2030 · Randomised controlled trial · n = 120');
    expect(enText).toContain('Findings: Pain improved');
    expect(enText).toContain('Findings: Sleep no difference');
    expect(enText).toContain('Meta-analysis');
    // Newest first.
    expect(enText.indexOf('90000002')).toBeLessThan(enText.indexOf('90000001'));
    expect(en.parsed.html).toContain('<a href="https://evidence.example.org/studies/90000001">[Fixture] Study 90000001</a>');

    const nl = smtp.mails.find((m) => m.to[0] === 'nl@example.org')!;
    expect(nl.parsed.subject).toBe('Evidence-digest: 1 nieuwe studie');
    expect(nl.parsed.text).toContain('Gerandomiseerde gecontroleerde studie · n = 120');
    expect(nl.parsed.text).toContain('Bevindingen: Pijn verbeterd');
    expect(nl.parsed.text).toContain('onderwerp: fixture_topic; uitkomst: Pijn');
    expect(nl.parsed.text).not.toContain('90000002');
    expect(nl.parsed.html).toMatch(/<html lang="nl">/);

    for (const [mail, id] of [
      [en, enId],
      [nl, nlId],
    ] as const) {
      const unsubscribe = mail.header('List-Unsubscribe')!;
      expect(unsubscribe).toMatch(new RegExp(`^<https://evidence\\.example\\.org/api/unsubscribe\\?token=${id}\\.[A-Za-z0-9_-]{43}>$`));
      expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      // The same signed link is in both parts of the body.
      expect(mail.parsed.text).toContain(unsubscribe.slice(1, -1));
      expect(mail.parsed.html).toContain(unsubscribe.slice(1, -1));
      const row = db.sqlite.prepare('SELECT * FROM digest_sends WHERE subscription_id = ?').get(id) as Record<string, unknown>;
      expect(row).toMatchObject({ status: 'sent', attempts: 1, period_key: 'daily:2031-05-06' });
      expect(mail.parsed.messageId).toBe(row.message_id);
    }
  });

  it('follows a claim: its statement in the subscriber’s language and its matching studies', async () => {
    seedTwoStudies();
    const claimId = Number(
      db.sqlite
        .prepare(`INSERT INTO claims (statement, language, translations, topics, outcomes, owner, status, created_at, updated_at, updated_by)
        VALUES ('[Fixture] Pijn neemt af', 'nl', '[{"language":"en","statement":"[Fixture] Pain decreases"}]', ?, '["pain"]', 'test', 'published', ?, ?, 'test')`)
        .run(JSON.stringify([TOPIC]), T0, T0).lastInsertRowid,
    );
    addSubscription(db, { email: 'claim@example.org', language: 'en', claimId, since: T0 });
    await run(hoursAfter(T0, 24));
    expect(smtp.mails).toHaveLength(1);
    const text = smtp.mails[0]!.parsed.text!;
    expect(text).toContain(`New evidence for the claim “[Fixture] Pain decreases” <${PUBLIC}/claims/${claimId}>`);
    expect(text).toContain('90000001');
    expect(text).not.toContain('90000002');
  });
});

describe('sending once', () => {
  it('sends nothing when nothing is new, and nothing twice in one period; DIGEST_SEND_EMPTY sends a "nothing new" mail', async () => {
    seedTwoStudies();
    addSubscription(db, { email: 'a@example.org', language: 'en', filter: '', since: T0 });
    expect((await run(hoursAfter(T0, 24))).sent).toBe(1);
    expect((await run(hoursAfter(T0, 25))).sent).toBe(0); // same day: already sent
    const nextDay = await run(hoursAfter(T0, 48));
    expect(nextDay).toMatchObject({ sent: 0, nothingNew: 1 });
    expect(smtp.mails).toHaveLength(1);

    const withEmpty = await run(hoursAfter(T0, 72), { sendEmpty: true });
    expect(withEmpty.sent).toBe(1);
    expect(smtp.mails[1]!.parsed.subject).toBe('Evidence digest: nothing new');
    // The next digest starts where the last one ended: a study seen later is new, the old ones are not.
    addStudy(db, { pmid: 90000003, firstSeenAt: hoursAfter(T0, 80).toISOString() });
    await run(hoursAfter(T0, 96));
    expect(smtp.mails[2]!.parsed.text).toContain('90000003');
    expect(smtp.mails[2]!.parsed.text).not.toContain('90000001');
  });

  it('a send the mail server refused is retried by the next run, with the same content and Message-ID', async () => {
    await smtp.close();
    smtp = await startSmtpSink({ refuse: (n) => (n === 1 ? 451 : undefined) });
    mailer.close();
    mailer = createMailer({ smtpUrl: smtp.url, from: 'digest@example.org', timeoutMs: 5000 });
    seedTwoStudies();
    const id = addSubscription(db, { email: 'retry@example.org', language: 'en', filter: '', since: T0 });

    const first = await run(hoursAfter(T0, 24));
    expect(first).toMatchObject({ status: 'failed', sent: 0, failed: 1 });
    expect(first.error).toMatch(/^1 of 1 digests failed — could not send to retry@example\.org \(subscription \d+\): 451 /);
    expect(lines).toHaveLength(1);
    const failed = db.sqlite.prepare('SELECT * FROM digest_sends WHERE subscription_id = ?').get(id) as Record<string, unknown>;
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.error).toMatch(/^451 /);
    // A study arriving between the runs belongs to the next digest, not to the retried one.
    addStudy(db, { pmid: 90000004, firstSeenAt: hoursAfter(T0, 25).toISOString() });

    const second = await run(hoursAfter(T0, 26));
    expect(second).toMatchObject({ status: 'succeeded', sent: 1, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.parsed.messageId).toBe(failed.message_id);
    expect(smtp.mails[0]!.parsed.text).toContain('90000001');
    expect(smtp.mails[0]!.parsed.text).not.toContain('90000004');
    expect(db.sqlite.prepare('SELECT status, attempts FROM digest_sends WHERE subscription_id = ?').get(id)).toEqual({
      status: 'sent',
      attempts: 2,
    });

    await run(hoursAfter(T0, 48));
    expect(smtp.mails[1]!.parsed.text).toContain('90000004');
  });

  it('warns once about a study sent before that has since been retracted or corrected', async () => {
    seedTwoStudies();
    addSubscription(db, { email: 'w@example.org', language: 'nl', filter: '', since: T0 });
    await run(hoursAfter(T0, 24));
    db.sqlite.prepare('UPDATE studies SET is_retracted = 1 WHERE pmid = 90000001').run();
    db.sqlite.prepare('UPDATE studies SET has_erratum = 1 WHERE pmid = 90000002').run();

    const warned = await run(hoursAfter(T0, 48));
    expect(warned.sent).toBe(1);
    const mail = smtp.mails[1]!;
    expect(mail.parsed.subject).toBe('Evidence-digest: 2 waarschuwingen over eerder verstuurde studies');
    expect(mail.parsed.text).toContain(
      '!! [Fixture] Study 90000001 <https://evidence.example.org/studies/90000001> (PMID 90000001): TERUGGETROKKEN',
    );
    expect(mail.parsed.text).toContain('(PMID 90000002): er is een erratum (correctie) verschenen');
    expect(mail.parsed.html).toContain('border-left:4px solid #b3261e');

    expect((await run(hoursAfter(T0, 72))).sent).toBe(0);
    expect(smtp.mails).toHaveLength(2);
  });
});

describe('unsubscribe', () => {
  it('the link in the digest unsubscribes through the real API, and no digest follows', async () => {
    const app = createApp({ database: db, digestSecret: SECRET, studyIndex: false, readers: 0, now: () => hoursAfter(T0, 30) });
    const server = await new Promise<{ url: string; close(): void }>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
        resolve({ url: `http://127.0.0.1:${info.port}`, close: () => s.close() }),
      );
    });
    try {
      seedTwoStudies();
      const id = addSubscription(db, { email: 'bye@example.org', language: 'en', filter: '', since: T0 });
      await run(hoursAfter(T0, 24), { apiPublicUrl: server.url });
      const link = smtp.mails[0]!.header('List-Unsubscribe')!.slice(1, -1);
      expect(link.startsWith(`${server.url}/api/unsubscribe?token=`)).toBe(true);

      // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the header's URL, with no credentials.
      const res = await fetch(link, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ unsubscribed: true, email: 'bye@example.org' });
      expect(db.sqlite.prepare('SELECT unsubscribed_at FROM subscriptions WHERE id = ?').pluck().get(id)).toBe(
        hoursAfter(T0, 30).toISOString(),
      );

      addStudy(db, { pmid: 90000005, firstSeenAt: hoursAfter(T0, 31).toISOString() });
      const after = await run(hoursAfter(T0, 48), { apiPublicUrl: server.url });
      expect(after).toMatchObject({ sent: 0, nothingNew: 0 });
      expect(smtp.mails).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});

describe('stopping', () => {
  it('a stop signal lets the mail being handed over finish and be recorded; the next run sends the rest, each once', async () => {
    seedTwoStudies();
    for (const name of ['a', 'b', 'c']) addSubscription(db, { email: `${name}@example.org`, language: 'en', filter: '', since: T0 });
    const stop = new AbortController();
    const first = await run(hoursAfter(T0, 24), { signal: stop.signal, beforeSend: () => stop.abort('SIGTERM') });
    expect(first).toMatchObject({ status: 'interrupted', sent: 1 });
    expect(db.sqlite.prepare('SELECT status FROM digest_runs WHERE id = ?').pluck().get(first.runId)).toBe('interrupted');

    const second = await run(hoursAfter(T0, 25));
    expect(second).toMatchObject({ status: 'succeeded', sent: 2, assumedSent: 0 });
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
  });
});
