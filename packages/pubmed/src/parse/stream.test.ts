import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openPubmedFile, parsePubmedXml, PubmedXmlError, streamPubmedRecords, type StreamItem } from './index.ts';
import { article, articleSet, realisticArticle } from './test-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'pubmed-parse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function* chunks(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(source: AsyncIterable<Buffer | string>): Promise<StreamItem[]> {
  const out: StreamItem[] = [];
  for await (const item of streamPubmedRecords(source)) out.push(item);
  return out;
}

describe('streamPubmedRecords', () => {
  const doc = articleSet(
    article({ pmid: '90000001', title: '[Fixture] α &amp; <i>β</i>' }),
    '<DeleteCitation><PMID Version="1">90000005</PMID></DeleteCitation>',
    article({ pmid: null }),
    article({ pmid: '90000002' }),
  );

  it('gives the same records as parsePubmedXml whatever the chunk size (split UTF-8, split tags)', async () => {
    const whole = parsePubmedXml(doc);
    for (const size of [1, 7, 64, 1 << 16]) {
      const items = await collect(chunks(doc, size));
      expect(items.filter((i) => i.type === 'record').map((i) => i.type === 'record' && i.record)).toEqual(whole.records);
      expect(items.filter((i) => i.type === 'deletion')).toHaveLength(1);
      expect(items.filter((i) => i.type === 'error')).toHaveLength(1);
    }
  });

  it('throws PubmedXmlError on truncation after yielding what came before', async () => {
    const seen: string[] = [];
    const truncated = doc.slice(0, doc.indexOf('90000002'));
    await expect(
      (async () => {
        for await (const item of streamPubmedRecords(chunks(truncated, 100))) if (item.type === 'record') seen.push(item.record.pmid);
      })(),
    ).rejects.toBeInstanceOf(PubmedXmlError);
    expect(seen).toEqual(['90000001']);
  });

  it('detects MEDLINE text by content', async () => {
    const items = await collect(chunks('\nPMID- 90000100\nTI  - [Fixture] one\n\nPMID- 90000101\nTI  - [Fixture] two\n', 5));
    expect(items.map((i) => i.type === 'record' && i.record.pmid)).toEqual(['90000100', '90000101']);
  });
});

describe('openPubmedFile', () => {
  it('reads .xml and .xml.gz alike', async () => {
    const doc = articleSet(article({ pmid: '90000001' }));
    writeFileSync(join(dir, 'a.xml'), doc);
    const gz = createGzip();
    const out = createWriteStream(join(dir, 'a.xml.gz'));
    gz.pipe(out);
    gz.end(doc);
    await once(out, 'finish');
    for (const name of ['a.xml', 'a.xml.gz']) {
      const items = await collect(openPubmedFile(join(dir, name)));
      expect(items.map((i) => i.type === 'record' && i.record.pmid)).toEqual(['90000001']);
    }
  });

  it('streams 20,000 generated records from a gz file with bounded memory', async () => {
    const path = join(dir, 'big.xml.gz');
    const gz = createGzip();
    const out = createWriteStream(path);
    gz.pipe(out);
    gz.write('<?xml version="1.0"?>\n<PubmedArticleSet>\n');
    for (let i = 0; i < 20000; i++) if (!gz.write(`${realisticArticle(i)}\n`)) await once(gz, 'drain');
    gz.end('</PubmedArticleSet>\n');
    await once(out, 'finish');

    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    let count = 0;
    let peak = 0;
    for await (const item of streamPubmedRecords(openPubmedFile(path))) {
      if (item.type === 'record') count++;
      if (count % 2000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(count).toBe(20000);
    // The document is ~100 MB uncompressed; holding it (or its records) would show here.
    expect(peak).toBeLessThan(60 * 1024 * 1024);
  }, 120_000);
});
