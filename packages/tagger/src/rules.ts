/** Loads the rule files (data) once at module load and derives RULESET_VERSION from their content. */
import { createHash } from 'node:crypto';
import outcomes from '../rules/outcomes.json' with { type: 'json' };
import designs from '../rules/designs.json' with { type: 'json' };
import sampleSize from '../rules/sample-size.json' with { type: 'json' };
import interventions from '../rules/interventions.json' with { type: 'json' };
import topics from '../rules/topics.json' with { type: 'json' };

export const RULES = { outcomes, designs, sampleSize, interventions, topics };

/** Bump the date part when rules change on purpose; the hash changes with any rule edit. */
const RULESET_BASE = '2026.12.2';
const hash = createHash('sha256').update(JSON.stringify(RULES)).digest('hex').slice(0, 12);
export const RULESET_VERSION = `${RULESET_BASE}+${hash}`;
