/** The saved topic queries the fixture server recognises as esearch terms (data/topics.json). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_TOPICS_FILE = join(import.meta.dirname, '..', '..', '..', 'data', 'topics.json');

export function readTopicQueries(file = DEFAULT_TOPICS_FILE): Record<string, string> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { topics: { id: string; query: string }[] };
  return Object.fromEntries(parsed.topics.map((t) => [t.id, t.query]));
}
