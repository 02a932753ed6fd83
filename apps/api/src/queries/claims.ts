import type { OpenedDatabase, StudyRow } from '@evidence/schema';
import { FINDING_DIRECTIONS, type FindingDirection } from '@evidence/schema/vocabulary';
import { NotFound } from '../domain-errors.ts';
import { filterSql } from '../filters/filter-sql.ts';
import { LIST_COLUMNS, toListItem, type ListRow } from './list-studies.ts';
import { perDatabase } from './per-database.ts';

interface ClaimInput {
  statement: string;
  language: string;
  translations: { language: string; statement: string }[];
  topics: string[];
  outcomes: string[];
  keywords: string[];
  owner: string;
  status: 'draft' | 'published' | 'retired';
}

interface ClaimRow {
  id: number;
  statement: string;
  language: string;
  translations: string;
  topics: string;
  outcomes: string;
  keywords: string;
  owner: string;
  status: string;
  last_reviewed_at: string | null;
  last_reviewed_by: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

/**
 * A claim's evidence levels, the one definition the ranking, the meter (ADR 0018) and the claim
 * page's groups share: pooled evidence first, then RCTs, then everything else.
 */
export const EVIDENCE_LEVELS = [
  { key: 'reviews', rank: 1, designs: ['meta_analysis', 'systematic_review'] },
  { key: 'rcts', rank: 2, designs: ['rct'] },
  { key: 'other', rank: 3, designs: [] },
] as const;
export type LevelKey = (typeof EVIDENCE_LEVELS)[number]['key'];

const REVIEW_DESIGNS: readonly string[] = EVIDENCE_LEVELS[0].designs;

/** The level's rank of a study row `s`, in SQL. */
const LEVEL = `CASE ${EVIDENCE_LEVELS.filter((l) => l.designs.length)
  .map((l) => `WHEN s.design IN (${l.designs.map((d) => `'${d}'`).join(', ')}) THEN ${l.rank}`)
  .join(' ')} ELSE ${EVIDENCE_LEVELS.at(-1)!.rank} END`;

/** The level a design belongs to, as LEVEL ranks it. */
const levelOf = (design: string | null): LevelKey =>
  EVIDENCE_LEVELS.find((l) => design !== null && (l.designs as readonly string[]).includes(design))?.key ?? 'other';

/** Within a level: retracted last, then by sample size and recency. */
const RANK_IN_LEVEL = `s.is_retracted, s.sample_size IS NULL, s.sample_size DESC, coalesce(s.pub_date_sort, '') DESC, s.pmid DESC`;

/** How many studies of each level a claim page shows until the reader asks for more. */
export const SHOWN_PER_LEVEL = 10;

function toClaim(row: ClaimRow) {
  return {
    id: row.id,
    statement: row.statement,
    language: row.language,
    translations: JSON.parse(row.translations) as { language: string; statement: string }[],
    topics: JSON.parse(row.topics) as string[],
    outcomes: JSON.parse(row.outcomes) as string[],
    keywords: JSON.parse(row.keywords) as string[],
    owner: row.owner,
    status: row.status as ClaimInput['status'],
    lastReviewedAt: row.last_reviewed_at,
    lastReviewedBy: row.last_reviewed_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}
export type ClaimRecord = ReturnType<typeof toClaim>;

/** The studies that bear on a claim: its topics × outcomes (and keywords), minus curator exclusions. */
export function matchSql(database: OpenedDatabase, claim: ClaimRecord) {
  const q = claim.keywords.length ? claim.keywords.map((k) => `"${k.replaceAll('"', '""')}"`).join(' OR ') : undefined;
  // Non-research items (letters, comments, notices) never rank as evidence for a claim.
  const filter = filterSql(database, {
    topic: claim.topics,
    outcome: claim.outcomes,
    match: 'any',
    retracted: 'include',
    include_non_research: false,
    q,
  } as never);
  return {
    where: `${filter.where} AND NOT EXISTS (SELECT 1 FROM study_curation sc WHERE sc.pmid = s.pmid AND sc.inclusion = 'exclude')`,
    values: filter.values,
  };
}

/** A claim by id, or NotFound. */
export function loadClaim(database: OpenedDatabase, id: number): ClaimRecord {
  return claimOr404(database.sqlite.prepare('SELECT * FROM claims WHERE id = ?').get(id) as ClaimRow | undefined, id);
}

function claimOr404(row: ClaimRow | undefined, id: number): ClaimRecord {
  if (!row) throw new NotFound(`No claim ${id}`);
  return toClaim(row);
}

/** "2 meta-analyses, 9 RCTs (n = 612), 4 other studies; newest 2026-10", from the counts it is built on. */
function summarise(counts: { meta: number; systematic: number; rct: number; rctN: number; other: number; newest: string | null }): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts: string[] = [];
  if (counts.meta) parts.push(plural(counts.meta, 'meta-analysis', 'meta-analyses'));
  if (counts.systematic) parts.push(plural(counts.systematic, 'systematic review', 'systematic reviews'));
  if (counts.rct) parts.push(`${plural(counts.rct, 'RCT', 'RCTs')}${counts.rctN ? ` (n = ${counts.rctN.toLocaleString('en')})` : ''}`);
  if (counts.other) parts.push(plural(counts.other, 'other study', 'other studies'));
  if (parts.length === 0) return 'No matching studies yet';
  return `${parts.join(', ')}${counts.newest ? `; newest ${counts.newest.slice(0, 7)}` : ''}`;
}

/** Status badges: new matching studies since the last review, warnings on pins, a newer review. */
function claimStatus(database: OpenedDatabase, claim: ClaimRecord) {
  const { sqlite } = database;
  const match = matchSql(database, claim);
  const since = claim.lastReviewedAt ?? claim.createdAt;
  const newSinceReview = sqlite
    .prepare(`SELECT count(*) FROM studies s WHERE ${match.where} AND s.first_seen_at > ?`)
    .pluck()
    .get(...match.values, since) as number;
  const pins = sqlite
    .prepare(`SELECT s.pmid, s.title, s.design, s.pub_date_sort, s.is_retracted, s.has_erratum, s.has_concern
    FROM claim_pins p JOIN studies s ON s.pmid = p.pmid WHERE p.claim_id = ?`)
    .all(claim.id) as Pick<StudyRow, 'pmid' | 'title' | 'design' | 'pub_date_sort' | 'is_retracted' | 'has_erratum' | 'has_concern'>[];
  const warnings = pins.flatMap((p) => [
    ...(p.is_retracted ? [{ pmid: String(p.pmid), kind: 'retracted' as const, title: p.title as string }] : []),
    ...(p.has_erratum ? [{ pmid: String(p.pmid), kind: 'erratum' as const, title: p.title as string }] : []),
    ...(p.has_concern ? [{ pmid: String(p.pmid), kind: 'expression_of_concern' as const, title: p.title as string }] : []),
  ]);
  // A newer pooled review than anything pinned, while the claim cites primary studies.
  const primaryPins = pins.filter((p) => p.design === null || !REVIEW_DESIGNS.includes(p.design));
  const newestPinned = pins.reduce<string>((max, p) => (p.pub_date_sort && p.pub_date_sort > max ? p.pub_date_sort : max), '');
  const newerReview =
    primaryPins.length === 0
      ? null
      : (sqlite
          .prepare(`SELECT s.pmid, s.title, s.pub_date_sort FROM studies s
      WHERE ${match.where} AND s.design IN ('meta_analysis', 'systematic_review') AND coalesce(s.pub_date_sort, '') > ?
        AND s.is_retracted = 0 AND NOT EXISTS (SELECT 1 FROM claim_pins p WHERE p.claim_id = ? AND p.pmid = s.pmid)
      ORDER BY s.pub_date_sort DESC LIMIT 1`)
          .get(...match.values, newestPinned, claim.id) as Pick<StudyRow, 'pmid' | 'title' | 'pub_date_sort'> | undefined);
  return {
    needsReview: newSinceReview > 0,
    newSinceReview,
    warnings,
    newerReview: newerReview ? { pmid: String(newerReview.pmid), title: newerReview.title, pubDate: newerReview.pub_date_sort } : null,
    pinned: pins.length,
  };
}

export function listClaims(database: OpenedDatabase) {
  const rows = database.sqlite.prepare('SELECT * FROM claims ORDER BY id').all() as ClaimRow[];
  return rows.map((row) => {
    const claim = toClaim(row);
    const { line, ...counts } = evidenceSummary(database, claim);
    // The meter reads stored findings (one query a claim), so the list shows at a glance what the evidence found.
    return { ...claim, state: claimStatus(database, claim), summary: line, counts, meter: claimMeter(database, claim).meter };
  });
}

function evidenceSummary(database: OpenedDatabase, claim: ClaimRecord) {
  const match = matchSql(database, claim);
  const counts = database.sqlite
    .prepare(`SELECT
      sum(s.design = 'meta_analysis') AS meta, sum(s.design = 'systematic_review') AS systematic,
      sum(s.design = 'rct') AS rct, sum(CASE WHEN s.design = 'rct' THEN coalesce(s.sample_size, 0) ELSE 0 END) AS rctN,
      sum(coalesce(s.design, 'other') NOT IN ('meta_analysis', 'systematic_review', 'rct')) AS other,
      max(s.pub_date_sort) AS newest, count(*) AS total
    FROM studies s WHERE ${match.where} AND s.is_retracted = 0`)
    .get(...match.values) as Record<string, number | string | null>;
  const n = (v: unknown) => Number(v ?? 0);
  const parts = {
    meta: n(counts.meta),
    systematic: n(counts.systematic),
    rct: n(counts.rct),
    rctN: n(counts.rctN),
    other: n(counts.other),
    newest: (counts.newest as string | null) ?? null,
  };
  return { ...parts, total: n(counts.total), line: summarise(parts) };
}

const storedFinding = perDatabase((database: OpenedDatabase) =>
  database.sqlite
    .prepare(`SELECT f.outcome, f.direction, f.evidence_sentence FROM study_findings f
      WHERE f.pmid = ? AND f.source = 'rule' AND f.evidence_sentence IS NOT NULL
        AND EXISTS (SELECT 1 FROM effective_outcomes e WHERE e.pmid = f.pmid AND e.outcome = f.outcome)`)
    .raw(),
);

/**
 * The sentence of a study's abstract that says what it found for the claim: the stored finding's
 * sentence (written when the study was tagged; no request runs the tagger) for the first of the
 * claim's outcomes that has one, a reported result before a not_reported one. Without one, the
 * Conclusions section, else the abstract's last sentence.
 */
export function conclusionSentence(
  database: OpenedDatabase,
  pmid: number,
  sectionsJson: string,
  abstract: string | null,
  outcomes: string[],
): string | null {
  const rows = storedFinding(database).all(pmid) as [string, string, string][];
  const rank = ([outcome, direction]: [string, string, string]) =>
    (direction === 'not_reported' ? outcomes.length : 0) + outcomes.indexOf(outcome);
  const best = rows.filter(([outcome]) => outcomes.includes(outcome)).sort((a, b) => rank(a) - rank(b))[0];
  if (best) return best[2];
  const sections = JSON.parse(sectionsJson) as { label: string | null; nlmCategory: string | null; text: string }[];
  const conclusions = sections.filter((s) => s.nlmCategory === 'CONCLUSIONS');
  if (conclusions.length) return conclusions.map((s) => s.text).join(' ');
  return abstract ? (abstract.split(/(?<=[.!?])\s+(?=[A-Z])/).at(-1) ?? null) : null;
}

type Split = Record<FindingDirection, number>;
const emptySplit = (): Split => Object.fromEntries(FINDING_DIRECTIONS.map((d) => [d, 0])) as Split;

/**
 * A claim states that its outcomes improve (claims carry no stance of their own; ADR 0018), so
 * evidence "points the other way" when it found no difference or a worsening.
 */
const CLAIM_STANCE = 'improved' as const;
const AGAINST_CLAIM: readonly string[] = ['no_difference', 'worsened'];

/**
 * The claim meter: one direction per matching study (its finding in effect, curator's first, for
 * the first of the claim's outcomes that reports one — the same pick as conclusionSentence), split
 * by evidence level and by quality, and warnings when the newest review or most RCTs point the
 * other way. Retracted studies keep their direction (the list shows it) but are not counted.
 */
function claimMeter(database: OpenedDatabase, claim: ClaimRecord) {
  const match = matchSql(database, claim);
  const rows = database.sqlite
    .prepare(`SELECT s.pmid, s.design, s.pub_date_sort, s.is_retracted, f.outcome, f.direction,
        EXISTS (SELECT 1 FROM effective_quality q WHERE q.pmid = s.pmid AND q.signal = 'sham' AND q.value = 1) AS sham,
        EXISTS (SELECT 1 FROM effective_quality q WHERE q.pmid = s.pmid AND q.signal = 'registered' AND q.value = 1) AS registered
      FROM studies s JOIN effective_findings f ON f.pmid = s.pmid AND f.outcome IN (${claim.outcomes.map(() => '?').join(', ') || 'NULL'})
      WHERE ${match.where}`)
    .all(...claim.outcomes, ...match.values) as {
    pmid: number;
    design: string | null;
    pub_date_sort: string | null;
    is_retracted: number;
    outcome: string;
    direction: FindingDirection;
    sham: number;
    registered: number;
  }[];
  const rank = (r: (typeof rows)[number]) =>
    (r.direction === 'not_reported' ? claim.outcomes.length : 0) + claim.outcomes.indexOf(r.outcome);
  const best = new Map<number, (typeof rows)[number]>();
  for (const row of rows) {
    const seen = best.get(row.pmid);
    if (!seen || rank(row) < rank(seen)) best.set(row.pmid, row);
  }
  const split = {
    all: emptySplit(),
    reviews: emptySplit(),
    rcts: emptySplit(),
    other: emptySplit(),
    sham: emptySplit(),
    registered: emptySplit(),
  };
  let newestReview: (typeof rows)[number] | null = null;
  for (const row of best.values()) {
    if (row.is_retracted) continue;
    const level = levelOf(row.design);
    split.all[row.direction]++;
    split[level][row.direction]++;
    if (row.sham) split.sham[row.direction]++;
    if (row.registered) split.registered[row.direction]++;
    if (level === 'reviews' && row.direction !== 'not_reported') {
      const newer =
        (row.pub_date_sort ?? '') > (newestReview?.pub_date_sort ?? '') ||
        (row.pub_date_sort === newestReview?.pub_date_sort && row.pmid > newestReview.pmid);
      if (!newestReview || newer) newestReview = row;
    }
  }
  const reported = (s: Split) => FINDING_DIRECTIONS.reduce((n, d) => n + (d === 'not_reported' ? 0 : s[d]), 0);
  const rctsAgainst = split.rcts.no_difference + split.rcts.worsened;
  const warnings = [
    ...(newestReview && AGAINST_CLAIM.includes(newestReview.direction) ? (['newest_review_against'] as const) : []),
    ...(rctsAgainst * 2 > reported(split.rcts) ? (['most_rcts_against'] as const) : []),
  ];
  return {
    meter: {
      stance: CLAIM_STANCE,
      ...split,
      newestReview: newestReview
        ? { pmid: String(newestReview.pmid), direction: newestReview.direction, pubDate: newestReview.pub_date_sort }
        : null,
      warnings,
    },
    directions: new Map([...best].map(([pmid, row]) => [pmid, row.direction])),
  };
}

/** getClaim's rows: a list row, the abstract for the finding, the level, and the claim's pin if any. */
type ClaimStudyRaw = ListRow &
  Pick<StudyRow, 'abstract_sections' | 'abstract'> & {
    level: number;
    stance: string | null;
    pin_note: string | null;
    pinned_by: string | null;
    pinned_at: string | null;
  };

/** How many studies of each level to show: SHOWN_PER_LEVEL unless the reader asked for more. */
export type ShownPerLevel = Partial<Record<LevelKey, number>>;

/** The claim's evidence: the studies that match it, and those pinned to it although they no longer match. */
const evidenceFrom = (where: string) => `FROM studies s LEFT JOIN claim_pins p ON p.pmid = s.pmid AND p.claim_id = ?
    WHERE (${where}) OR p.pmid IS NOT NULL`;

/**
 * A claim with its evidence grouped by level, each group cut to the number asked for (so a claim
 * with hundreds of matching studies is still a page of sensible height; `levels` says how many
 * more each group has), and its pins in reference-list order.
 */
export function getClaim(database: OpenedDatabase, id: number, shown: ShownPerLevel = {}) {
  const claim = loadClaim(database, id);
  const match = matchSql(database, claim);
  const limits = EVIDENCE_LEVELS.map((l) => shown[l.key] ?? SHOWN_PER_LEVEL);
  // Ranked on the bare rows first, so the list columns are read only for the studies shown.
  const rows = database.sqlite
    .prepare(`WITH ranked AS (
      SELECT s.pmid, ${LEVEL} AS level, row_number() OVER (PARTITION BY ${LEVEL} ORDER BY ${RANK_IN_LEVEL}) AS rank_in_level
      ${evidenceFrom(match.where)})
    SELECT ${LIST_COLUMNS}, null AS sort_value, s.abstract_sections, s.abstract, r.level,
      p.stance, p.note AS pin_note, p.pinned_by, p.pinned_at
    FROM ranked r JOIN studies s ON s.pmid = r.pmid LEFT JOIN claim_pins p ON p.pmid = s.pmid AND p.claim_id = ?
    WHERE r.rank_in_level <= CASE r.level ${EVIDENCE_LEVELS.map((l) => `WHEN ${l.rank} THEN ?`).join(' ')} END
    ORDER BY r.level, r.rank_in_level`)
    .all(claim.id, ...match.values, claim.id, ...limits) as ClaimStudyRaw[];
  const perLevel = new Map(
    (
      database.sqlite
        .prepare(`SELECT ${LEVEL} AS level, count(*) AS total ${evidenceFrom(match.where)} GROUP BY level`)
        .all(claim.id, ...match.values) as { level: number; total: number }[]
    ).map((r) => [r.level, r.total]),
  );
  const total = database.sqlite
    .prepare(`SELECT count(*) FROM studies s WHERE ${match.where}`)
    .pluck()
    .get(...match.values) as number;
  const pins = pinnedReferences(database, claim.id);
  const pinNumber = new Map(pins.map((p) => [p.pmid, p.number]));
  const { meter, directions } = claimMeter(database, claim);
  return {
    ...claim,
    state: claimStatus(database, claim),
    summary: evidenceSummary(database, claim),
    meter,
    total,
    levels: EVIDENCE_LEVELS.map((l) => {
      const levelTotal = perLevel.get(l.rank) ?? 0;
      return { key: l.key, level: l.rank, total: levelTotal, shown: Math.min(levelTotal, shown[l.key] ?? SHOWN_PER_LEVEL) };
    }),
    pins,
    studies: rows.map((row) => ({
      ...toListItem(row),
      level: row.level as number,
      finding: conclusionSentence(database, row.pmid, row.abstract_sections, row.abstract, claim.outcomes),
      direction: directions.get(row.pmid) ?? null,
      pin: row.stance
        ? {
            number: pinNumber.get(String(row.pmid)) ?? 0,
            stance: row.stance as string,
            note: row.pin_note as string | null,
            pinnedBy: row.pinned_by as string,
            pinnedAt: row.pinned_at as string,
          }
        : null,
    })),
  };
}

/** The order of a claim's reference list: the writer's (position), then the order pinned. */
const PIN_ORDER = 'p.position, p.pinned_at, p.pmid';

/** A claim's pins as its numbered reference list: [1] is the one the writer put first. */
function pinnedReferences(database: OpenedDatabase, claimId: number) {
  const rows = database.sqlite
    .prepare(`SELECT ${LIST_COLUMNS}, null AS sort_value, p.stance, p.note AS pin_note, p.pinned_by, p.pinned_at
      FROM claim_pins p JOIN studies s ON s.pmid = p.pmid WHERE p.claim_id = ? ORDER BY ${PIN_ORDER}`)
    .all(claimId) as (ListRow & { stance: string; pin_note: string | null; pinned_by: string; pinned_at: string })[];
  return rows.map((row, i) => ({
    ...toListItem(row),
    number: i + 1,
    stance: row.stance,
    note: row.pin_note,
    pinnedBy: row.pinned_by,
    pinnedAt: row.pinned_at,
  }));
}

/** New matching studies for a claim, newest first, for its Atom feed. */
export function claimNewStudies(database: OpenedDatabase, id: number, limit = 50) {
  const claim = loadClaim(database, id);
  const match = matchSql(database, claim);
  const rows = database.sqlite
    .prepare(`SELECT ${LIST_COLUMNS}, s.first_seen_at AS sort_value FROM studies s WHERE ${match.where}
    ORDER BY s.first_seen_at DESC, s.pmid DESC LIMIT ?`)
    .all(...match.values, limit) as ListRow[];
  return { claim, items: rows.map(toListItem) };
}

/** Claim writes; each appends nothing to curation_events (claims have their own who/when columns). */
function createClaimWriter(database: OpenedDatabase) {
  const { sqlite } = database;
  const selectClaim = sqlite.prepare('SELECT * FROM claims WHERE id = ?');
  const studyExists = sqlite.prepare('SELECT 1 FROM studies WHERE pmid = ?');
  const insertClaim =
    sqlite.prepare(`INSERT INTO claims (statement, language, translations, topics, outcomes, keywords, owner, status, created_at, updated_at, updated_by)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const updateClaim =
    sqlite.prepare(`UPDATE claims SET statement = ?, language = ?, translations = ?, topics = ?, outcomes = ?, keywords = ?, owner = ?, status = ?,
    updated_at = ?, updated_by = ? WHERE id = ?`);
  const deleteClaim = sqlite.prepare('DELETE FROM claims WHERE id = ?');
  const markClaimReviewed = sqlite.prepare('UPDATE claims SET last_reviewed_at = ?, last_reviewed_by = ? WHERE id = ?');
  // A new pin goes last in the reference list; re-pinning (a new stance or note) keeps its place.
  const upsertPin = sqlite.prepare(`INSERT INTO claim_pins (claim_id, pmid, stance, note, pinned_by, pinned_at, position)
    VALUES (?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM claim_pins WHERE claim_id = ?))
    ON CONFLICT (claim_id, pmid) DO UPDATE SET stance = excluded.stance, note = excluded.note, pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at`);
  const deletePin = sqlite.prepare('DELETE FROM claim_pins WHERE claim_id = ? AND pmid = ?');
  const pinOrder = sqlite.prepare(`SELECT p.pmid FROM claim_pins p WHERE p.claim_id = ? ORDER BY ${PIN_ORDER}`).pluck();
  const setPosition = sqlite.prepare('UPDATE claim_pins SET position = ? WHERE claim_id = ? AND pmid = ?');
  /** Puts a pin at a place (1 = first) and numbers every pin of the claim 1…n again, in one transaction. */
  const movePin = sqlite.transaction((id: number, pmid: number, place: number) => {
    const order = (pinOrder.all(id) as number[]).filter((p) => p !== pmid);
    order.splice(Math.max(0, Math.min(order.length, place - 1)), 0, pmid);
    for (const [i, p] of order.entries()) setPosition.run(i + 1, id, p);
  });

  const mustExist = (id: number) => claimOr404(selectClaim.get(id) as ClaimRow | undefined, id);
  const mustStudy = (pmid: number) => {
    if (!studyExists.get(pmid)) throw new NotFound(`No study with PMID ${pmid}`);
  };
  return {
    create(input: ClaimInput, actor: string, at: string): number {
      return Number(
        insertClaim.run(
          input.statement,
          input.language,
          JSON.stringify(input.translations),
          JSON.stringify(input.topics),
          JSON.stringify(input.outcomes),
          JSON.stringify(input.keywords),
          input.owner,
          input.status,
          at,
          at,
          actor,
        ).lastInsertRowid,
      );
    },
    update(id: number, input: Partial<ClaimInput>, actor: string, at: string) {
      const merged = { ...mustExist(id), ...input };
      updateClaim.run(
        merged.statement,
        merged.language,
        JSON.stringify(merged.translations),
        JSON.stringify(merged.topics),
        JSON.stringify(merged.outcomes),
        JSON.stringify(merged.keywords),
        merged.owner,
        merged.status,
        at,
        actor,
        id,
      );
    },
    remove(id: number) {
      mustExist(id);
      deleteClaim.run(id);
    },
    markReviewed(id: number, actor: string, at: string) {
      mustExist(id);
      markClaimReviewed.run(at, actor, id);
    },
    pin(id: number, pmid: number, stance: 'supporting' | 'contradicting' | 'background', note: string | null, actor: string, at: string) {
      mustExist(id);
      mustStudy(pmid);
      upsertPin.run(id, pmid, stance, note, actor, at, id);
    },
    /** Moves a pin to a place in the reference list (clamped to the list); the others keep their order. */
    move(id: number, pmid: number, place: number) {
      mustExist(id);
      if (!(pinOrder.all(id) as number[]).includes(pmid)) throw new NotFound(`PMID ${pmid} is not pinned to claim ${id}`);
      movePin(id, pmid, place);
    },
    unpin(id: number, pmid: number) {
      mustExist(id);
      if (deletePin.run(id, pmid).changes === 0) throw new NotFound(`PMID ${pmid} is not pinned to claim ${id}`);
    },
  };
}

/** The claim writer of a database, its statements prepared on first use. */
export const claimWriterFor = perDatabase(createClaimWriter);

/** Pinned studies of a claim in reference-list order: the order the writer put them in. */
export function pinnedPmids(database: OpenedDatabase, id: number): number[] {
  loadClaim(database, id);
  return database.sqlite
    .prepare(`SELECT p.pmid FROM claim_pins p JOIN studies s ON s.pmid = p.pmid WHERE p.claim_id = ? ORDER BY ${PIN_ORDER}`)
    .pluck()
    .all(id) as number[];
}

/**
 * The claim's matching studies (or one level of them) in the claim page's order, for an export of
 * the whole set; `total` counts them all, so the caller can refuse an export larger than its cap.
 */
export function matchingPmids(database: OpenedDatabase, id: number, level: LevelKey | undefined, limit: number) {
  const claim = loadClaim(database, id);
  const match = matchSql(database, claim);
  const rank = EVIDENCE_LEVELS.find((l) => l.key === level)?.rank;
  const where = `(${match.where})${rank ? ` AND ${LEVEL} = ${rank}` : ''}`;
  const total = database.sqlite
    .prepare(`SELECT count(*) FROM studies s WHERE ${where}`)
    .pluck()
    .get(...match.values) as number;
  const pmids = database.sqlite
    .prepare(`SELECT s.pmid FROM studies s WHERE ${where} ORDER BY ${LEVEL}, ${RANK_IN_LEVEL} LIMIT ?`)
    .pluck()
    .all(...match.values, limit) as number[];
  return { claim, total, pmids };
}
