import { OpenAPIHono } from '@hono/zod-openapi';
import { loadCitableStudies } from '../../citations/load-studies.ts';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { feedRoute } from './atom.ts';
import { ATOM_CONTENT_TYPE, studiesAtom } from './studies-atom.ts';

/** "new studies" plus the filters in words, so several subscriptions can be told apart in a reader. */
function feedTitle(query: Record<string, unknown>): string {
  const described = Object.entries(query)
    .filter(
      ([key, value]) =>
        value !== undefined && key !== 'limit' && !(key === 'match' && value === 'any') && !(key === 'retracted' && value === 'include'),
    )
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  return `Evidence tracker: new studies${described.length ? ` (${described.join('; ')})` : ''}`;
}

export const feedApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(feedRoute, (c) => {
  const { limit, ...filter } = c.req.valid('query');
  const studies = loadCitableStudies(c.get('database'), filter, { limit, order: 'added' });
  const atom = studiesAtom({
    self: c.req.url,
    title: feedTitle(c.req.valid('query')),
    description: 'Studies from PubMed the evidence tracker found most recently, newest first.',
    studies,
    now: c.get('now')(),
  });
  return c.body(atom, 200, { 'Content-Type': ATOM_CONTENT_TYPE });
});
