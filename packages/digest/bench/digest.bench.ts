// `pnpm bench:digest`: the real `pnpm digest` CLI (a child process) sends 1,000 subscribers their
// digest over a 100,000-study database (apps/api/bench/generate.ts) to a real SMTP server on
// 127.0.0.1 (smtp-server, every mail parsed). Reports wall time (target < 60 s), the digest
// process's peak RSS (VmHWM, target < 300 MB) and whether the SMTP server saw each subscriber
// exactly once. DIGEST_SEND_EMPTY=1, so every subscriber is due a mail even when their filter has
// nothing new: the worst case, and "exactly once" holds for all of them.
// Usage: node bench/digest.bench.ts [--studies 100000] [--subscribers 1000] [--keep DIR] [--node-flags '--max-semi-space-size=8']
import { generateDatabase } from '@evidence/api/bench/generate';
import { startSmtpSink } from '@evidence/notify/testing';
import { CORE_TOPIC_IDS, OUTCOME_IDS, openDatabase } from '@evidence/schema';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    studies: { type: 'string', default: '100000' },
    subscribers: { type: 'string', default: '1000' },
    keep: { type: 'string' },
    'node-flags': { type: 'string' },
  },
});
const STUDIES = Number(values.studies);
const SUBSCRIBERS = Number(values.subscribers);
const TIME_TARGET_S = 60;
const RSS_TARGET_MB = 300;
const ROOT = join(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'scripts/digest/cli.ts');
// Node flags exactly as `pnpm digest` runs the command (the root package.json's script), or --node-flags.
const NODE_FLAGS = (values['node-flags'] ?? /^node((?: --[^ ]+)*) scripts\/digest\/cli\.ts$/.exec(rootScript())?.[1] ?? '')
  .trim()
  .split(/\s+/)
  .filter(Boolean);
function rootScript(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.digest ?? '';
}
// The generator's studies are first seen from 2024 to 2026-11-24: the subscribers last heard a week before that.
const WATERMARK = '2026-11-17T00:00:00.000Z';

const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'digest-bench-'));
mkdirSync(dir, { recursive: true });
const dbPath = join(dir, `digest-${STUDIES}.db`);
rmSync(dbPath, { force: true });
rmSync(`${dbPath}-wal`, { force: true });
rmSync(`${dbPath}-shm`, { force: true });

console.log(`digest bench: generating ${STUDIES.toLocaleString('en')} studies…`);
const generated = generateDatabase(dbPath, STUDIES);
console.log(`  generated in ${(generated.ms / 1000).toFixed(1)} s`);
seed();

const smtp = await startSmtpSink();
const started = performance.now();
const child = spawn(process.execPath, [...NODE_FLAGS, CLI], {
  // Only what the command needs: nothing from this shell leaks into what is measured.
  env: {
    DATABASE_URL: dbPath,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Evidence tracker <digest@example.org>',
    PUBLIC_URL: 'https://evidence.example.org',
    DIGEST_SECRET: 'bench-secret-of-at-least-thirty-two-characters',
    DIGEST_SEND_EMPTY: '1',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let stdout = '';
let stderr = '';
child.stdout.on('data', (d) => (stdout += d));
child.stderr.on('data', (d) => (stderr += d));
// Peak resident memory of the digest process, read from the kernel while it runs.
let peakKb = 0;
const poll = setInterval(() => {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    if (match) peakKb = Math.max(peakKb, Number(match[1]));
  } catch {
    /* exited */
  }
}, 20);
const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
clearInterval(poll);
const seconds = (performance.now() - started) / 1000;
await smtp.waitFor(Math.min(SUBSCRIBERS, smtp.mails.length));
await smtp.close();

const perRecipient = smtp.perRecipient();
const once = perRecipient.size === SUBSCRIBERS && [...perRecipient.values()].every((n) => n === 1);
const withStudies = smtp.mails.filter((m) => !/nothing new|niets nieuws/.test(m.parsed.subject ?? '')).length;
const peakMb = peakKb / 1024;
console.log(stdout.trim());
if (stderr.trim()) console.log(stderr.trim());
console.log(
  `digest bench: ${SUBSCRIBERS} subscribers over ${STUDIES.toLocaleString('en')} studies (exit code ${code}; node ${NODE_FLAGS.join(' ') || 'without flags'})`,
);
console.log(`  time          ${seconds.toFixed(1)} s   (target < ${TIME_TARGET_S} s)   ${seconds < TIME_TARGET_S ? 'ok' : 'MISSED'}`);
console.log(
  `  peak RSS      ${peakMb.toFixed(0)} MB   (target < ${RSS_TARGET_MB} MB)   ${peakMb > 0 && peakMb < RSS_TARGET_MB ? 'ok' : 'MISSED'}`,
);
console.log(
  `  SMTP server   ${smtp.mails.length} mails to ${perRecipient.size} addresses (${withStudies} with new studies); each subscriber exactly once: ${once ? 'yes' : 'NO'}`,
);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
process.exitCode = code === 0 && once && seconds < TIME_TARGET_S && peakMb < RSS_TARGET_MB ? 0 : 1;

/** Subscribers following what people follow (topics, outcomes, designs, directions, the starter claims), findings on the new studies, and an earlier digest whose studies were since retracted. */
function seed() {
  const opened = openDatabase(dbPath);
  const { sqlite } = opened;
  sqlite.transaction(() => {
    // Findings for the studies of the digest window, one per outcome tag, in a realistic mix of directions.
    const directions = ['improved', 'improved', 'improved', 'no_difference', 'mixed', 'worsened'];
    const tags = sqlite
      .prepare(
        `SELECT t.pmid, t.value FROM study_tags t JOIN studies s ON s.pmid = t.pmid WHERE t.kind = 'outcome' AND s.first_seen_at > ?`,
      )
      .all(WATERMARK) as { pmid: number; value: string }[];
    const finding = sqlite.prepare(
      "INSERT OR IGNORE INTO study_findings (pmid, outcome, source, direction, comparison, created_at) VALUES (?, ?, 'rule', ?, 'vs_control', ?)",
    );
    for (const [i, t] of tags.entries()) finding.run(t.pmid, t.value, directions[i % directions.length], WATERMARK);

    const claims = sqlite.prepare('SELECT id FROM claims').pluck().all() as number[];
    const insert =
      sqlite.prepare(`INSERT INTO subscriptions (email, language, frequency, filter, claim_id, created_by, created_at, updated_at, watermark)
      VALUES (?, ?, ?, ?, ?, 'bench', ?, ?, ?)`);
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const topic = CORE_TOPIC_IDS[i % CORE_TOPIC_IDS.length]!;
      const outcome = OUTCOME_IDS[i % OUTCOME_IDS.length]!;
      const kind = i % 10;
      const filter =
        kind < 3
          ? `topic=${topic}`
          : kind < 5
            ? `topic=${topic}&outcome=${outcome}`
            : kind === 5
              ? `topic=${topic}&design=rct&design=meta_analysis`
              : kind === 6
                ? `outcome=${outcome}&direction=improved`
                : kind === 7
                  ? ''
                  : null;
      const claimId = filter === null ? claims[i % claims.length]! : null;
      insert.run(
        `reader${i}@example.org`,
        i % 2 ? 'nl' : 'en',
        i % 3 ? 'daily' : 'weekly',
        filter,
        claimId,
        WATERMARK,
        WATERMARK,
        WATERMARK,
      );
    }
    // A tenth of the subscribers were sent 20 older studies before; some of those are retracted since.
    const old = sqlite
      .prepare('SELECT pmid FROM studies WHERE first_seen_at <= ? ORDER BY pmid LIMIT 20')
      .pluck()
      .all(WATERMARK) as number[];
    const history =
      sqlite.prepare(`INSERT INTO digest_sends (subscription_id, period_key, status, message_id, attempts, study_count, pmids, warnings, watermark_to, created_at, sent_at)
      VALUES (?, 'weekly:2026-W46', 'sent', ?, 1, 20, ?, '[]', ?, ?, ?)`);
    for (let id = 1; id <= SUBSCRIBERS; id += 10)
      history.run(id, `<bench.${id}@example.org>`, JSON.stringify(old), WATERMARK, WATERMARK, WATERMARK);
    sqlite
      .prepare('UPDATE studies SET is_retracted = 1 WHERE pmid IN (SELECT value FROM json_each(?))')
      .run(JSON.stringify(old.slice(0, 3)));
  })();
  opened.close();
  if (!existsSync(dbPath)) throw new Error(`digest bench: ${dbPath} was not written`);
}
