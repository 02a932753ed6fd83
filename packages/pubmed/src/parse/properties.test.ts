import { describe, expect, it } from 'vitest';
import { parsePubmedXml } from './index.ts';
import { article, articleSet, realisticArticle } from './test-fixtures.ts';

/** Fixture records covering the edge cases, each with a distinct PMID. */
const fixtures = [
  ...Array.from({ length: 20 }, (_, i) => realisticArticle(i)),
  article({
    pmid: '90000201',
    title: '[Fixture] <i>a</i><b>b</b><sup>c</sup><sub>d</sub><u>e</u> <mml:math><mml:mi>x</mml:mi></mml:math> &lt;b&gt;',
  }),
  article({
    pmid: '90000202',
    abstract: '<AbstractText Label="A">[Fixture] <span>s</span> &amp;</AbstractText><AbstractText>[Fixture] two</AbstractText>',
  }),
  article({ pmid: '90000203', pubDate: '<MedlineDate>1975-1976</MedlineDate>' }),
];
const result = parsePubmedXml(articleSet(...fixtures));
const ALLOWED_TAG = /<\/?(i|b|sup|sub|u)>/g;

describe('properties over the fixtures', () => {
  it('every PMID in is a PMID out, in order', () => {
    const pmidsIn = fixtures.map((xml) => /<PMID[^>]*>(\d+)<\/PMID>/.exec(xml)![1]);
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => r.pmid)).toEqual(pmidsIn);
  });

  it('text is never empty where the XML has text', () => {
    for (const r of result.records) {
      expect(r.title.text).not.toBe('');
      expect(r.title.markup).not.toBe('');
      for (const s of r.abstractSections) expect(s.text).not.toBe('');
    }
  });

  it('markup contains only allowed tags, balanced, and no raw < > & "', () => {
    for (const r of result.records) {
      for (const rich of [r.title, r.abstract, ...r.abstractSections]) {
        if (!rich) continue;
        const rest = rich.markup.replace(ALLOWED_TAG, '');
        expect(rest).not.toMatch(/[<>"]|&(?!amp;|lt;|gt;|quot;)/);
        const opened = (rich.markup.match(/<(i|b|sup|sub|u)>/g) ?? []).length;
        const closed = (rich.markup.match(/<\/(i|b|sup|sub|u)>/g) ?? []).length;
        expect(opened).toBe(closed);
        // The markup minus its tags, unescaped, is the plain text.
        const unescaped = rest
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&');
        expect(unescaped).toBe(rich.text);
      }
    }
  });

  it('rawXml re-parses to the same record', () => {
    for (const r of result.records) expect(parsePubmedXml(r.rawXml).records[0]).toEqual(r);
  });
});
