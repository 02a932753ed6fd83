import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { authorSearchText } from './author-text.ts';
import { createTestDatabase } from './testing.ts';

describe('authors_text', () => {
  const db = createTestDatabase();
  afterAll(() => db.remove());

  it('migration 0010 backfills the same text as authorSearchText', () => {
    const authors = [
      { lastName: 'Smolen', initials: 'JS', collectiveName: null },
      { lastName: 'Doe', initials: 'J', collectiveName: null },
      { lastName: 'Nobody', initials: null, collectiveName: null },
      { lastName: null, initials: null, collectiveName: 'Fixture Study Group' },
    ];
    db.sqlite.exec(`INSERT INTO studies (pmid, title, title_markup, content_hash, first_seen_at, last_updated_at)
      VALUES (90000001, '[Fixture] t', 't', 'h', 'now', 'now')`);
    const insert = db.sqlite.prepare(
      'INSERT INTO authors (pmid, position, last_name, initials, collective_name) VALUES (90000001, ?, ?, ?, ?)',
    );
    for (const [i, a] of authors.entries()) insert.run(i, a.lastName, a.initials, a.collectiveName);
    const sql = readFileSync(new URL('../migrations/0010_fulltext_authors.sql', import.meta.url), 'utf8')
      .split('--> statement-breakpoint')
      .find((s) => s.includes('UPDATE `studies`'))!;
    db.sqlite.exec(sql);
    const stored = db.sqlite.prepare('SELECT authors_text FROM studies WHERE pmid = 90000001').pluck().get();
    expect(stored).toBe(authorSearchText(authors));
    expect(stored).toBe('Smolen J JS; Doe J; Nobody; Fixture Study Group');
  });
});
