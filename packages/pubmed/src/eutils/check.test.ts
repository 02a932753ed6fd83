import { describe, expect, it } from 'vitest';
import { checkXmlBody, rootElement } from './check.ts';
import { parseRetryAfter } from './backoff.ts';

describe('checkXmlBody', () => {
  const prolog =
    '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/x.dtd">\n';
  it('accepts an empty article set (PMIDs that do not exist)', () => {
    expect(checkXmlBody(`${prolog}<PubmedArticleSet></PubmedArticleSet>`, 'PubmedArticleSet')).toBeUndefined();
    expect(rootElement(`${prolog}<PubmedArticleSet/>`)).toBe('PubmedArticleSet');
  });
  it.each([
    ['', 'malformed', true],
    ['<?xml version="1.0" ?>', 'malformed', true],
    [`${prolog}<PubmedArticleSet><PubmedArticle><MedlineCitation>`, 'malformed', true],
    ['Error: TXCLIENT::readAll EOF', 'malformed', true],
    ['<html><body>down_bethesda</body></html>', 'server', true],
    ['<eFetchResult><ERROR>Unable to obtain query #1</ERROR></eFetchResult>', 'history_expired', false],
    ['<eSearchResult><ERROR>Invalid db name specified: nothing</ERROR></eSearchResult>', 'eutils_error', false],
    ['<eSummaryResult/>', 'malformed', true],
  ])('%j → %s (retryable %s)', (body, kind, retryable) => {
    expect(checkXmlBody(body, 'PubmedArticleSet')).toMatchObject({ kind, retryable });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP-dates, never negative', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
