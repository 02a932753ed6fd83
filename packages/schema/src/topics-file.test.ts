import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS_FILE, loadTopicsFile } from './topics-file.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadTopicsFile', () => {
  it('accepts a topics file that starts with a UTF-8 byte order mark (as Windows editors save it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evidence-topics-'));
    dirs.push(dir);
    const path = join(dir, 'topics.json');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(DEFAULT_TOPICS_FILE)]));
    expect(loadTopicsFile(path).map((t) => t.id)).toEqual(loadTopicsFile().map((t) => t.id));
  });

  it('still names the file and the field of an invalid one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evidence-topics-'));
    dirs.push(dir);
    const path = join(dir, 'topics.json');
    writeFileSync(path, '\uFEFF{"topics": [{"id": "Bad id"}]}');
    expect(() => loadTopicsFile(path)).toThrow(`Invalid topics file ${path}: topics.0.id`);
  });
});
