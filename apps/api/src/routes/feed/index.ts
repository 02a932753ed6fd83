import { OpenAPIHono } from '@hono/zod-openapi';
import { DESIGNS, OUTCOMES } from '@evidence/schema';
import { Feed } from 'feed';
import { loadCitableStudies, type CitableStudy } from '../../citations/load-studies.ts';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { escapeHtml } from '../../queries/highlight.ts';
import { feedRoute } from './atom.ts';

const outcomeLabel = new Map<string, string>(OUTCOMES.map((o) => [o.id, o.label]));
const designLabel = new Map<string, string>(DESIGNS.map((d) => [d.id, d.label]));

/** Plain-text summary; the feed library marks titles and summaries type="html", so text is escaped once. */
function summary(study: CitableStudy): string {
  const parts = [
    study.retracted ? 'RETRACTED' : null,
    [study.journal, study.year].filter((p) => p !== null && p !== undefined).join(', ') || null,
    study.design ? designLabel.get(study.design) ?? study.design : null,
    study.outcomes.length ? `Outcomes: ${study.outcomes.map((o) => outcomeLabel.get(o) ?? o).join(', ')}` : null,
    study.authorsShort,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** "new studies" plus the filters in words, so several subscriptions can be told apart in a reader. */
function feedTitle(query: Record<string, unknown>): string {
  const described = Object.entries(query)
    .filter(([key, value]) => value !== undefined && key !== 'limit' && !(key === 'match' && value === 'any') && !(key === 'retracted' && value === 'include'))
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  return `Evidence tracker: new studies${described.length ? ` (${described.join('; ')})` : ''}`;
}

export const feedApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(feedRoute, (c) => {
    const { limit, ...filter } = c.req.valid('query');
    const studies = loadCitableStudies(c.get('database'), filter, { limit, order: 'added' });
    const self = c.req.url;
    const feed = new Feed({
      id: self,
      title: feedTitle(c.req.valid('query')),
      description: 'Studies from PubMed the evidence tracker found most recently, newest first.',
      updated: studies[0] ? new Date(studies[0].firstSeenAt) : c.get('now')(),
      feedLinks: { atom: self },
      generator: 'Evidence tracker',
      // RFC 4287 wants an author on the feed when entries have none.
      author: { name: 'Evidence tracker' },
    });
    for (const study of studies) {
      feed.addItem({
        title: escapeHtml(study.retracted ? `[RETRACTED] ${study.title}` : study.title),
        id: `urn:pmid:${study.pmid}`,
        link: study.links.pubmed,
        date: new Date(study.firstSeenAt),
        description: escapeHtml(summary(study)),
        category: study.topics.map((topic) => ({ term: topic })),
      });
    }
    return c.body(feed.atom1(), 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
  });
