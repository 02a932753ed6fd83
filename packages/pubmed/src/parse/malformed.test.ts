import { describe, expect, it } from 'vitest';
import { parsePubmedXml, PubmedXmlError } from './index.ts';
import { article, articleSet } from './test-fixtures.ts';

const thrown = (xml: string): PubmedXmlError => {
  try {
    parsePubmedXml(xml);
  } catch (err) {
    expect(err).toBeInstanceOf(PubmedXmlError);
    return err as PubmedXmlError;
  }
  throw new Error('expected PubmedXmlError');
};

describe('documents that must be refused', () => {
  const good = articleSet(article({ pmid: '90000001' }), article({ pmid: '90000002' }));

  it('truncated inside a record', () => {
    const err = thrown(good.slice(0, good.indexOf('90000002') + 20));
    expect(err.message).toMatch(/Truncated document: <PubmedArticle> is not closed/);
    expect(err.line).toBe(5);
  });

  it('truncated after the last record (no closing root tag)', () => {
    expect(thrown(good.replace('</PubmedArticleSet>', '')).message).toMatch(/missing <\/PubmedArticleSet>/);
  });

  it('mismatched tags inside a record, with the document position', () => {
    const bad = good.replace('<Volume>12</Volume>', '<Volume>12</Issue>');
    const err = thrown(bad);
    expect(err.message).toMatch(/Malformed XML/);
    expect(err.line).toBe(4);
    expect(bad.split('\n')[3]!.slice(err.column! - 1)).toMatch(/^<\/Issue>/);
  });

  it('bare ampersand, bad attribute quoting', () => {
    expect(thrown(articleSet(article({ title: '[Fixture] A & B' }))).message).toMatch(/Malformed XML/);
    expect(thrown(articleSet(article({ pmidAttrs: ' Version="1' }))).message).toMatch(/Malformed XML/);
  });

  it('non-PubMed roots name the root found', () => {
    expect(thrown('<?xml version="1.0"?>\n<eSearchResult><Count>0</Count></eSearchResult>').message).toMatch(
      /root element <eSearchResult>.*line 2, column 1/,
    );
    expect(thrown('<!DOCTYPE html>\n<html><body>down_bethesda</body></html>').message).toMatch(/<html>/);
    expect(thrown('{"error":"API rate limit exceeded"}').message).toMatch(/Not XML/);
    expect(thrown('<?xml version="1.0"?>\n').message).toMatch(/no root element/);
    expect(thrown('').message).toMatch(/no root element/);
  });

  it('unexpected elements or text in the set, content after the root', () => {
    expect(thrown(articleSet('<ERROR>[Fixture] backend failed</ERROR>')).message).toMatch(/Unexpected element <ERROR>/);
    expect(thrown(articleSet('stray text')).message).toMatch(/Unexpected text/);
    expect(thrown(`${articleSet(article())}<Extra/>`).message).toMatch(/after <\/PubmedArticleSet>/);
  });
});

describe('a bad record does not sink the batch', () => {
  it('skips a record without PMID, and one without Article naming its PMID', () => {
    const noArticle = article({ pmid: '90000003' }).replace(/<Article .*<\/Article>/, '');
    const result = parsePubmedXml(
      articleSet(article({ pmid: '90000001' }), article({ pmid: null }), noArticle, article({ pmid: '90000004' })),
    );
    expect(result.records.map((r) => r.pmid)).toEqual(['90000001', '90000004']);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatchObject({ pmid: null });
    expect(result.errors[0]!.reason).toMatch(/no PMID/);
    expect(result.errors[1]).toMatchObject({ pmid: '90000003' });
    expect(result.errors[1]!.reason).toMatch(/PMID 90000003.*no Article/);
  });
});
