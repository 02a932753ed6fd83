import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import type { Answer } from '../read-pool/reads.ts';

/**
 * Response header on an answer the study index gave while another process (an import) kept
 * writing (ADR 0012): the answer may miss writes committed in the last that-many milliseconds.
 */
export const INDEX_LAG_HEADER = 'X-Index-Lag-Ms';

/** The answer's body; a lagging answer says so in its header and is never stored (it is right only for now). */
export function answerBody<T>(c: Context<AppEnv>, answer: Answer<T>): T {
  if (answer.lagMs > 0) {
    c.header(INDEX_LAG_HEADER, String(Math.ceil(answer.lagMs)));
    c.header('Cache-Control', 'no-store');
  }
  return answer.body;
}
