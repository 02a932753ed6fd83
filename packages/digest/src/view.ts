import type { DesignId, FindingDirection, OutcomeId } from '@evidence/schema';
import type { Markup } from './markup.ts';

/** A notice about a study: retracted, corrected (erratum), or an expression of concern. */
export type NoticeKind = 'retracted' | 'erratum' | 'concern';

/** One study in a digest, in language-neutral terms; the templates word it. */
export interface DigestStudy {
  pmid: number;
  title: string;
  journal: string | null;
  year: number | null;
  design: DesignId | null;
  sampleSize: number | null;
  findings: { outcome: OutcomeId; direction: FindingDirection }[];
  url: string;
  /** Notices the study already carries as it is listed. */
  notices: NoticeKind[];
}

/** Everything one digest says, before it is put into words: the templates turn it into a mail. */
export interface DigestView {
  email: string;
  frequency: 'daily' | 'weekly';
  /** E.g. `weekly:2026-W49`. */
  period: string;
  follows: { kind: 'filter'; parts: { name: string; values: string[] }[]; url: string } | { kind: 'claim'; statement: string; url: string };
  studies: DigestStudy[];
  /** How many followed studies are new in all (`studies` holds at most the configured maximum). */
  total: number;
  /** Studies sent in earlier digests that have since been retracted or corrected. */
  warnings: { pmid: number; title: string; kind: NoticeKind; url: string }[];
  unsubscribeUrl: string;
}

/** One language's digest: the subject and the body, written once against Markup (HTML and text). */
export type DigestTemplate = (view: DigestView, m: Markup) => { subject: string; blocks: Parameters<Markup['document']>[2] };
