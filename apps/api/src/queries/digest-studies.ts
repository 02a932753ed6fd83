import type { OpenedDatabase } from '@evidence/schema';
import { parseSavedFilter } from '../filters/saved-filter.ts';
import { filterSql } from '../filters/filter-sql.ts';
import { loadClaim, matchSql, type ClaimRecord } from './claims.ts';
import { LIST_COLUMNS, toListItem, type ListRow, type StudyListItem } from './list-studies.ts';

// The study reads of `pnpm digest` (packages/digest): what a subscription follows, in the same SQL
// as the studies list (a saved filter) or the claim page (a claim), so a digest lists exactly what
// the dashboard shows for it.

/** A subscription's follow: a saved filter (query string) or a claim. */
export interface Follow {
  filter: string | null;
  claimId: number | null;
}

interface FollowedSql {
  where: string;
  values: (string | number)[];
  /** The claim followed, for the digest's heading; null for a filter. */
  claim: ClaimRecord | null;
}

/** The conditions (alias `s`) of what a subscription follows; throws InvalidParameter/NotFound when it no longer means anything. */
export function followedSql(database: OpenedDatabase, follow: Follow): FollowedSql {
  if (follow.claimId !== null) {
    const claim = loadClaim(database, follow.claimId);
    return { ...matchSql(database, claim), claim };
  }
  return { ...filterSql(database, parseSavedFilter(database, follow.filter ?? '').filter), claim: null };
}

/**
 * The followed studies first seen in (after, upTo], newest first: PMIDs and first-seen times only, so
 * one read serves every subscriber with the same follow (each takes those after their own watermark).
 * The window's bounds are `studies.first_seen_at` values: the earliest watermark and the run's
 * snapshot time, so a study arriving during the run falls in the next digest, never in neither.
 */
export function followedInWindow(
  database: OpenedDatabase,
  followed: FollowedSql,
  after: string,
  upTo: string,
): { pmid: number; firstSeenAt: string }[] {
  // The window is read first, on the first-seen index, and only its studies are tested against the
  // follow: a window holds hundreds of studies, a topic or outcome condition alone tens of
  // thousands, and the planner otherwise starts from those (measured at 100,000 studies: 0.1–1.4 s
  // a read, against tens of ms this way). MATERIALIZED and CROSS JOIN keep that order.
  return database.sqlite
    .prepare(`WITH w AS MATERIALIZED (SELECT pmid FROM studies WHERE first_seen_at > ? AND first_seen_at <= ?)
    SELECT s.pmid, s.first_seen_at AS firstSeenAt FROM w CROSS JOIN studies s ON s.pmid = w.pmid WHERE ${followed.where}
    ORDER BY s.first_seen_at DESC, s.pmid DESC`)
    .all(after, upTo, ...followed.values) as { pmid: number; firstSeenAt: string }[];
}

/** Studies by PMID as list items, in the order given (a digest re-sent from its stored PMIDs). */
export function studiesByPmids(database: OpenedDatabase, pmids: readonly number[]): StudyListItem[] {
  if (pmids.length === 0) return [];
  const rows = database.sqlite
    .prepare(`SELECT ${LIST_COLUMNS}, NULL AS sort_value FROM studies s WHERE s.pmid IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(pmids)) as ListRow[];
  const byPmid = new Map(rows.map((r) => [r.pmid, toListItem(r)]));
  return pmids.flatMap((pmid) => byPmid.get(pmid) ?? []);
}

/** Topic id → label in English and Dutch (the Dutch one may be missing), for describing a saved filter. */
export function topicLabels(database: OpenedDatabase): Map<string, { en: string; nl: string | null }> {
  const rows = database.sqlite.prepare('SELECT id, label, label_nl FROM topics').all() as {
    id: string;
    label: string;
    label_nl: string | null;
  }[];
  return new Map(rows.map((r) => [r.id, { en: r.label, nl: r.label_nl }]));
}

/** The retraction and correction state of studies, now (for warnings about studies sent before). */
export function studyNotices(database: OpenedDatabase, pmids: readonly number[]) {
  if (pmids.length === 0) return [];
  const rows = database.sqlite
    .prepare(`SELECT s.pmid, s.title, s.is_retracted, s.has_erratum, s.has_concern FROM studies s
    WHERE s.pmid IN (SELECT value FROM json_each(?)) AND (s.is_retracted = 1 OR s.has_erratum = 1 OR s.has_concern = 1)
    ORDER BY s.pmid`)
    .all(JSON.stringify(pmids)) as { pmid: number; title: string; is_retracted: number; has_erratum: number; has_concern: number }[];
  return rows.map((r) => ({
    pmid: r.pmid,
    title: r.title,
    retracted: r.is_retracted === 1,
    erratum: r.has_erratum === 1,
    concern: r.has_concern === 1,
  }));
}

export type { ClaimRecord, StudyListItem };
