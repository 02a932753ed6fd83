/**
 * Runs the parser over the shared corpus of real PubMed files (../shared/pubmed-samples from
 * the repo root) when it exists. Nothing from it is copied into the project: edge cases found
 * there have synthetic fixtures in the other tests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parsePubmedXml, PubmedXmlError, streamPubmedRecords } from './index.ts';

const repoRoot = resolve(import.meta.dirname, '../../../..');
const samples = resolve(repoRoot, '../shared/pubmed-samples');
const present = existsSync(samples);
if (!present) console.warn(`shared-samples.test: skipped, ${samples} not found`);

const files = present ? (readdirSync(samples, { recursive: true }) as string[]).filter((f) => /\.xml(\.gz)?$/.test(f)).sort() : [];

function read(file: string): string {
  const bytes = readFileSync(join(samples, file));
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Counted independently of the parser: record start tags (a MedlineCitation inside a PubmedArticle is not one). */
function expectedCounts(xml: string) {
  const tags = (re: RegExp) => (xml.match(re) ?? []).length;
  const articles = tags(/<PubmedArticle[\s>]/g) + tags(/<PubmedBookArticle[\s>]/g);
  const bareCitations = xml.includes('<MedlineCitationSet') ? tags(/<MedlineCitation[\s>]/g) : 0;
  const deleteBlocks = xml.match(/<DeleteCitation>[\s\S]*?<\/DeleteCitation>/g) ?? [];
  const deletions = deleteBlocks.reduce((n, block) => n + (block.match(/<PMID[\s>]/g) ?? []).length, 0);
  return { records: articles + bareCitations, deletions };
}

const rootOf = (xml: string) => /<([A-Za-z][\w.-]*)[\s>/]/.exec(xml.replace(/<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<!--[\s\S]*?-->/g, ''))?.[1];
const ARTICLE_ROOTS = new Set(['PubmedArticleSet', 'PubmedArticle', 'PubmedBookArticle', 'MedlineCitationSet']);

describe.skipIf(!present)('shared PubMed sample corpus', () => {
  it('has files', () => expect(files.length).toBeGreaterThan(100));

  it.each(files)(
    '%s',
    async (file) => {
      const xml = read(file);
      const root = rootOf(xml);
      if (!root || !ARTICLE_ROOTS.has(root)) {
        // esearch / epost / error bodies: not article sets, refused with the root named.
        expect(() => parsePubmedXml(xml)).toThrow(PubmedXmlError);
        expect(() => parsePubmedXml(xml)).toThrow(`<${root}>`);
        return;
      }
      const expected = expectedCounts(xml);
      const result = parsePubmedXml(xml);
      expect(result.errors).toEqual([]);
      expect(result.records).toHaveLength(expected.records);
      expect(result.deletions).toHaveLength(expected.deletions);
      for (const r of result.records) {
        expect(r.pmid).toMatch(/^\d+$/);
        expect(xml.includes(r.rawXml)).toBe(true);
      }
      // Streaming in odd-sized chunks gives the same PMIDs.
      async function* chunks() {
        const bytes = Buffer.from(xml);
        for (let i = 0; i < bytes.length; i += 4093) yield bytes.subarray(i, i + 4093);
      }
      const streamed: string[] = [];
      for await (const item of streamPubmedRecords(chunks())) if (item.type === 'record') streamed.push(item.record.pmid);
      expect(streamed).toEqual(result.records.map((r) => r.pmid));
      // The largest samples (4 MB of XML, parsed twice) take 2–3 s alone and more while the suite's
      // import tests run alongside on two cores.
    },
    30_000,
  );
});
