import type { OpenedDatabase } from '@evidence/schema';
import type { tagStudy } from '@evidence/tagger';
import { createFindingsWriter } from './findings-writer.ts';
import { multiRowInsert } from './multi-row-insert.ts';
import type { PreparedStudy } from './study-row.ts';

type Tagging = ReturnType<typeof tagStudy>;

/**
 * The design and sample size a study's rule tags give it (the design and sample_size rows that
 * write() inserts), so that a new study can be stored with them: otherwise the study_tags
 * triggers write them into the row a second and third time.
 */
export function taggedColumns(tagging: Tagging): NonNullable<PreparedStudy['tagged']> {
  return { design: tagging.design.design, sampleSize: tagging.sampleSize?.value ?? null, rulesetVersion: tagging.rulesetVersion };
}

/**
 * Replaces a study's rule tags, findings and quality signals with a fresh tagging. Curator rows are
 * never touched, so a curator's decision survives every re-tag. Returns how many rule rows were
 * added or removed.
 */
export function createTagWriter(opened: OpenedDatabase) {
  const { sqlite } = opened;
  const selectRuleTags = sqlite
    .prepare(`SELECT kind, parameter, value, rule_id, evidence_field, evidence_start, evidence_end
    FROM study_tags WHERE pmid = ? AND source = 'rule'`)
    .raw();
  const stampVersion = sqlite.prepare(`UPDATE study_tags SET ruleset_version = ? WHERE pmid = ? AND source = 'rule'`);
  const deleteRuleTags = sqlite.prepare(`DELETE FROM study_tags WHERE pmid = ? AND source = 'rule'`);
  // All of a study's rule tags (16 on average) in one statement.
  const insertTags = multiRowInsert(
    sqlite,
    `INSERT INTO study_tags (pmid, kind, value, parameter, unit, numeric_value, source, decision,
      rule_id, ruleset_version, evidence_field, evidence_sentence, evidence_start, evidence_end, created_at)`,
    "(?, ?, ?, ?, ?, ?, 'rule', 'assert', ?, ?, ?, ?, ?, ?, ?)",
    256,
  );
  // Only when it differs: a row rewritten for nothing costs as much as a real change (~10 KB).
  const findingsWriter = createFindingsWriter(opened);
  const markTagged = sqlite.prepare(
    `UPDATE studies SET tagged_ruleset_version = @version WHERE pmid = @pmid AND tagged_ruleset_version IS NOT @version`,
  );

  function rows(pmid: number, tagging: Tagging, now: string) {
    const base = {
      pmid,
      rulesetVersion: tagging.rulesetVersion,
      now,
      parameter: null as string | null,
      unit: null as string | null,
      numericValue: null as number | null,
    };
    const evidence = (e: Tagging['outcomes'][number]['evidence'] | null) =>
      e
        ? { ruleId: e.ruleId, field: e.field, sentence: e.sentence, start: e.start, end: e.end }
        : { ruleId: null, field: null, sentence: null, start: null, end: null };
    return [
      ...tagging.outcomes.map((o) => ({ ...base, kind: 'outcome', value: o.outcome, ...evidence(o.evidence) })),
      { ...base, kind: 'design', value: tagging.design.design, ...evidence(tagging.design.evidence) },
      ...(tagging.sampleSize
        ? [
            {
              ...base,
              kind: 'sample_size',
              value: String(tagging.sampleSize.value),
              numericValue: tagging.sampleSize.value,
              ...evidence(tagging.sampleSize.evidence),
            },
          ]
        : []),
      ...tagging.interventions.map((i) => ({
        ...base,
        kind: 'intervention',
        value: i.value,
        parameter: i.parameter,
        unit: i.unit,
        numericValue: Number.isFinite(Number(i.value)) ? Number(i.value) : null,
        ...evidence(i.evidence),
      })),
    ];
  }

  return {
    /** Must run inside the caller's transaction (ingestion batch or retag chunk). */
    /** `isNew`: the study was inserted in this transaction, so it has no rule tags to compare. */
    write(pmid: number, tagging: Tagging, now: string, isNew = false): number {
      return this.writeDescribed(pmid, tagging, now, isNew).changed;
    },
    /** As write(), also naming the tag kinds whose rule tags were added or removed (for the change log). */
    writeDescribed(pmid: number, tagging: Tagging, now: string, isNew = false): { changed: number; kinds: string[] } {
      const stored = isNew ? [] : (selectRuleTags.all(pmid) as unknown[][]);
      const next = rows(pmid, tagging, now);
      const tagKey = (kind: unknown, parameter: unknown, value: unknown) => `${kind}:${parameter ?? ''}=${value}`;
      const before = new Set(stored.map(([kind, parameter, value]) => tagKey(kind, parameter, value)));
      const after = new Set(next.map((r) => tagKey(r.kind, r.parameter, r.value)));
      let changed = 0;
      const kinds = new Set<string>();
      for (const key of after)
        if (!before.has(key)) {
          changed++;
          kinds.add(key.slice(0, key.indexOf(':')));
        }
      for (const key of before)
        if (!after.has(key)) {
          changed++;
          kinds.add(key.slice(0, key.indexOf(':')));
        }
      // Same tags with the same evidence: keep the rows (and their first-tagged time), restamp the version.
      const fingerprint = (t: unknown[]) => JSON.stringify(t);
      const sameRows =
        stored.length === next.length &&
        changed === 0 &&
        new Set(stored.map(fingerprint)).size ===
          new Set([
            ...stored.map(fingerprint),
            ...next.map((r) => fingerprint([r.kind, r.parameter, r.value, r.ruleId, r.field, r.start, r.end])),
          ]).size;
      if (sameRows) {
        stampVersion.run(tagging.rulesetVersion, pmid);
      } else {
        deleteRuleTags.run(pmid);
        insertTags(
          next.map((r) => [
            r.pmid,
            r.kind,
            r.value,
            r.parameter,
            r.unit,
            r.numericValue,
            r.ruleId,
            r.rulesetVersion,
            r.field,
            r.sentence,
            r.start,
            r.end,
            r.now,
          ]),
        );
      }
      // Findings, quality signals and registrations (their own tables, their own change kinds).
      const more = findingsWriter.write(pmid, tagging, now, isNew);
      changed += more.changed;
      for (const kind of more.kinds) kinds.add(kind);
      markTagged.run({ version: tagging.rulesetVersion, pmid });
      return { changed, kinds: [...kinds].sort() };
    },
  };
}

export type TagWriter = ReturnType<typeof createTagWriter>;
