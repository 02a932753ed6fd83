// Claim text in the reader's language: the statement (or its translation) and the evidence summary
// built from the API's structured counts, so Dutch readers get Dutch plurals and number formats.
import { m } from '#lib/paraglide/messages.js';
import { getLocale, isLocale } from '#lib/paraglide/runtime.js';
import { formatNumber } from '#lib/format.ts';

export interface SummaryCounts {
  meta: number;
  systematic: number;
  rct: number;
  rctN: number;
  other: number;
  newest: string | null;
}
interface ClaimText {
  statement: string;
  language: string;
  translations: { language: string; statement: string }[];
}

/** The statement to show first (UI language when a translation exists) and the other one, if any. */
export function statementFor(claim: ClaimText, locale = getLocale()) {
  if (claim.language === locale) return { main: claim.statement, lang: claim.language, other: null };
  const translation = claim.translations.find((t) => t.language === locale);
  if (!translation) return { main: claim.statement, lang: claim.language, other: null };
  return { main: translation.statement, lang: translation.language, other: { statement: claim.statement, lang: claim.language } };
}

const plural = (count: number, one: (p: { count: string }) => string, other: (p: { count: string }) => string) =>
  (new Intl.PluralRules(getLocale()).select(count) === 'one' ? one : other)({ count: formatNumber(count) });

export function summaryLine(c: SummaryCounts): string {
  const parts: string[] = [];
  if (c.meta) parts.push(plural(c.meta, m.claims_summary_meta_one, m.claims_summary_meta_other));
  if (c.systematic) parts.push(plural(c.systematic, m.claims_summary_systematic_one, m.claims_summary_systematic_other));
  if (c.rct)
    parts.push(plural(c.rct, m.claims_summary_rct_one, m.claims_summary_rct_other) + (c.rctN ? ` (n = ${formatNumber(c.rctN)})` : ''));
  if (c.other) parts.push(plural(c.other, m.claims_summary_other_one, m.claims_summary_other_other));
  if (parts.length === 0) return m.claims_summary_none();
  return parts.join(', ') + (c.newest ? `; ${m.claims_summary_newest({ date: c.newest.slice(0, 7) })}` : '');
}

export const newSince = (count: number) => plural(count, m.claims_new_since_review_one, m.claims_new_since_review_other);

export const languageName = (code: string) => {
  try {
    return new Intl.DisplayNames([getLocale()], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** The starter claims (migration 0004) belong to the owner 'practice': the practice itself, named in the reader's language. */
export const ownerLabel = (owner: string) => (owner === 'practice' ? m.claims_owner_practice() : owner);

export const statusLabel = (status: string) =>
  status === 'published' ? m.claims_status_published() : status === 'retired' ? m.claims_status_retired() : m.claims_status_draft();

export const stanceLabel = (stance: string) =>
  stance === 'supporting'
    ? m.claims_stance_supporting()
    : stance === 'contradicting'
      ? m.claims_stance_contradicting()
      : m.claims_stance_background();

export const warningLabel = (kind: string) =>
  kind === 'retracted'
    ? m.claims_warning_retracted()
    : kind === 'erratum'
      ? m.claims_warning_erratum()
      : m.claims_warning_expression_of_concern();

export const warningHelp = (kind: string) =>
  kind === 'retracted'
    ? m.claims_explain_retracted()
    : kind === 'erratum'
      ? m.claims_explain_erratum()
      : m.claims_explain_expression_of_concern();

type Split = Record<'improved' | 'no_difference' | 'worsened' | 'mixed' | 'not_reported', number>;
const splitTotal = (s: Split) => s.improved + s.no_difference + s.worsened + s.mixed + s.not_reported;

type MeterSplits = { all: Split; rcts: Split; reviews: Split };

/** The split the plain line (and the bar beside it) speaks of: RCTs when any have a finding, else reviews, else all. */
export function meterSplit(meter: MeterSplits): { split: Split; group: 'rcts' | 'reviews' | 'all' } {
  if (splitTotal(meter.rcts) > 0) return { split: meter.rcts, group: 'rcts' };
  if (splitTotal(meter.reviews) > 0) return { split: meter.reviews, group: 'reviews' };
  return { split: meter.all, group: 'all' };
}

/**
 * The claim meter as one plain line in the given language, e.g. "6 van de 9 gerandomiseerde
 * studies vonden een verbetering; 2 geen verschil; 1 gemengd." RCTs when any have a finding (the
 * usual question), else reviews, else all studies.
 */
export function meterLine(meter: MeterSplits, language: string): string {
  const locale = isLocale(language) ? language : getLocale();
  const { split, group: key } = meterSplit(meter);
  const group =
    key === 'rcts'
      ? m.meter_group_rcts({}, { locale })
      : key === 'reviews'
        ? m.meter_group_reviews({}, { locale })
        : m.meter_group_all({}, { locale });
  const total = splitTotal(split);
  if (total === 0) return m.meter_none({}, { locale });
  const count = (n: number) => formatNumber(n);
  const parts = [
    m.meter_line({ count: count(split.improved), total: count(total), group }, { locale }),
    ...(split.no_difference ? [m.meter_part_no_difference({ count: count(split.no_difference) }, { locale })] : []),
    ...(split.worsened ? [m.meter_part_worsened({ count: count(split.worsened) }, { locale })] : []),
    ...(split.mixed ? [m.meter_part_mixed({ count: count(split.mixed) }, { locale })] : []),
    ...(split.not_reported ? [m.meter_part_not_reported({ count: count(split.not_reported) }, { locale })] : []),
  ];
  return `${parts.join('; ')}.`;
}
