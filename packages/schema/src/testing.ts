import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorSearchText } from './author-text.ts';
import { openDatabase, type OpenedDatabase } from './database.ts';

/** A migrated SQLite file of its own for one test file or worker; remove() deletes it. */
export function createTestDatabase(): OpenedDatabase & { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-test-'));
  const opened = openDatabase(join(dir, 'evidence.db'));
  return {
    ...opened,
    dir,
    remove() {
      try {
        opened.close();
      } catch {
        /* already closed */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface StudyFactoryInput {
  pmid: number;
  title?: string;
  titleMarkup?: string;
  abstract?: string;
  journalTitle?: string;
  pubYear?: number;
  pubDateSort?: string;
  doi?: string | null;
  topics?: string[];
  isRetracted?: boolean;
  authorsShort?: string;
  /** Person authors as "Last Initials" (e.g. "Smolen JS"), stored in `authors` and the full-text index. */
  authors?: string[];
  keywords?: string[];
  mesh?: string[];
  publicationTypes?: string[];
}

/**
 * Inserts a minimal synthetic study row (PMIDs ≥ 90000000, titles marked as fixtures) for tests
 * that need rows without going through ingestion. Topics it names are created if missing.
 */
export function insertStudy(opened: OpenedDatabase, input: StudyFactoryInput): void {
  const now = '2026-01-01T00:00:00.000Z';
  const title = input.title ?? `[Fixture] Study ${input.pmid}`;
  const authors = (input.authors ?? []).map((name) => {
    const [lastName, initials] = name.split(' ');
    return { lastName: lastName!, initials: initials ?? null, collectiveName: null };
  });
  opened.sqlite
    .prepare(`INSERT INTO studies (pmid, title, title_markup, abstract, journal_title, pub_year, pub_date_sort, doi,
      is_retracted, authors_short, authors_text, keywords_text, mesh_text, publication_types, content_hash, first_seen_at, last_updated_at)
    VALUES (@pmid, @title, @titleMarkup, @abstract, @journalTitle, @pubYear, @pubDateSort, @doi, @isRetracted, @authorsShort,
      @authorsText, @keywordsText, @meshText, @publicationTypes, 'factory', @now, @now)`)
    .run({
      pmid: input.pmid,
      title,
      titleMarkup: input.titleMarkup ?? title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      abstract: input.abstract ?? 'Fixture abstract.',
      journalTitle: input.journalTitle ?? 'Fixture Journal of Testing',
      pubYear: input.pubYear ?? 2025,
      pubDateSort: input.pubDateSort ?? String(input.pubYear ?? 2025),
      doi: input.doi ?? null,
      isRetracted: input.isRetracted ? 1 : 0,
      authorsShort: input.authorsShort ?? 'Fixture A, Example B',
      authorsText: authorSearchText(authors),
      keywordsText: (input.keywords ?? []).join('; '),
      meshText: (input.mesh ?? []).join('; '),
      publicationTypes: JSON.stringify((input.publicationTypes ?? []).map((name) => ({ name, ui: null }))),
      now,
    });
  for (const [position, a] of authors.entries()) {
    opened.sqlite
      .prepare('INSERT INTO authors (pmid, position, last_name, initials) VALUES (?, ?, ?, ?)')
      .run(input.pmid, position, a.lastName, a.initials);
  }
  opened.sqlite.prepare(`INSERT INTO study_records (pmid, raw_record) VALUES (?, '<PubmedArticle/>')`).run(input.pmid);
  for (const topic of input.topics ?? []) {
    opened.sqlite
      .prepare(`INSERT INTO topics (id, label, description, query, synonyms, mesh, updated_at)
      VALUES (?, ?, 'Fixture topic', ?, '[]', '[]', ?) ON CONFLICT DO NOTHING`)
      .run(topic, topic, topic, now);
    opened.sqlite
      .prepare(`INSERT INTO study_topics (pmid, topic_id, found_by, first_found_at) VALUES (?, ?, 'query', ?)`)
      .run(input.pmid, topic, now);
  }
}

/**
 * Makes a migrated database look as a newer tracker left it: `extra` migrations this code does not
 * know are recorded in drizzle's table (and one of them added a column), as a newer release would.
 */
export function recordFutureMigrations(path: string, extra = 2): void {
  const opened = openDatabase(path);
  const last = opened.sqlite.prepare('SELECT max(created_at) FROM __drizzle_migrations').pluck().get() as number;
  const insert = opened.sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)');
  for (let i = 1; i <= extra; i++) insert.run(`future-migration-${i}`, last + i * 60_000);
  opened.sqlite.exec('ALTER TABLE studies ADD COLUMN from_the_future TEXT');
  opened.close();
}
