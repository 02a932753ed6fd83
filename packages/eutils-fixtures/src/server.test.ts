import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { buildArticleSetXml, FIXTURE_STUDIES, readTopicQueries, startFixtureServer, type FixtureServer } from './index.ts';

const queries = readTopicQueries();
const parser = new XMLParser({ isArray: (name) => name === 'Id' || name === 'PubmedArticle' });
let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function get(endpoint: string, params: Record<string, string>) {
  const res = await fetch(`${server!.url}${endpoint}?${new URLSearchParams(params)}`);
  return { status: res.status, headers: res.headers, body: await res.text() };
}

describe('fixture corpus', () => {
  it('is clearly synthetic and well-formed', () => {
    expect(FIXTURE_STUDIES.length).toBeGreaterThanOrEqual(25);
    for (const s of FIXTURE_STUDIES) {
      expect(s.pmid).toBeGreaterThanOrEqual(90000001);
      expect(s.title.startsWith('[Fixture]')).toBe(true);
      expect(s.journal.title.startsWith('Fixture Journal of')).toBe(true);
      for (const t of s.topics) expect(Object.keys(queries)).toContain(t);
    }
    const xml = buildArticleSetXml(FIXTURE_STUDIES);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('<i>in vivo</i>');
    const retracted = FIXTURE_STUDIES.find((s) => s.retractionIn)!;
    expect(FIXTURE_STUDIES.find((s) => s.pmid === retracted.retractionIn)?.publicationTypes).toContain('Retraction of Publication');
  });
});

describe('fixture server', () => {
  it('esearch finds a topic by its query, with history, and efetch returns its records', async () => {
    server = await startFixtureServer();
    const search = await get('esearch.fcgi', { db: 'pubmed', term: queries.tvns!, usehistory: 'y', retmax: '100' });
    const result = parser.parse(search.body).eSearchResult;
    const expected = FIXTURE_STUDIES.filter((s) => s.topics.includes('tvns')).length;
    expect(result.Count).toBe(expected);
    expect(result.IdList.Id).toHaveLength(expected);
    expect(result.WebEnv).toMatch(/^MCID_/);
    const fetched = await get('efetch.fcgi', {
      db: 'pubmed',
      retmode: 'xml',
      WebEnv: result.WebEnv,
      query_key: String(result.QueryKey),
      retstart: '0',
      retmax: '3',
    });
    expect(parser.parse(fetched.body).PubmedArticleSet.PubmedArticle).toHaveLength(3);
    expect(server.requests.map((r) => [r.endpoint, r.status])).toEqual([
      ['esearch', 200],
      ['efetch', 200],
    ]);
  });

  it('filters by date, reports unknown terms as PhraseNotFound, and refuses retstart ≥ 9999', async () => {
    server = await startFixtureServer();
    const dated = await get('esearch.fcgi', {
      db: 'pubmed',
      term: queries.emdr!,
      datetype: 'crdt',
      mindate: '2022/01/01',
      maxdate: '2022/12/31',
    });
    expect(parser.parse(dated.body).eSearchResult.Count).toBe(
      FIXTURE_STUDIES.filter((s) => s.topics.includes('emdr') && s.createdDate.startsWith('2022')).length,
    );
    const unknown = await get('esearch.fcgi', { db: 'pubmed', term: 'nothing-matches-this' });
    expect(unknown.body).toContain('<Count>0</Count>');
    expect(unknown.body).toContain('<PhraseNotFound>nothing-matches-this</PhraseNotFound>');
    const far = await get('esearch.fcgi', { db: 'pubmed', term: queries.emdr!, retstart: '15000' });
    expect(far.body).toContain('Position 15000 is out of acceptable range [9999,9998]');
  });

  it('generates 25,000 records lazily, reports the full count but caps retrievable ids', async () => {
    server = await startFixtureServer({ generated: { topic: 'tvns', count: 25_000, from: '2015-01-01', to: '2024-12-31' } });
    const search = parser.parse((await get('esearch.fcgi', { term: queries.tvns!, usehistory: 'y', retmax: '10000' })).body).eSearchResult;
    expect(search.Count).toBe(25_000 + FIXTURE_STUDIES.filter((s) => s.topics.includes('tvns')).length);
    expect(search.IdList.Id).toHaveLength(9999);
    expect(search.WarningList.OutputMessage).toContain('Restrictions achieved');
    const beyond = await get('efetch.fcgi', { WebEnv: search.WebEnv, query_key: '1', retstart: '9999', retmax: '10' });
    expect(beyond.body).toContain('<PubmedArticleSet></PubmedArticleSet>');
  });

  it('efetch by id (GET and POST) skips unknown PMIDs', async () => {
    server = await startFixtureServer();
    const one = await get('efetch.fcgi', { db: 'pubmed', id: '90000001,12345' });
    expect(parser.parse(one.body).PubmedArticleSet.PubmedArticle).toHaveLength(1);
    const none = await get('efetch.fcgi', { db: 'pubmed', id: '12345' });
    expect(none.body).toContain('<PubmedArticleSet></PubmedArticleSet>');
    const posted = await fetch(`${server.url}efetch.fcgi`, {
      method: 'POST',
      body: new URLSearchParams({ db: 'pubmed', id: '90000002,90000003' }),
    });
    expect(parser.parse(await posted.text()).PubmedArticleSet.PubmedArticle).toHaveLength(2);
    expect(server.requests[2]).toMatchObject({ method: 'POST', params: { id: '90000002,90000003' } });
  });

  it('plays queued failures, then answers normally', async () => {
    server = await startFixtureServer();
    server.setFailures([
      { kind: 'rate_limit', retryAfter: 2 },
      { kind: 'http_500', endpoint: 'esearch' },
      { kind: 'backend_error' },
      { kind: 'html_200' },
      { kind: 'empty_200' },
    ]);
    const limited = await get('esearch.fcgi', { term: queries.eft! });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(JSON.parse(limited.body)).toMatchObject({ error: 'API rate limit exceeded', limit: '3' });
    expect((await get('esearch.fcgi', { term: queries.eft! })).body).toContain('Error 500 Diagnostic');
    expect((await get('esearch.fcgi', { term: queries.eft! })).body).toContain('<ERROR>Search Backend failed');
    expect((await get('esearch.fcgi', { term: queries.eft! })).body).toContain('<html');
    expect((await get('esearch.fcgi', { term: queries.eft! })).body).toBe('');
    expect((await get('esearch.fcgi', { term: queries.eft! })).body).toContain('<Count>');
    expect(server.requests.map((r) => r.status)).toEqual([429, 500, 200, 200, 200, 200]);
  });

  it('truncates and stalls responses', async () => {
    server = await startFixtureServer();
    server.setFailures([
      { kind: 'truncated', endpoint: 'efetch' },
      { kind: 'stall_headers', stallMs: 5000 },
    ]);
    await expect(get('efetch.fcgi', { id: '90000001,90000002' })).rejects.toThrow();
    await expect(fetch(`${server.url}esearch.fcgi?term=x`, { signal: AbortSignal.timeout(200) }).then((r) => r.text())).rejects.toThrow();
  });

  it('restarts on its port like NCBI after a restart: the old WebEnv is forgotten ("Unable to obtain query")', async () => {
    server = await startFixtureServer();
    const search = parser.parse((await get('esearch.fcgi', { term: queries.tvns!, usehistory: 'y' })).body).eSearchResult;
    const page = { WebEnv: search.WebEnv, query_key: '1', retstart: '0', retmax: '2' };
    expect((await get('efetch.fcgi', page)).body).toContain('<PubmedArticle>');
    const url = server.url;
    await server.restart();
    expect(server.url).toBe(url);
    // The client's pooled keep-alive connection died with the restart: the first request may find it closed.
    const afterRestart = (params: Record<string, string>) => get('efetch.fcgi', params).catch(() => get('efetch.fcgi', params));
    expect((await afterRestart(page)).body).toContain('<ERROR>Unable to obtain query #1</ERROR>');
    // A failure rule can restart it at a given request, dropping that request's connection.
    server.setFailures({ kind: 'restart', endpoint: 'efetch' });
    const again = parser.parse((await get('esearch.fcgi', { term: queries.tvns!, usehistory: 'y' })).body).eSearchResult;
    await expect(get('efetch.fcgi', { ...page, WebEnv: again.WebEnv })).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await afterRestart({ ...page, WebEnv: again.WebEnv })).body).toContain('Unable to obtain query');
  });
});
