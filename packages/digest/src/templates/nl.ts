import { DESIGNS_NL, OUTCOMES_NL, type DesignId, type FindingDirection, type OutcomeId } from '@evidence/schema';
import type { DigestTemplate, NoticeKind } from '../view.ts';

const OUTCOME = (id: string) => OUTCOMES_NL[id as OutcomeId]?.label ?? id;
const DESIGN = (id: string) => DESIGNS_NL[id as DesignId]?.label ?? id;
// The dashboard's words for a finding's direction (apps/web/messages/nl.json finding_*), lower-case.
const DIRECTION: Record<FindingDirection, string> = {
  improved: 'verbeterd',
  worsened: 'verslechterd',
  no_difference: 'geen verschil',
  mixed: 'gemengd',
  not_reported: 'niet gerapporteerd',
};
const NOTICE: Record<NoticeKind, string> = {
  retracted: 'TERUGGETROKKEN — citeer het niet als onderbouwing',
  erratum: 'er is een erratum (correctie) verschenen',
  concern: 'er is een expression of concern gepubliceerd',
};
const FILTER_NAME: Record<string, string> = {
  topic: 'onderwerp',
  outcome: 'uitkomst',
  design: 'opzet',
  direction: 'bevinding',
  q: 'zoekterm',
};
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** De Nederlandse digest. */
export const nl: DigestTemplate = (view, m) => {
  const when = 'sinds uw vorige digest';
  const subject =
    view.total > 0
      ? `Evidence-digest: ${plural(view.total, 'nieuwe studie', 'nieuwe studies')}${view.warnings.length ? `, ${plural(view.warnings.length, 'waarschuwing', 'waarschuwingen')}` : ''}`
      : view.warnings.length
        ? `Evidence-digest: ${plural(view.warnings.length, 'waarschuwing', 'waarschuwingen')} over eerder verstuurde studies`
        : 'Evidence-digest: niets nieuws';
  const follows =
    view.follows.kind === 'claim'
      ? m.paragraph('Nieuw bewijs voor de bewering ', m.link(`“${view.follows.statement}”`, view.follows.url), ` ${when}.`)
      : m.paragraph(
          'Nieuwe studies voor uw opgeslagen filter',
          view.follows.parts.length
            ? ` (${view.follows.parts.map((p) => `${FILTER_NAME[p.name] ?? p.name}: ${p.values.map((v) => labelOf(p.name, v)).join(', ')}`).join('; ')})`
            : ' (alle studies)',
          ` ${when}. `,
          m.link('Open de lijst', view.follows.url),
        );
  return {
    subject,
    blocks: [
      follows,
      view.warnings.length ? m.heading('Eerder aan u verstuurde studies') : null,
      ...view.warnings.map((w) => m.warning(m.link(w.title, w.url), ` (PMID ${w.pmid}): ${NOTICE[w.kind]}.`)),
      view.total > 0 ? m.heading(plural(view.total, 'nieuwe studie', 'nieuwe studies')) : m.paragraph('Deze keer niets nieuws.'),
      view.studies.length
        ? m.list(
            view.studies.map((s) => [
              m.line(m.link(s.title, s.url)),
              m.line(
                [s.journal, s.year, s.design ? DESIGN(s.design) : 'opzet niet geclassificeerd', s.sampleSize ? `n = ${s.sampleSize}` : null]
                  .filter(Boolean)
                  .join(' · '),
              ),
              ...(s.findings.length
                ? [m.line('Bevindingen: ', s.findings.map((f) => `${OUTCOME(f.outcome)} ${DIRECTION[f.direction]}`).join('; '))]
                : []),
              ...s.notices.map((n) => m.line(m.strong(`Let op: ${NOTICE[n]}.`))),
            ]),
          )
        : null,
      view.total > view.studies.length
        ? m.paragraph(
            `En nog ${plural(view.total - view.studies.length, 'studie', 'studies')}: `,
            m.link('bekijk ze allemaal', view.follows.url),
          )
        : null,
      m.small(
        `U ontvangt deze ${view.frequency === 'daily' ? 'dagelijkse' : 'wekelijkse'} digest op ${view.email}. `,
        m.link('Afmelden', view.unsubscribeUrl),
        ' (één klik, zonder inloggen).',
      ),
    ],
  };
};

function labelOf(name: string, value: string): string {
  if (name === 'outcome') return OUTCOME(value);
  if (name === 'design') return DESIGN(value);
  if (name === 'direction') return DIRECTION[value as FindingDirection] ?? value;
  return value;
}
