/** Loads the rule files (data) once at module load and derives RULESET_VERSION from their content and the tagger's code. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import outcomes from '../rules/outcomes.json' with { type: 'json' };
import designs from '../rules/designs.json' with { type: 'json' };
import sampleSize from '../rules/sample-size.json' with { type: 'json' };
import interventions from '../rules/interventions.json' with { type: 'json' };
import topics from '../rules/topics.json' with { type: 'json' };

export const RULES = { outcomes, designs, sampleSize, interventions, topics };

/** Bump the date part when rules change on purpose; the hash changes with any rule edit. */
const RULESET_BASE = '2026.12.2';
/**
 * The finding and quality cues (and much of the outcome and design logic) are code, not rule files,
 * so the hash covers the tagger's source too: a stored study's findings and signals are re-tagged
 * after any change to the code that produced them (`pnpm retag` picks studies by version).
 */
const SOURCE_DIR = import.meta.dirname;
const sources = readdirSync(SOURCE_DIR)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .sort()
  .map((f) => `${f}\n${readFileSync(`${SOURCE_DIR}/${f}`, 'utf8')}`);
const hash = createHash('sha256').update(JSON.stringify(RULES)).update(sources.join('\n')).digest('hex').slice(0, 12);
export const RULESET_VERSION = `${RULESET_BASE}+${hash}`;
