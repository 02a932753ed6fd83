import { DESIGNS, OUTCOMES, type FindingDirection } from '@evidence/schema';
import type { DigestTemplate, NoticeKind } from '../view.ts';

const OUTCOME = new Map<string, string>(OUTCOMES.map((o) => [o.id, o.label]));
const DESIGN = new Map<string, string>(DESIGNS.map((d) => [d.id, d.label]));
const DIRECTION: Record<FindingDirection, string> = {
  improved: 'improved',
  worsened: 'worsened',
  no_difference: 'no difference',
  mixed: 'mixed',
  not_reported: 'not reported',
};
const NOTICE: Record<NoticeKind, string> = {
  retracted: 'RETRACTED — do not cite as support',
  erratum: 'an erratum (correction) was published',
  concern: 'an expression of concern was published',
};
const FILTER_NAME: Record<string, string> = { topic: 'topic', outcome: 'outcome', design: 'design', direction: 'finding', q: 'search' };
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The English digest. */
export const en: DigestTemplate = (view, m) => {
  const when = 'since your last digest';
  const subject =
    view.total > 0
      ? `Evidence digest: ${plural(view.total, 'new study', 'new studies')}${view.warnings.length ? `, ${plural(view.warnings.length, 'warning', 'warnings')}` : ''}`
      : view.warnings.length
        ? `Evidence digest: ${plural(view.warnings.length, 'warning', 'warnings')} about studies sent before`
        : 'Evidence digest: nothing new';
  const follows =
    view.follows.kind === 'claim'
      ? m.paragraph('New evidence for the claim ', m.link(`“${view.follows.statement}”`, view.follows.url), ` ${when}.`)
      : m.paragraph(
          'New studies for your saved filter',
          view.follows.parts.length
            ? ` (${view.follows.parts.map((p) => `${FILTER_NAME[p.name] ?? p.name}: ${p.values.map((v) => labelOf(p.name, v)).join(', ')}`).join('; ')})`
            : ' (all studies)',
          ` ${when}. `,
          m.link('Open the list', view.follows.url),
        );
  return {
    subject,
    blocks: [
      follows,
      view.warnings.length ? m.heading('Studies you were sent before') : null,
      ...view.warnings.map((w) => m.warning(m.link(w.title, w.url), ` (PMID ${w.pmid}): ${NOTICE[w.kind]}.`)),
      view.total > 0 ? m.heading(plural(view.total, 'new study', 'new studies')) : m.paragraph('Nothing new this time.'),
      view.studies.length
        ? m.list(
            view.studies.map((s) => [
              m.line(m.link(s.title, s.url)),
              m.line(
                [s.journal, s.year, s.design ? DESIGN.get(s.design) : 'design not classified', s.sampleSize ? `n = ${s.sampleSize}` : null]
                  .filter(Boolean)
                  .join(' · '),
              ),
              ...(s.findings.length
                ? [
                    m.line(
                      'Findings: ',
                      s.findings.map((f) => `${OUTCOME.get(f.outcome) ?? f.outcome} ${DIRECTION[f.direction]}`).join('; '),
                    ),
                  ]
                : []),
              ...s.notices.map((n) => m.line(m.strong(`Warning: ${NOTICE[n]}.`))),
            ]),
          )
        : null,
      view.total > view.studies.length
        ? m.paragraph(
            `And ${plural(view.total - view.studies.length, 'more study', 'more studies')}: `,
            m.link('see them all', view.follows.url),
          )
        : null,
      m.small(
        `You receive this ${view.frequency} digest at ${view.email}. `,
        m.link('Unsubscribe', view.unsubscribeUrl),
        ' (one click, no sign-in).',
      ),
    ],
  };
};

function labelOf(name: string, value: string): string {
  if (name === 'outcome') return OUTCOME.get(value) ?? value;
  if (name === 'design') return DESIGN.get(value) ?? value;
  if (name === 'direction') return DIRECTION[value as FindingDirection] ?? value;
  return value;
}
