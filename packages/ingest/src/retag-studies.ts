import type { OpenedDatabase, StudyRow } from '@evidence/schema';
import { RULESET_VERSION, tagStudy, type TaggableStudy } from '@evidence/tagger';
import { createTagWriter } from './tag-writer.ts';

/** The stored fields the rules read, as the select below returns them. */
type RetagRow = Pick<StudyRow, 'pmid' | 'title' | 'abstract' | 'abstract_sections' | 'publication_types' | 'mesh' | 'keywords'>;

export interface RetagOptions {
  opened: OpenedDatabase;
  /** Re-tag every study, not only those tagged by an older rule set. */
  all: boolean;
  clock?: () => Date;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Re-runs the current rules over stored studies from their stored fields (no refetch, no XML
 * re-parse). Curator rows are untouched, so curators' decisions survive.
 */
export function retagStudies(options: RetagOptions) {
  const { opened } = options;
  const clock = options.clock ?? (() => new Date());
  const started = Date.now();
  const scope = options.all ? '' : 'WHERE tagged_ruleset_version IS NOT ? ';
  const scopeArgs = options.all ? [] : [RULESET_VERSION];
  const total = opened.sqlite
    .prepare(`SELECT count(*) FROM studies ${scope}`)
    .pluck()
    .get(...scopeArgs) as number;
  const select = opened.sqlite.prepare(`SELECT pmid, title, abstract, abstract_sections, publication_types, mesh, keywords
    FROM studies ${scope ? `${scope}AND` : 'WHERE'} pmid > ? ORDER BY pmid LIMIT ?`);
  const writer = createTagWriter(opened);
  // A re-tag that changes what the rules say about a study is recorded per study, like a changed record:
  // `tag:<kind>` for each kind of rule tag added or removed (e.g. a design moved to 'unclassified').
  const recordChange = opened.sqlite.prepare(`INSERT INTO study_changes (pmid, run_id, changed_fields, changed_at) VALUES (?, NULL, ?, ?)`);
  // Registrations NLM listed in DataBankList are not in the stored row; the last tagging kept them.
  const selectDataBanks = opened.sqlite
    .prepare(`SELECT pmid, registration_id FROM study_registrations WHERE source = 'databank' AND pmid BETWEEN ? AND ? ORDER BY id`)
    .raw();
  const now = clock().toISOString();
  let done = 0;
  let tagsChanged = 0;
  let studiesChanged = 0;
  let lastPmid = 0;
  const chunk = opened.sqlite.transaction((rows: RetagRow[]) => {
    const dataBanks = new Map<number, string[]>();
    for (const [pmid, id] of selectDataBanks.all(rows[0]!.pmid, rows.at(-1)!.pmid) as [number, string][])
      dataBanks.set(pmid, [...(dataBanks.get(pmid) ?? []), id]);
    for (const row of rows) {
      const { changed, kinds } = writer.writeDescribed(row.pmid, tagStudy(toTaggableRow(row, dataBanks.get(row.pmid))), now);
      tagsChanged += changed;
      if (changed) {
        studiesChanged++;
        recordChange.run(row.pmid, JSON.stringify(kinds.map((k) => `tag:${k}`)), now);
      }
    }
  });
  for (;;) {
    // Chunks keep each write transaction short, so API readers and a concurrent ingest never wait long.
    const rows = select.all(...scopeArgs, lastPmid, 2000) as RetagRow[];
    if (rows.length === 0) break;
    chunk.immediate(rows);
    done += rows.length;
    lastPmid = rows.at(-1)!.pmid;
    options.onProgress?.(done, total);
  }
  return { rulesetVersion: RULESET_VERSION, studies: done, studiesChanged, tagsChanged, durationMs: Date.now() - started };
}

function toTaggableRow(row: RetagRow, dataBankIds: string[] | undefined): TaggableStudy {
  const sections = JSON.parse(row.abstract_sections) as { label: string | null; nlmCategory: string | null; text: string }[];
  return {
    pmid: String(row.pmid),
    title: row.title,
    abstract: row.abstract ?? '',
    abstractSections: sections.map((s) => ({ label: s.label, nlmCategory: s.nlmCategory, text: s.text })),
    publicationTypes: (JSON.parse(row.publication_types) as { name: string }[]).map((p) => p.name),
    mesh: (JSON.parse(row.mesh) as { descriptor: string; qualifiers: { name: string }[]; majorTopic: boolean }[]).map((m) => ({
      descriptor: m.descriptor,
      qualifiers: m.qualifiers.map((q) => q.name),
      majorTopic: m.majorTopic,
    })),
    keywords: (JSON.parse(row.keywords) as { keyword: string }[]).map((k) => k.keyword),
    // The bank's name is not kept; the tagger reads only the accession numbers.
    ...(dataBankIds ? { dataBanks: [{ name: 'DataBankList', accessionNumbers: dataBankIds }] } : {}),
  };
}
