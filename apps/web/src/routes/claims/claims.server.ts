// Server-only helpers for the claims pages: the claim form's parsing and one curator write.
import { fail } from '@sveltejs/kit';
import type { InferResponseType } from 'hono/client';
import { m } from '#lib/paraglide/messages.js';
import { type api, editorHeaders, reachApi } from '#lib/server/api.ts';

export type ClaimDetail = InferResponseType<(typeof api.api.claims)[':id']['$get'], 200>;
export type ClaimList = InferResponseType<typeof api.api.claims.$get, 200>;

const STATUSES = ['draft', 'published', 'retired'] as const;

/** The claim page's evidence levels, in the API's order; `show_<key>` in the address shows more of one. */
export const LEVEL_KEYS = ['reviews', 'rcts', 'other'] as const;

/** The page's `show_reviews`, `show_rcts`, `show_other` (whole numbers only) for the API. */
export function shownFromUrl(url: URL): Partial<Record<`show_${(typeof LEVEL_KEYS)[number]}`, string>> {
  const wanted = (key: string) => url.searchParams.get(`show_${key}`) ?? '';
  return Object.fromEntries(
    LEVEL_KEYS.filter((key) => /^\d{1,4}$/.test(wanted(key)) && Number(wanted(key)) > 0).map((key) => [`show_${key}`, wanted(key)]),
  );
}
export const STANCES = ['supporting', 'contradicting', 'background'] as const;

const text = (form: FormData, key: string) => String(form.get(key) ?? '').trim();
const list = (form: FormData, key: string) =>
  form
    .getAll(key)
    .map(String)
    .map((v) => v.trim())
    .filter(Boolean);

interface ClaimFormValues {
  statement: string;
  language: string;
  translation: string;
  translationLanguage: string;
  topics: string[];
  outcomes: string[];
  keywords: string;
  owner: string;
  status: string;
}

/** Reads the claim form; returns the API body, or the values and an error to show beside them. */
export function parseClaimForm(form: FormData, fallbackOwner: string) {
  const values: ClaimFormValues = {
    statement: text(form, 'statement'),
    language: text(form, 'language') || 'nl',
    translation: text(form, 'translation'),
    translationLanguage: text(form, 'translationLanguage') || 'en',
    topics: list(form, 'topic'),
    outcomes: list(form, 'outcome'),
    keywords: text(form, 'keywords'),
    owner: text(form, 'owner') || fallbackOwner,
    status: text(form, 'status') || 'draft',
  };
  const missing = values.statement.length < 3 || values.topics.length === 0 || values.outcomes.length === 0;
  const body = {
    statement: values.statement,
    language: values.language,
    translations:
      values.translation && values.translationLanguage !== values.language
        ? [{ language: values.translationLanguage, statement: values.translation }]
        : [],
    topics: values.topics,
    outcomes: values.outcomes,
    keywords: values.keywords
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    owner: values.owner,
    status: (STATUSES as readonly string[]).includes(values.status) ? values.status : 'draft',
  };
  return { values, missing, body };
}

/** Sends one curator write with the signed-in curator's token (never the browser's). */
export async function curatorWrite(
  locals: App.Locals,
  call: (headers: { headers: Record<string, string> }) => Promise<Response>,
  extra: Record<string, unknown> = {},
) {
  if (!locals.curator) return { failure: fail(403, { error: 'signin' as const, message: '', ...extra }) };
  const res = await reachApi(() => call(editorHeaders(locals.curator!.token)));
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    return {
      failure: fail(res.status, {
        error: 'api' as const,
        message: body?.error?.message ?? m.api_refused({ status: String(res.status) }),
        ...extra,
      }),
    };
  }
  return { response: res };
}
