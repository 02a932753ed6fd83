// The study page's change history: record changes from ingestion runs and every curator write,
// one list, oldest first, each saying who (a run or a curator), when and what.
import { m } from '#lib/paraglide/messages.js';

interface RecordChange {
  runId: number | null;
  fields: string[];
  changedAt: string;
}
interface CuratorWrite {
  id: number;
  actor: string;
  action: string;
  details: Record<string, unknown>;
  at: string;
}
export type HistoryEntry =
  | { kind: 'record'; at: string; runId: number | null; what: string }
  | { kind: 'curator'; at: string; actor: string; what: string };

interface Labels {
  outcome: Record<string, string>;
  design: Record<string, string>;
  /** Finding directions (improved, no_difference, …) in the reader's language. */
  direction: Record<string, string>;
  /** Quality signals by their curation name (randomised, sham, …). */
  signal: Record<string, string>;
}

/** One curator write in words: what changed, with vocabulary labels in the reader's language. */
function describeCuratorWrite(write: Pick<CuratorWrite, 'action' | 'details'>, labels: Labels): string {
  const d = write.details;
  const value = typeof d.value === 'string' ? d.value : null;
  const note = typeof d.note === 'string' && d.note ? ` (${d.note})` : '';
  switch (write.action) {
    case 'tag':
      if (d.kind === 'outcome')
        return (
          (d.action === 'remove' ? m.hist_outcome_removed : m.hist_outcome_added)({
            outcome: labels.outcome[value ?? ''] ?? String(value),
          }) + note
        );
      if (d.kind === 'design') return m.hist_design_set({ design: labels.design[value ?? ''] ?? String(value) });
      if (d.kind === 'sample_size')
        return d.value === null ? m.hist_sample_size_not_stated() : m.hist_sample_size_set({ n: String(d.value) });
      break;
    case 'withdraw_tag':
      if (d.kind === 'outcome') return m.hist_outcome_withdrawn({ outcome: labels.outcome[value ?? ''] ?? String(value) });
      if (d.kind === 'design') return m.hist_design_withdrawn();
      if (d.kind === 'sample_size') return m.hist_sample_size_withdrawn();
      break;
    case 'curation': {
      const reviewed = d.reviewed ? m.reviewed_yes() : m.reviewed_no();
      const inclusion = d.inclusion === 'include' ? m.included() : d.inclusion === 'exclude' ? m.excluded() : m.undecided();
      return `${reviewed} · ${inclusion}`;
    }
    case 'finding': {
      const outcome = labels.outcome[String(d.outcome)] ?? String(d.outcome);
      return m.hist_finding_set({ outcome, direction: labels.direction[String(d.direction)] ?? String(d.direction) }) + note;
    }
    case 'withdraw_finding':
      return m.hist_finding_withdrawn({ outcome: labels.outcome[String(d.outcome)] ?? String(d.outcome) });
    case 'quality': {
      const signal = labels.signal[String(d.signal)] ?? String(d.signal);
      return (d.value ? m.hist_quality_yes : m.hist_quality_no)({ signal }) + note;
    }
    case 'withdraw_quality':
      return m.hist_quality_withdrawn({ signal: labels.signal[String(d.signal)] ?? String(d.signal) });
    case 'note':
      return m.hist_note_added();
    case 'delete_note':
      return m.hist_note_deleted();
  }
  return write.action;
}

/** Record changes and curator writes merged in time order (oldest first; ties keep record changes first). */
export function changeHistory(changes: readonly RecordChange[], writes: readonly CuratorWrite[], labels: Labels): HistoryEntry[] {
  const entries: HistoryEntry[] = [
    ...changes.map((c) => ({ kind: 'record' as const, at: c.changedAt, runId: c.runId, what: c.fields.join(', ') })),
    ...writes.map((w) => ({ kind: 'curator' as const, at: w.at, actor: w.actor, what: describeCuratorWrite(w, labels) })),
  ];
  return entries
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.i - b.i)
    .map(({ entry }) => entry);
}
