// Stored findings and quality signals through the API: study detail, list summaries, the direction
// and quality filters on lists, facets, the matrix, exports and feeds, curator corrections (who,
// when, surviving re-ingestion and re-tagging), and claims reading the stored finding.
import { buildArticleSetXml, FIXTURE_STUDIES } from '@evidence/eutils-fixtures';
import { parsePubmedXml } from '@evidence/pubmed';
import { openDatabase } from '@evidence/schema';
import { createStudyStore, createTagWriter } from '@evidence/ingest/testing';
import { tagStudy, toTaggable } from '@evidence/tagger';
import { retagCommandPath, seedFixtureCorpus } from '@evidence/test-corpus';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startApi, type RunningApi } from './harness.ts';

const asAnna = { Authorization: 'Bearer editor-secret-1', 'Content-Type': 'application/json' };

let api: RunningApi;
beforeAll(async () => {
  api = await startApi({ editorToken: 'anna:editor-secret-1', seed: (db) => seedFixtureCorpus(db) });
});
afterAll(() => api?.close());

const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = asAnna) =>
  getJson(`${api.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
const get = async (path: string) => {
  const res = await getJson(`${api.url}${path}`);
  expect(res.status, path).toBe(200);
  return res.body;
};
const pmidsOf = async (query: string) =>
  ((await get(`/api/studies?limit=100&${query}`)).items as { pmid: string }[]).map((i) => Number(i.pmid)).sort((a, b) => a - b);
/** A write from another connection (as the ingester's), which the API's caches see. */
const writeElsewhere = (sql: string, ...args: unknown[]) => {
  const other = openDatabase(api.db.path);
  try {
    other.sqlite.prepare(sql).run(...args);
  } finally {
    other.close();
  }
};
/** The fixture studies' stored rows, as the filters should read them (non-research out, as by default). */
const sqlPmids = (sql: string, ...args: unknown[]) =>
  (
    api.db.sqlite
      .prepare(sql)
      .pluck()
      .all(...args) as number[]
  ).sort((a, b) => a - b);
const research = `SELECT pmid FROM studies WHERE deleted_at IS NULL AND (design IS NULL OR design <> 'non_research')`;

describe('study detail and list', () => {
  it('serves the stored findings and quality signals with their evidence, without re-running the tagger', async () => {
    const stored = api.db.sqlite
      .prepare(
        `SELECT outcome, direction, comparison, evidence_sentence FROM study_findings WHERE pmid = 90000002 AND source = 'rule' ORDER BY outcome`,
      )
      .all() as { outcome: string; direction: string; comparison: string | null; evidence_sentence: string | null }[];
    expect(stored.length).toBeGreaterThan(0);
    const study = await get('/api/studies/90000002');
    expect(study.findings.map((f: any) => [f.outcome, f.direction, f.comparison, f.source, f.evidence?.sentence ?? null, f.rule])).toEqual(
      stored.map((r) => [r.outcome, r.direction, r.comparison, 'rule', r.evidence_sentence, null]),
    );
    for (const f of study.findings.filter((x: any) => x.evidence))
      expect(study.abstract.slice(f.evidence.start, f.evidence.end)).toBe(f.evidence.sentence);
    expect(study.quality.randomised).toMatchObject({ value: true, source: 'rule', ruleValue: null, curator: null });
    expect(study.quality.randomised.evidence.sentence).toMatch(/randomi[sz]/i);
    expect(study.quality.registrations).toEqual([]);
    // The list item's summary is the same findings, outcome → direction.
    const [item] = (await get('/api/studies?pmid=90000002')).items;
    expect(item.findings).toEqual(Object.fromEntries(stored.map((r) => [r.outcome, r.direction])));
  });

  it('shows registrations with their registry page', async () => {
    writeElsewhere(`INSERT INTO study_registrations (pmid, registry, registration_id, url, source)
        VALUES (90000030, 'clinicaltrials_gov', 'NCT09000030', 'https://clinicaltrials.gov/study/NCT09000030', 'databank')`);
    const study = await get('/api/studies/90000030');
    expect(study.quality.registrations).toEqual([
      {
        registry: 'clinicaltrials_gov',
        id: 'NCT09000030',
        url: 'https://clinicaltrials.gov/study/NCT09000030',
        source: 'databank',
        evidence: null,
      },
    ]);
    writeElsewhere(`DELETE FROM study_registrations WHERE pmid = 90000030`);
  });
});

describe('filters', () => {
  it('direction= (any finding, or with outcome= that outcome’s) and the quality filters select what the stored rows say', async () => {
    expect(await pmidsOf('direction=worsened')).toEqual(
      sqlPmids(`${research} AND pmid IN (SELECT pmid FROM study_findings WHERE direction = 'worsened')`),
    );
    expect((await pmidsOf('direction=worsened')).length).toBeGreaterThan(0);
    const noDifferencePtsd = await pmidsOf('direction=no_difference&outcome=ptsd');
    expect(noDifferencePtsd).toEqual(
      sqlPmids(`${research} AND pmid IN (SELECT pmid FROM study_findings WHERE direction = 'no_difference' AND outcome = 'ptsd')`),
    );
    expect(noDifferencePtsd.length).toBeGreaterThan(0);
    // A study with no_difference for another outcome is not picked by outcome=ptsd.
    expect(noDifferencePtsd.length).toBeLessThan((await pmidsOf('direction=no_difference')).length);
    for (const [param, signal] of [
      ['randomised', 'randomised'],
      ['sham', 'sham'],
    ]) {
      const yes = await pmidsOf(`${param}=true`);
      expect(yes).toEqual(sqlPmids(`${research} AND pmid IN (SELECT pmid FROM study_quality WHERE signal = ? AND value = 1)`, signal));
      expect(yes.length).toBeGreaterThan(0);
      const no = await pmidsOf(`${param}=false`);
      expect([...yes, ...no].sort((a, b) => a - b)).toEqual(sqlPmids(research));
    }
    expect((await getJson(`${api.url}/api/studies?direction=better`)).status).toBe(400);
    expect((await getJson(`${api.url}/api/studies?randomised=yes`)).status).toBe(400);
  });

  it('apply to facets, the matrix, exports and the feed too', async () => {
    const worsened = await pmidsOf('direction=worsened');
    expect((await get('/api/facets?direction=worsened')).total).toBe(worsened.length);
    const matrix = await get('/api/matrix?direction=worsened');
    for (const cell of matrix.cells) expect(cell.byDirection.worsened ?? 0).toBeLessThanOrEqual(cell.total);
    const csv = await (await fetch(`${api.url}/api/export?format=csv&direction=worsened`)).text();
    for (const pmid of worsened) expect(csv).toContain(String(pmid));
    expect(csv.trim().split('\n')).toHaveLength(worsened.length + 1);
    const feed = await (await fetch(`${api.url}/api/feed.atom?randomised=true&sham=true`)).text();
    const both = sqlPmids(
      `${research} AND pmid IN (SELECT pmid FROM study_quality WHERE signal = 'randomised' AND value = 1) AND pmid IN (SELECT pmid FROM study_quality WHERE signal = 'sham' AND value = 1)`,
    );
    expect(both.length).toBeGreaterThan(0);
    expect(feed.match(/<entry>/g)?.length).toBe(both.length);
  });
});

describe('with the study index answering', () => {
  it('the findings and quality filters narrow the index by their SQL (they have no index form) and answer as SQLite does', async () => {
    const indexed = await startApi({ studyIndex: { minStudies: 0, build: 'inline' }, seed: (db) => seedFixtureCorpus(db) });
    try {
      const health = (await getJson(`${indexed.url}/api/health`)).body;
      expect(health.studyIndex).toBe('ready');
      for (const query of [
        'direction=worsened',
        'direction=no_difference&outcome=ptsd',
        'randomised=true&sham=false',
        'randomised=false',
      ]) {
        const viaIndex = await getJson(`${indexed.url}/api/studies?limit=100&${query}`);
        const viaSql = await get(`/api/studies?limit=100&${query}`);
        expect(viaIndex.body.total, query).toBe(viaSql.total);
        expect(viaIndex.body.total, query).toBeLessThan((await get('/api/studies?limit=1')).total);
        expect((await getJson(`${indexed.url}/api/facets?${query}`)).body.total, query).toBe(viaSql.total);
      }
    } finally {
      await indexed.close();
    }
  });
});

describe('facets and matrix', () => {
  it('count studies per direction and per quality signal, and per cell by direction', async () => {
    const facets = await get('/api/facets');
    const direction = Object.fromEntries(facets.direction.map((c: any) => [c.value, c.count]));
    for (const d of ['improved', 'worsened', 'no_difference', 'not_reported'])
      expect(direction[d], d).toBe(sqlPmids(`${research} AND pmid IN (SELECT pmid FROM study_findings WHERE direction = ?)`, d).length);
    expect(facets.quality.randomised).toBe(
      sqlPmids(`${research} AND pmid IN (SELECT pmid FROM study_quality WHERE signal = 'randomised' AND value = 1)`).length,
    );
    expect(facets.quality.blinded).toBe(0);
    const matrix = await get('/api/matrix');
    expect(matrix.directions).toEqual(['improved', 'worsened', 'no_difference', 'mixed', 'not_reported']);
    const cell = matrix.cells.find((c: any) => c.topic === 'tvns' && c.outcome === 'hrv');
    expect(cell).toBeDefined();
    const expected = api.db.sqlite
      .prepare(`SELECT f.direction, count(*) n FROM study_findings f JOIN study_topics t ON t.pmid = f.pmid AND t.topic_id = 'tvns'
        JOIN studies s ON s.pmid = f.pmid WHERE f.outcome = 'hrv' AND s.deleted_at IS NULL AND (s.design IS NULL OR s.design <> 'non_research') GROUP BY f.direction`)
      .all() as { direction: string; n: number }[];
    expect(cell.byDirection).toEqual(Object.fromEntries(expected.map((r) => [r.direction, r.n])));
  });
});

describe('curator corrections', () => {
  it('a finding correction wins everywhere, keeps the rules’ value visible, is audited, and withdrawing it restores the rules', async () => {
    const before = await pmidsOf('direction=no_difference&outcome=gut');
    expect(before).not.toContain(90000002);
    const put = await send('PUT', '/api/studies/90000002/findings/gut', {
      direction: 'no_difference',
      note: 'Table 2: no group difference',
    });
    expect(put.status).toBe(200);
    const gut = put.body.findings.find((f: any) => f.outcome === 'gut');
    expect(gut).toMatchObject({
      direction: 'no_difference',
      source: 'curator',
      rule: { direction: 'improved' },
      curator: { by: 'anna', note: 'Table 2: no group difference' },
    });
    // The rules' comparison is kept when the curator gives none; the evidence sentence stays the rules'.
    expect(gut.comparison).toBe(gut.rule.comparison);
    expect(gut.evidence).not.toBeNull();
    expect(await pmidsOf('direction=no_difference&outcome=gut')).toContain(90000002);
    expect((await get('/api/studies?pmid=90000002')).items[0].findings.gut).toBe('no_difference');
    const event = api.db.sqlite
      .prepare(`SELECT actor, action, payload FROM curation_events WHERE pmid = 90000002 ORDER BY id DESC LIMIT 1`)
      .get() as { actor: string; action: string; payload: string };
    expect(event).toMatchObject({ actor: 'anna', action: 'finding' });
    expect(JSON.parse(event.payload)).toMatchObject({ outcome: 'gut', direction: 'no_difference' });

    const withdrawn = await send('DELETE', '/api/studies/90000002/findings/gut');
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.findings.find((f: any) => f.outcome === 'gut')).toMatchObject({
      direction: 'improved',
      source: 'rule',
      rule: null,
    });
    expect((await send('DELETE', '/api/studies/90000002/findings/gut')).status).toBe(404);
  });

  it('a quality correction wins in detail, filters and facets, and withdrawing it restores the rules', async () => {
    expect(await pmidsOf('blinded=true')).toEqual([]);
    const put = await send('PUT', '/api/studies/90000001/quality/blinded', { value: true, note: 'Assessors blinded (methods)' });
    expect(put.status).toBe(200);
    expect(put.body.quality.blinded).toMatchObject({ value: true, source: 'curator', ruleValue: false, curator: { by: 'anna' } });
    expect(await pmidsOf('blinded=true')).toEqual([90000001]);
    expect((await get('/api/facets')).quality.blinded).toBe(1);
    // Saying no to what the rules found: randomised = false.
    await send('PUT', '/api/studies/90000001/quality/randomised', { value: false });
    expect(await pmidsOf('randomised=true')).not.toContain(90000001);
    expect((await get('/api/studies/90000001')).quality.randomised).toMatchObject({ value: false, source: 'curator', ruleValue: true });
    expect((await send('DELETE', '/api/studies/90000001/quality/randomised')).status).toBe(200);
    expect(await pmidsOf('randomised=true')).toContain(90000001);
    const actions = api.db.sqlite
      .prepare(`SELECT action FROM curation_events WHERE pmid = 90000001 AND action LIKE '%quality' ORDER BY id`)
      .pluck()
      .all();
    expect(actions).toEqual(['quality', 'quality', 'withdraw_quality']);
  });

  it('validates: editor token, known study, outcome in effect, known signal and direction', async () => {
    expect(
      (await send('PUT', '/api/studies/90000002/findings/gut', { direction: 'improved' }, { 'Content-Type': 'application/json' })).status,
    ).toBe(401);
    expect((await send('PUT', '/api/studies/99999999/findings/gut', { direction: 'improved' })).status).toBe(404);
    const notInEffect = await send('PUT', '/api/studies/90000002/findings/sleep', { direction: 'improved' });
    expect(notInEffect.status).toBe(400);
    expect(JSON.stringify(notInEffect.body)).toMatch(/not an outcome of PMID 90000002/);
    expect((await send('PUT', '/api/studies/90000002/findings/gut', { direction: 'better' })).status).toBe(400);
    expect((await send('PUT', '/api/studies/90000002/findings/nonsense', { direction: 'improved' })).status).toBe(400);
    expect((await send('PUT', '/api/studies/90000002/quality/peer_reviewed', { value: true })).status).toBe(400);
    expect((await send('PUT', '/api/studies/90000002/quality/sham', { value: 'yes' })).status).toBe(400);
    expect((await send('DELETE', '/api/studies/90000002/quality/sham')).status).toBe(404);
  });

  it('corrections survive re-ingestion of a revised record and a full re-tag', async () => {
    await send('PUT', '/api/studies/90000006/findings/anxiety', { direction: 'mixed', comparison: 'vs_baseline' });
    await send('PUT', '/api/studies/90000006/quality/registered', { value: true });
    const revised = {
      ...FIXTURE_STUDIES[5]!,
      modifiedDate: '2026-11-20',
      mesh: [...(FIXTURE_STUDIES[5]!.mesh ?? []), { descriptor: 'Anxiety' }],
    };
    const writer = createTagWriter(api.db);
    const store = createStudyStore(api.db, (record, ctx) => writer.write(Number(record.pmid), tagStudy(toTaggable(record)), ctx.now));
    const outcome = store.writeBatch(parsePubmedXml(buildArticleSetXml([revised])).records, [], {
      runId: null,
      topicId: 'tvns',
      origin: 'search',
      now: '2026-11-21T00:00:00.000Z',
    });
    expect(outcome.updated).toBe(1);
    await promisify(execFile)(process.execPath, [retagCommandPath(), '--all'], { env: { ...process.env, DATABASE_URL: api.db.path } });
    const study = await get('/api/studies/90000006');
    expect(study.findings.find((f: any) => f.outcome === 'anxiety')).toMatchObject({
      direction: 'mixed',
      comparison: 'vs_baseline',
      source: 'curator',
      rule: { direction: 'improved' },
    });
    expect(study.quality.registered).toMatchObject({ value: true, source: 'curator', ruleValue: false });
    expect(await pmidsOf('registered=true')).toContain(90000006);
  });
});

describe('claims', () => {
  it('quote the stored finding’s sentence (no tagger run per row); without a stored finding they fall back to the conclusions', async () => {
    const claims = (await get('/api/claims')).items as { id: number; outcomes: string[] }[];
    let checked = 0;
    for (const { id } of claims) {
      const claim = await get(`/api/claims/${id}`);
      for (const study of claim.studies) {
        const sentences = api.db.sqlite
          .prepare(`SELECT evidence_sentence FROM study_findings WHERE pmid = ? AND source = 'rule' AND evidence_sentence IS NOT NULL
            AND outcome IN (${claim.outcomes.map(() => '?').join(', ')})`)
          .pluck()
          .all(Number(study.pmid), ...claim.outcomes) as string[];
        if (sentences.length) {
          expect(sentences).toContain(study.finding);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    // Take a claim study's stored findings away: its finding is then its Conclusions section (or last sentence).
    const claim = await get(`/api/claims/${claims[0]!.id}`);
    const target = claim.studies.find((s: any) => s.finding);
    writeElsewhere(`DELETE FROM study_findings WHERE pmid = ?`, Number(target.pmid));
    const after = (await get(`/api/claims/${claims[0]!.id}`)).studies.find((s: any) => s.pmid === target.pmid);
    const row = api.db.sqlite.prepare(`SELECT abstract, abstract_sections FROM studies WHERE pmid = ?`).get(Number(target.pmid)) as {
      abstract: string;
      abstract_sections: string;
    };
    const conclusions = (JSON.parse(row.abstract_sections) as { nlmCategory: string | null; text: string }[])
      .filter((x) => x.nlmCategory === 'CONCLUSIONS')
      .map((x) => x.text)
      .join(' ');
    expect(after.finding).toBe(conclusions || row.abstract.split(/(?<=[.!?])\s+(?=[A-Z])/).at(-1));
  });
});

describe('claim meter', () => {
  const rank = (outcomes: string[], [outcome, direction]: [string, string]) =>
    (direction === 'not_reported' ? outcomes.length : 0) + outcomes.indexOf(outcome);
  /** The study's direction for the claim, read straight from the effective view. */
  const directionFor = (pmid: number, outcomes: string[]) => {
    const rows = api.db.sqlite
      .prepare(`SELECT outcome, direction FROM effective_findings WHERE pmid = ? AND outcome IN (${outcomes.map(() => '?').join(', ')})`)
      .raw()
      .all(pmid, ...outcomes) as [string, string][];
    return rows.sort((a, b) => rank(outcomes, a) - rank(outcomes, b))[0]?.[1] ?? null;
  };
  const level = (design: string | null) =>
    design === 'meta_analysis' || design === 'systematic_review' ? 'reviews' : design === 'rct' ? 'rcts' : 'other';

  it('splits the matching evidence by direction, per level and per quality signal, as the stored findings say', async () => {
    const claims = (await get('/api/claims')).items as { id: number }[];
    let counted = 0;
    for (const { id } of claims) {
      const claim = await get(`/api/claims/${id}`);
      expect(claim.total).toBeLessThanOrEqual(claim.studies.length); // the fixture claims fit on one page
      const expected: Record<string, Record<string, number>> = {};
      for (const group of ['all', 'reviews', 'rcts', 'other', 'sham', 'registered'])
        expected[group] = { improved: 0, worsened: 0, no_difference: 0, mixed: 0, not_reported: 0 };
      for (const study of claim.studies) {
        const direction = directionFor(Number(study.pmid), claim.outcomes);
        expect(study.direction, study.pmid).toBe(direction);
        if (!direction || study.retracted) continue;
        const matching = (await pmidsOf(`pmid=${study.pmid}`)).length; // (research items only, as claims)
        if (!matching) continue;
        const signal = (s: string) =>
          api.db.sqlite.prepare(`SELECT value FROM effective_quality WHERE pmid = ? AND signal = ?`).pluck().get(Number(study.pmid), s);
        expected.all![direction]!++;
        expected[level(study.design)]![direction]!++;
        if (signal('sham') === 1) expected.sham![direction]!++;
        if (signal('registered') === 1) expected.registered![direction]!++;
        counted++;
      }
      for (const group of Object.keys(expected)) expect(claim.meter[group], `${id} ${group}`).toEqual(expected[group]);
    }
    expect(counted).toBeGreaterThan(0);
  });

  it('warns when the newest review or most RCTs point the other way, and a curator’s correction counts', async () => {
    const claims = (await get('/api/claims')).items as { id: number }[];
    const withRcts = [];
    for (const { id } of claims) {
      const claim = await get(`/api/claims/${id}`);
      const rcts = claim.studies.filter((s: any) => s.design === 'rct' && s.direction && s.direction !== 'not_reported' && !s.retracted);
      if (rcts.length) withRcts.push({ claim, rcts });
    }
    expect(withRcts.length).toBeGreaterThan(0);
    const { claim, rcts } = withRcts[0]!;
    const outcomeOf = (pmid: string) =>
      api.db.sqlite
        .prepare(
          `SELECT outcome FROM effective_findings WHERE pmid = ? AND direction = ? AND outcome IN (${claim.outcomes.map(() => '?').join(', ')})`,
        )
        .pluck()
        .get(Number(pmid), rcts.find((r: any) => r.pmid === pmid).direction, ...claim.outcomes) as string;
    const corrected: [string, string][] = [];
    try {
      for (const r of rcts) {
        const outcome = outcomeOf(r.pmid);
        const res = await send('PUT', `/api/studies/${r.pmid}/findings/${outcome}`, { direction: 'worsened' });
        expect(res.status).toBeLessThan(300);
        corrected.push([r.pmid, outcome]);
      }
      const after = await get(`/api/claims/${claim.id}`);
      expect(after.meter.rcts.worsened).toBe(claim.meter.rcts.worsened + rcts.filter((r: any) => r.direction !== 'worsened').length);
      expect(after.meter.warnings).toContain('most_rcts_against');
    } finally {
      for (const [pmid, outcome] of corrected) await send('DELETE', `/api/studies/${pmid}/findings/${outcome}`);
    }
    const restored = await get(`/api/claims/${claim.id}`);
    expect(restored.meter.rcts).toEqual(claim.meter.rcts);
  });

  it('warns when the newest review points the other way, and names it', async () => {
    const claims = (await get('/api/claims')).items as { id: number }[];
    let found: { claim: any; review: any } | undefined;
    for (const { id } of claims) {
      const claim = await get(`/api/claims/${id}`);
      if (claim.meter.newestReview) found = { claim, review: claim.meter.newestReview };
    }
    expect(found).toBeDefined();
    const { claim, review } = found!;
    // The newest review is the newest of the claim's non-retracted reviews with a reported finding.
    const reviews = claim.studies.filter(
      (s: any) =>
        ['meta_analysis', 'systematic_review'].includes(s.design) && s.direction && s.direction !== 'not_reported' && !s.retracted,
    );
    const newest = reviews
      .map((s: any) => s.pubDate ?? '')
      .sort()
      .at(-1);
    expect(reviews.map((s: any) => s.pmid)).toContain(review.pmid);
    expect((review.pubDate ?? '').startsWith(newest)).toBe(true);
    expect(claim.meter.warnings.includes('newest_review_against')).toBe(['no_difference', 'worsened'].includes(review.direction));
    const outcome = api.db.sqlite
      .prepare(
        `SELECT outcome FROM effective_findings WHERE pmid = ? AND direction = ? AND outcome IN (${claim.outcomes.map(() => '?').join(', ')})`,
      )
      .pluck()
      .get(Number(review.pmid), review.direction, ...claim.outcomes) as string;
    const turned = review.direction === 'no_difference' ? 'improved' : 'no_difference';
    try {
      expect((await send('PUT', `/api/studies/${review.pmid}/findings/${outcome}`, { direction: turned })).status).toBeLessThan(300);
      const after = await get(`/api/claims/${claim.id}`);
      expect(after.meter.newestReview).toEqual({ ...review, direction: turned });
      expect(after.meter.warnings.includes('newest_review_against')).toBe(turned === 'no_difference');
    } finally {
      await send('DELETE', `/api/studies/${review.pmid}/findings/${outcome}`);
    }
  });
});
