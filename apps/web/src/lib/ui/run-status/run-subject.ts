// What a run was about, in the reader's language: a topic's label, the imported file's name, or a retag.
import { m } from '#lib/paraglide/messages.js';

export function runSubject(run: { kind: string; topic: string | null; query: string | null }, topicLabel: Record<string, string>): string {
  if (run.kind === 'import') return m.run_import_of({ file: run.query ?? '–' });
  if (run.kind === 'retag') return m.run_retag();
  return run.topic ? (topicLabel[run.topic] ?? run.topic) : run.kind;
}
