import { describe, expect, it } from 'vitest';
import { parseIngestArgs, UsageError } from './cli-args.ts';

describe('parseIngestArgs', () => {
  it('defaults to an incremental run of every topic', () => {
    expect(parseIngestArgs([])).toEqual({
      command: 'search',
      topics: [],
      mode: { kind: 'incremental' },
      dryRun: false,
      json: false,
      batchSize: 500,
      overlapDays: 3,
    });
  });
  it('takes repeated topics, --since, --dry-run and --json', () => {
    const args = parseIngestArgs(['--topic', 'tvns', '--topic', 'eft', '--since', '2026-01-31', '--dry-run', '--json']);
    expect(args).toMatchObject({ topics: ['tvns', 'eft'], mode: { kind: 'since', date: '2026-01-31' }, dryRun: true, json: true });
  });
  it('parses the import subcommand', () => {
    expect(parseIngestArgs(['import', 'a.xml.gz', 'b.nbib'])).toEqual({
      command: 'import',
      files: ['a.xml.gz', 'b.nbib'],
      dryRun: false,
      json: false,
    });
  });
  it.each([
    [['--since', '2026-13-45'], /--since must be a date/],
    [['--since', 'yesterday'], /--since must be a date/],
    [['--since', '2026-01-01', '--full'], /cannot be combined/],
    [['--batch-size', '0'], /--batch-size must be a whole number/],
    [['--bogus'], /bogus/],
    [['import'], /at least one file/],
    [['extra'], /unexpected argument "extra"/],
  ])('refuses %j with a message naming the problem', (argv, message) => {
    expect(() => parseIngestArgs(argv as string[])).toThrow(UsageError);
    expect(() => parseIngestArgs(argv as string[])).toThrow(message);
  });
});
