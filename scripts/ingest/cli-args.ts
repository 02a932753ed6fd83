import { parseArgs } from 'node:util';
import type { WindowMode } from '@evidence/ingest';

export type IngestCommand =
  | { command: 'search'; topics: string[]; mode: WindowMode; dryRun: boolean; json: boolean; batchSize: number; overlapDays: number }
  | { command: 'import'; files: string[]; dryRun: boolean; json: boolean }
  | { command: 'help' };

export const USAGE = `usage: pnpm ingest [--topic ID]... [--since YYYY-MM-DD | --full] [--dry-run] [--json] [--batch-size N] [--overlap-days N]
       pnpm ingest import FILE... [--dry-run] [--json]      (PubMed .xml / .xml.gz, MEDLINE .nbib / .txt)`;

export class UsageError extends Error {}

function positiveInt(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max}, got "${value}"`);
  return n;
}

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        topic: { type: 'string', multiple: true },
        since: { type: 'string' },
        full: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
        'overlap-days': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Parses the ingestion command line; every mistake is a UsageError that names it. */
export function parseIngestArgs(argv: string[]): IngestCommand {
  const { values, positionals } = parseOptions(argv);
  if (values.help) return { command: 'help' };
  const dryRun = values['dry-run'];
  const json = values.json;
  if (positionals[0] === 'import') {
    const files = positionals.slice(1);
    if (files.length === 0) throw new UsageError('import needs at least one file');
    return { command: 'import', files, dryRun, json };
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.since !== undefined && values.full) throw new UsageError('--since and --full cannot be combined');
  let mode: WindowMode = { kind: 'incremental' };
  if (values.full) mode = { kind: 'full' };
  if (values.since !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.since) || Number.isNaN(Date.parse(`${values.since}T00:00:00Z`))) {
      throw new UsageError(`--since must be a date as YYYY-MM-DD, got "${values.since}"`);
    }
    mode = { kind: 'since', date: values.since };
  }
  return {
    command: 'search',
    topics: values.topic ?? [],
    mode,
    dryRun,
    json,
    batchSize: positiveInt('batch-size', values['batch-size'], 500, 10_000),
    overlapDays: positiveInt('overlap-days', values['overlap-days'], 3, 365),
  };
}
