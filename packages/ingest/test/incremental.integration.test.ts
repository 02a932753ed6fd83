// Incremental runs against a fixture server whose records get revised between runs: what changed
// replaces the stored record, is recorded in study_changes, re-tags the study, and keeps curator tags.
import { FIXTURE_STUDIES, startFixtureServer, type FixtureServer, type StudySpec } from '@evidence/eutils-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDay } from '../src/search-window.ts';
import { createTestDatabase, ingestInProcess, runRows, stored, type TestDatabase } from './harness.ts';

let server: FixtureServer;
let db: TestDatabase;
beforeAll(async () => {
  server = await startFixtureServer();
  db = createTestDatabase();
});
afterAll(async () => {
  await server?.close();
  db?.remove();
});

const today = isoDay(new Date());
const [meshRevised, retracted, newVersion] = FIXTURE_STUDIES.filter((s) => s.topics.length === 1 && s.topics[0] === 'tvns') as [
  StudySpec,
  StudySpec,
  StudySpec,
];
const REVISED: StudySpec[] = [
  // New MeSH alone no longer changes the tags of a record with an abstract (outcomes come from the text,
  // ADR 0014): the revised title names the new outcome, so the rule tags must be rewritten.
  {
    ...meshRevised,
    title: `${meshRevised.title} Effects on anxiety`,
    mesh: [...(meshRevised.mesh ?? []), { descriptor: 'Anxiety' }],
    modifiedDate: today,
  },
  { ...retracted, publicationTypes: [...retracted.publicationTypes, 'Retracted Publication'], modifiedDate: today },
  { ...newVersion, version: 2, modifiedDate: today },
];

const changes = () =>
  db.sqlite.prepare('SELECT pmid, run_id, changed_fields FROM study_changes ORDER BY pmid').all() as {
    pmid: number;
    run_id: number;
    changed_fields: string;
  }[];
const tags = (pmid: number) =>
  db.sqlite.prepare('SELECT id, source, kind, value, created_at FROM study_tags WHERE pmid = ? ORDER BY id').all(pmid) as {
    id: number;
    source: string;
    created_at: string;
  }[];

describe('incremental runs', () => {
  let firstRunEnded: string;
  let curatorTagId: number;

  it('the first run stores everything (crdt, whole history)', async () => {
    const { summaries } = await ingestInProcess(db, server.url);
    expect(summaries.every((s) => s.status === 'succeeded' && s.window.datetype === 'crdt')).toBe(true);
    expect(stored(db)).toMatchObject({ studies: FIXTURE_STUDIES.length, duplicatePmids: 0 });
    firstRunEnded = new Date().toISOString();
    curatorTagId = Number(
      db.sqlite
        .prepare(`INSERT INTO study_tags (pmid, kind, value, source, decision, curator, created_at)
      VALUES (?, 'outcome', 'anxiety', 'curator', 'assert', 'fixture-curator', ?)`)
        .run(meshRevised.pmid, firstRunEnded).lastInsertRowid,
    );
  });

  it('revised records (new MeSH, Retracted Publication, new PMID version) replace the stored ones, with the change recorded and tags refreshed', async () => {
    await new Promise((r) => setTimeout(r, 5)); // so "re-tagged after the first run" is visible in created_at
    server.setStudies(FIXTURE_STUDIES.map((s) => REVISED.find((r) => r.pmid === s.pmid) ?? s));
    const before = server.requests.length;
    const { summaries } = await ingestInProcess(db, server.url);
    const tvns = summaries.find((s) => s.topic === 'tvns')!;
    expect(tvns).toMatchObject({ status: 'succeeded', found: 3, new: 0, updated: 3, unchanged: 0, failed: 0, requests: 2 });
    expect(tvns.window).toMatchObject({ datetype: 'mdat', to: today });
    // Topics with nothing modified in the window: one request each, no changes.
    for (const s of summaries.filter((x) => x.topic !== 'tvns')) expect(s).toMatchObject({ found: 0, new: 0, updated: 0, requests: 1 });
    expect(server.requests.length - before).toBe(summaries.length + 1);

    const tvnsRun = runRows(db).find((r) => r.id === tvns.runId)!;
    expect(tvnsRun).toMatchObject({ status: 'succeeded', updated: 3 });
    const recorded = changes();
    expect(recorded.map((c) => c.run_id)).toEqual([tvnsRun.id, tvnsRun.id, tvnsRun.id]);
    const fields = Object.fromEntries(recorded.map((c) => [c.pmid, JSON.parse(c.changed_fields) as string[]]));
    expect(fields[meshRevised.pmid]).toEqual(expect.arrayContaining(['mesh', 'mesh_text']));
    expect(fields[retracted.pmid]).toEqual(expect.arrayContaining(['publication_types', 'is_retracted']));
    expect(fields[newVersion.pmid]).toEqual(expect.arrayContaining(['pmid_version']));

    const row = (pmid: number) =>
      db.sqlite.prepare('SELECT pmid_version, is_retracted, mesh_text FROM studies WHERE pmid = ?').get(pmid) as Record<string, unknown>;
    expect(row(meshRevised.pmid).mesh_text).toContain('Anxiety');
    expect(row(retracted.pmid).is_retracted).toBe(1);
    expect(row(newVersion.pmid).pmid_version).toBe(2);

    // Rule tags of revised studies are rewritten by this run; the curator's row is untouched.
    const revisedTags = tags(meshRevised.pmid);
    expect(revisedTags.find((t) => t.id === curatorTagId)).toMatchObject({ source: 'curator', created_at: firstRunEnded });
    const ruleTags = revisedTags.filter((t) => t.source === 'rule');
    expect(ruleTags.length).toBeGreaterThan(0);
    expect(ruleTags.every((t) => t.created_at > firstRunEnded)).toBe(true);
    const untouched = FIXTURE_STUDIES.find((s) => s.topics.includes('emdr'))!;
    expect(tags(untouched.pmid).every((t) => t.created_at < firstRunEnded)).toBe(true);
  });

  it('running again stores nothing twice and records no change', async () => {
    const countsBefore = db.sqlite
      .prepare(`SELECT (SELECT count(*) FROM studies) AS s, (SELECT count(*) FROM authors) AS a,
      (SELECT count(*) FROM study_tags) AS t, (SELECT count(*) FROM study_topics) AS st, (SELECT count(*) FROM study_changes) AS c`)
      .get();
    const { summaries } = await ingestInProcess(db, server.url);
    expect(summaries.every((s) => s.status === 'succeeded' && s.new === 0 && s.updated === 0)).toBe(true);
    expect(summaries.find((s) => s.topic === 'tvns')).toMatchObject({ found: 3, unchanged: 3 });
    expect(
      db.sqlite
        .prepare(`SELECT (SELECT count(*) FROM studies) AS s, (SELECT count(*) FROM authors) AS a,
      (SELECT count(*) FROM study_tags) AS t, (SELECT count(*) FROM study_topics) AS st, (SELECT count(*) FROM study_changes) AS c`)
        .get(),
    ).toEqual(countsBefore);
    expect(tags(meshRevised.pmid).some((t) => t.id === curatorTagId)).toBe(true);
  });
});
