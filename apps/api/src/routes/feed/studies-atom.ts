import { DESIGNS, OUTCOMES } from '@evidence/schema';
import { Feed } from 'feed';
import type { StudyListItem } from '../../queries/list-studies.ts';
import { escapeHtml } from '../../queries/highlight.ts';

const outcomeLabel = new Map<string, string>(OUTCOMES.map((o) => [o.id, o.label]));
const designLabel = new Map<string, string>(DESIGNS.map((d) => [d.id, d.label]));

/** Plain-text summary; the feed library marks titles and summaries type="html", so text is escaped once. */
function summary(study: StudyListItem): string {
  const parts = [
    study.retracted ? 'RETRACTED' : null,
    [study.journal, study.year].filter((p) => p !== null && p !== undefined).join(', ') || null,
    study.design ? (designLabel.get(study.design) ?? study.design) : null,
    study.outcomes.length ? `Outcomes: ${study.outcomes.map((o) => outcomeLabel.get(o) ?? o).join(', ')}` : null,
    study.authorsShort,
  ];
  return parts.filter(Boolean).join(' · ');
}

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/** An Atom 1.0 document of newly found studies (newest first), for the filter feed and claim feeds. */
export function studiesAtom(options: { self: string; title: string; description: string; studies: StudyListItem[]; now: Date }): string {
  const { self, studies } = options;
  const feed = new Feed({
    id: self,
    title: options.title,
    description: options.description,
    updated: studies[0] ? new Date(studies[0].firstSeenAt) : options.now,
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
  return feed.atom1();
}
