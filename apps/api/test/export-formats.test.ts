// Exports of the fixture corpus, ingested by the real import command, read back through citation-js and csv-parse.
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { buildArticleSetXml, FIXTURE_STUDIES } from '@evidence/eutils-fixtures';
import { createTestDatabase } from '@evidence/schema/testing';
import { ingestCommandPath } from '@evidence/test-corpus';
import { parse as parseCsv } from 'csv-parse/sync';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';

const ingestCli = ingestCommandPath();
const NOW = new Date('2026-11-24T09:30:00Z');
const RETRACTED = 90000028;
const COLLECTIVE = 90000030; // a consortium and a name with diacritics
const SCRIPT_TITLE = 90000020; // "<script>" in the title

let database: ReturnType<typeof createTestDatabase>;
let app: ReturnType<typeof createApp>;

interface Stored {
  pmid: number;
  title: string;
  doi: string | null;
  pub_year: number;
  is_retracted: number;
  journal_title: string;
  journal_iso: string;
}
const stored = (pmid: number) => database.sqlite.prepare('SELECT * FROM studies WHERE pmid = ?').get(pmid) as Stored;
const storedAuthors = (pmid: number) =>
  database.sqlite
    .prepare('SELECT last_name, fore_name, collective_name FROM authors WHERE pmid = ? AND investigator = 0 ORDER BY position')
    .all(pmid) as { last_name: string | null; fore_name: string | null; collective_name: string | null }[];
const pmidsWhere = (sql: string) => database.sqlite.prepare(`SELECT pmid FROM studies s WHERE ${sql}`).pluck().all() as number[];
// Exports follow the list: non-research items (the retraction notice) only when asked for.
const longCovid = () =>
  pmidsWhere(
    "EXISTS (SELECT 1 FROM study_topics t WHERE t.pmid = s.pmid AND t.topic_id = 'long_covid') AND coalesce(s.design, '') <> 'non_research'",
  );

beforeAll(async () => {
  database = createTestDatabase();
  const file = join(database.dir, 'fixtures.xml');
  writeFileSync(file, buildArticleSetXml(FIXTURE_STUDIES));
  await promisify(execFile)(process.execPath, [ingestCli, 'import', file, '--json'], {
    env: { ...process.env, DATABASE_URL: database.path },
  });
  app = createApp({ database, now: () => NOW });
});
afterAll(() => database?.remove());

async function exportText(query: string) {
  const res = await app.request(`/api/export?${query}`);
  return { res, body: await res.text() };
}

const FORMATS = [
  ['ris', 'application/x-research-info-systems', 'evidence-2026-11-24.ris'],
  ['bibtex', 'application/x-bibtex', 'evidence-2026-11-24.bib'],
  ['csljson', 'application/vnd.citationstyles.csl+json', 'evidence-2026-11-24.json'],
  ['csv', 'text/csv', 'evidence-2026-11-24.csv'],
  ['apa', 'text/plain', 'evidence-2026-11-24.apa.txt'],
  ['vancouver', 'text/plain', 'evidence-2026-11-24.vancouver.txt'],
] as const;

describe('GET /api/export: every format, for a filter and for a PMID list', () => {
  it.each(FORMATS)('%s has its content type and an attachment filename', async (format, type, filename) => {
    for (const query of [`format=${format}&topic=long_covid`, `format=${format}&pmid=${RETRACTED}&pmid=${COLLECTIVE}`]) {
      const { res, body } = await exportText(query);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('content-type')).toContain('charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${filename}"`);
      expect(body.length).toBeGreaterThan(0);
    }
  });

  it('RIS parses back through citation-js with the stored titles, DOIs, years and authors', async () => {
    const { body } = await exportText('format=ris&topic=long_covid');
    const parsed = new Cite(body).data as Record<string, any>[];
    expect(parsed.map((p) => Number(p.id.replace('PMID', ''))).sort()).toEqual(longCovid().sort());
    for (const item of parsed) {
      const pmid = Number(item.id.replace('PMID', ''));
      const row = stored(pmid);
      expect(item.title).toBe(row.is_retracted ? `[RETRACTED] ${row.title}` : row.title);
      expect(item.DOI).toBe(row.doi);
      expect(item.issued['date-parts'][0][0]).toBe(row.pub_year);
      expect(item['container-title']).toBe(row.journal_title);
      expect(item.author.map((a: any) => a.literal ?? a.family)).toEqual(storedAuthors(pmid).map((a) => a.collective_name ?? a.last_name));
      if (row.is_retracted) expect(item.note).toMatch(/RETRACTED/);
    }
    // No value is broken over lines: every line starts with a tag.
    expect(body.split('\n').filter((line) => line !== '' && !/^[A-Z][A-Z0-9] {2}- ?/.test(line))).toEqual([]);
  });

  it('BibTeX parses back with the stored titles, DOIs, years and authors (diacritics and collective names intact)', async () => {
    const { body } = await exportText(`format=bibtex&pmid=${RETRACTED}&pmid=${COLLECTIVE}&pmid=${SCRIPT_TITLE}&pmid=90000001`);
    const parsed = new Cite(body).data as Record<string, any>[];
    expect(parsed.map((p) => p['citation-key'])).toEqual([`PMID${RETRACTED}`, `PMID${COLLECTIVE}`, `PMID${SCRIPT_TITLE}`, 'PMID90000001']);
    for (const item of parsed) {
      const pmid = Number(item['citation-key'].replace('PMID', ''));
      const row = stored(pmid);
      expect(item.title).toBe(row.is_retracted ? `[RETRACTED] ${row.title}` : row.title);
      expect(item.DOI).toBe(row.doi);
      expect(item.issued['date-parts'][0][0]).toBe(row.pub_year);
      expect(item.author.map((a: any) => a.family ?? a.literal)).toEqual(storedAuthors(pmid).map((a) => a.collective_name ?? a.last_name));
    }
    expect(parsed[1]!.author[1]).toEqual({ family: 'Müller-Ñúñez', given: 'José' });
    expect(body).toMatch(/note = \{RETRACTED/);
  });

  it('CSL-JSON is an array of article-journal items with the expected fields and the retraction in note and custom', async () => {
    const { body } = await exportText(`format=csljson&pmid=${RETRACTED}&pmid=${COLLECTIVE}`);
    const items = JSON.parse(body) as Record<string, any>[];
    expect(Array.isArray(items)).toBe(true);
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item).toMatchObject({
        type: 'article-journal',
        PMID: expect.any(String),
        URL: `https://pubmed.ncbi.nlm.nih.gov/${item.PMID}/`,
        language: 'en',
      });
      for (const field of ['title', 'container-title', 'container-title-short', 'volume', 'issue', 'issued', 'DOI', 'author'])
        expect(item).toHaveProperty([field]);
    }
    const [retracted, collective] = items;
    expect(retracted!.title.startsWith('[RETRACTED] ')).toBe(true);
    expect(retracted!.note).toMatch(/RETRACTED/);
    expect(retracted!.custom).toMatchObject({ retracted: true, design: expect.any(String) });
    expect(retracted!.issued).toEqual({ 'date-parts': [[2021, 4]] });
    expect(collective!.author).toEqual([{ literal: 'Fixture Autonomic Consortium' }, { family: 'Müller-Ñúñez', given: 'José' }]);
    expect(collective!.custom.retracted).toBe(false);
  });

  it('APA and Vancouver text carry author, year, title and journal, and "[RETRACTED]" for the retracted study', async () => {
    const row = stored(RETRACTED);
    const apa = (await exportText(`format=apa&pmid=${RETRACTED}`)).body;
    expect(apa).toContain('Example, A., & Sample, B. M. (2021).');
    expect(apa).toContain(`[RETRACTED] ${row.title}`);
    expect(apa).toContain(row.journal_title);
    expect(apa).toContain('https://doi.org/10.5555/fixture.90000028');

    const vancouver = (await exportText(`format=vancouver&pmid=${RETRACTED}&pmid=${COLLECTIVE}`)).body;
    expect(vancouver).toContain(`1. Example A, Sample BM. [RETRACTED] ${row.title}. ${row.journal_iso}. 2021 Apr;`);
    expect(vancouver).toContain('2. Fixture Autonomic Consortium, Müller-Ñúñez J.');
    expect(vancouver).not.toContain('<div');
  });

  it('style_output=html gives an escaped HTML document of the references', async () => {
    const { res, body } = await exportText(`format=apa&style_output=html&pmid=${SCRIPT_TITLE}&pmid=${RETRACTED}`);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-disposition')).toContain('evidence-2026-11-24.apa.html');
    expect(body).toMatch(/^<!doctype html>/);
    expect(body).toContain('class="csl-bib-body"');
    expect(body).toContain('[RETRACTED]');
    expect(body).not.toContain('<script>');
    expect(body).toContain('&lt;script&gt;');
  });

  it('CSV parses back (csv-parse) with one row per study and the documented columns', async () => {
    const res = await app.request('/api/export?format=csv&topic=long_covid');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM spreadsheet programs look for
    const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const rows = parseCsv(body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(longCovid().length);
    expect(Object.keys(rows[0]!)).toEqual([
      'pmid',
      'title',
      'authors',
      'journal',
      'year',
      'doi',
      'pmcid',
      'design',
      'sample_size',
      'outcomes',
      'topics',
      'retracted',
      'pubmed_url',
    ]);
    for (const r of rows) {
      const row = stored(Number(r.pmid));
      expect(r.title).toBe(row.title);
      expect(r.year).toBe(String(row.pub_year));
      expect(r.doi).toBe(row.doi ?? '');
      expect(r.retracted).toBe(row.is_retracted ? 'true' : 'false');
      expect(r.topics!.split('; ')).toContain('long_covid');
      expect(r.pubmed_url).toBe(`https://pubmed.ncbi.nlm.nih.gov/${r.pmid}/`);
    }
    expect(rows.find((r) => Number(r.pmid) === RETRACTED)!.retracted).toBe('true');
  });

  it('keeps the order of an explicit PMID list and skips unknown PMIDs', async () => {
    const { res, body } = await exportText(`format=csv&pmid=90000003&pmid=1&pmid=90000001&pmid=90000002`);
    const rows = parseCsv(body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.pmid)).toEqual(['90000003', '90000001', '90000002']);
    expect(res.headers.get('x-result-count')).toBe('3');
  });

  it('an empty result is an empty file, not an error', async () => {
    for (const format of ['ris', 'apa']) {
      const { res, body } = await exportText(`format=${format}&pmid=1`);
      expect(res.status).toBe(200);
      expect(body).toBe('');
    }
  });
});

describe('GET /api/export: errors', () => {
  it('an unknown or missing format is a 400 naming `format`', async () => {
    for (const query of ['format=docx&topic=tvns', 'topic=tvns']) {
      const { res, body } = await exportText(query);
      expect(res.status).toBe(400);
      expect(JSON.parse(body).error).toMatchObject({ code: 'invalid_parameter', parameter: 'format' });
    }
    const { res, body } = await exportText('format=apa&style_output=pdf');
    expect(res.status).toBe(400);
    expect(JSON.parse(body).error.parameter).toBe('style_output');
  });

  it('filters are validated as for /api/studies', async () => {
    const { res, body } = await exportText('format=ris&year_from=2025&year_to=2020');
    expect(res.status).toBe(400);
    expect(JSON.parse(body).error.parameter).toBe('year_from');
  });

  it('is listed in the OpenAPI document with its content types', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as any;
    const op = doc.paths['/api/export'].get;
    expect(Object.keys(op.responses['200'].content)).toEqual(
      expect.arrayContaining([
        'application/x-research-info-systems',
        'application/x-bibtex',
        'application/vnd.citationstyles.csl+json',
        'text/csv',
        'text/plain',
        'text/html',
      ]),
    );
    expect(op.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['format', 'style_output', 'topic', 'pmid', 'q']));
  });
});
