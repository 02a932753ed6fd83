import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './database.ts';
import { topicsFileSchema, type TopicDefinition } from './vocabulary.ts';

export const DEFAULT_TOPICS_FILE = join(REPO_ROOT, 'data', 'topics.json');

/** Reads and validates the saved topic queries; the error names the file and the bad field. */
export function loadTopicsFile(path: string = DEFAULT_TOPICS_FILE): TopicDefinition[] {
  let json: unknown;
  try {
    // Editors on Windows save UTF-8 with a byte order mark, which JSON.parse refuses.
    json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`Cannot read topics file ${path}: ${(error as Error).message}`);
  }
  const parsed = topicsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid topics file ${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const ids = new Set<string>();
  for (const topic of parsed.data.topics) {
    if (ids.has(topic.id)) throw new Error(`Invalid topics file ${path}: topic id "${topic.id}" appears twice`);
    ids.add(topic.id);
  }
  return parsed.data.topics;
}
