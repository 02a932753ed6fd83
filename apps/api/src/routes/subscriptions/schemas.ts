import { createRoute, z } from '@hono/zod-openapi';
import { DIGEST_SEND_STATUSES } from '@evidence/schema';
import { errorSchema } from '../../errors.ts';
import { bearerSecurity, busyResponse, errorResponses, idPathParam, jsonResponse, notFoundResponse } from '../schemas.ts';

const followsDescription =
  'Follow exactly one of: `filter`, a saved studies filter as the query string GET /api/studies accepts (e.g. `topic=chiropractic&outcome=pain&direction=improved`; empty = every new study), checked by the same filter schema; or `claimId`, a claim whose matching studies are followed.';

const subscriptionInputSchema = z
  .object({
    email: z.string().trim().max(254).pipe(z.email('expected an e-mail address')),
    language: z.enum(['en', 'nl']).openapi({ description: 'The language of the digest.' }),
    frequency: z.enum(['daily', 'weekly']).openapi({ description: 'daily: each day; weekly: on Mondays (UTC).' }),
    filter: z.string().max(4000).optional(),
    claimId: z.number().int().min(1).optional(),
  })
  .openapi('SubscriptionInput', { description: followsDescription });
const subscriptionPatchSchema = subscriptionInputSchema
  .partial()
  .openapi('SubscriptionPatch', { description: `Fields to change. ${followsDescription}` });

const subscriptionSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    language: z.enum(['en', 'nl']),
    frequency: z.enum(['daily', 'weekly']),
    filter: z.string().nullable().openapi({ description: 'The saved studies filter (query string); null when following a claim.' }),
    claimId: z.number().int().nullable(),
    active: z.boolean().openapi({ description: 'False once the subscriber unsubscribed.' }),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    watermark: z.string().openapi({ description: 'The next digest holds matching studies first seen after this time.' }),
    lastDigestAt: z.string().nullable(),
    unsubscribedAt: z.string().nullable(),
    lastSend: z
      .object({
        period: z.string().openapi({ example: 'weekly:2026-W49' }),
        status: z.enum(DIGEST_SEND_STATUSES).openapi({
          description: 'assumed_sent: the digest process died while the mail server had the mail; it is not sent twice (ADR 0019).',
        }),
        error: z.string().nullable(),
        sentAt: z.string().nullable(),
      })
      .nullable()
      .openapi({ description: 'The latest digest for this subscriber: failed ones are retried by the next run.' }),
  })
  .openapi('Subscription');

const editorErrors = { ...errorResponses, 403: jsonResponse(errorSchema, 'Not an editor token.') } as const;
const writeErrors = { ...editorErrors, ...notFoundResponse, ...busyResponse } as const;

export const routes = {
  list: createRoute({
    method: 'get',
    path: '/',
    summary: 'Digest subscriptions (editor token)',
    tags: ['subscriptions'],
    security: bearerSecurity,
    responses: {
      200: jsonResponse(z.object({ items: z.array(subscriptionSchema) }), 'Every subscription, active or not.'),
      ...editorErrors,
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/{id}',
    summary: 'One subscription (editor token)',
    tags: ['subscriptions'],
    security: bearerSecurity,
    request: { params: idPathParam },
    responses: { 200: jsonResponse(subscriptionSchema, 'The subscription.'), ...editorErrors, ...notFoundResponse },
  }),
  create: createRoute({
    method: 'post',
    path: '/',
    summary: 'Subscribe someone to a digest (editor token)',
    tags: ['subscriptions'],
    security: bearerSecurity,
    request: { body: { required: true, content: { 'application/json': { schema: subscriptionInputSchema } } } },
    responses: { 201: jsonResponse(subscriptionSchema, 'Created; the first digest holds what is new from now on.'), ...writeErrors },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}',
    summary: 'Change a subscription (editor token)',
    tags: ['subscriptions'],
    security: bearerSecurity,
    request: { params: idPathParam, body: { required: true, content: { 'application/json': { schema: subscriptionPatchSchema } } } },
    responses: { 200: jsonResponse(subscriptionSchema, 'The changed subscription.'), ...writeErrors },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/{id}',
    summary: 'Delete a subscription and its digest history (editor token)',
    tags: ['subscriptions'],
    security: bearerSecurity,
    request: { params: idPathParam },
    responses: { 200: jsonResponse(z.object({ deleted: z.number().int() }), 'Deleted.'), ...writeErrors },
  }),
};

const tokenQuery = z.object({
  token: z.string().max(200).openapi({ description: 'The signed token from the digest’s unsubscribe link (HMAC with DIGEST_SECRET).' }),
});
const disabled = jsonResponse(errorSchema, 'unsubscribe_disabled: the server has no DIGEST_SECRET.');

export const unsubscribeRoutes = {
  confirm: createRoute({
    method: 'get',
    path: '/',
    summary: 'The unsubscribe page: shows whom it unsubscribes and a button (changes nothing itself)',
    description: 'Link checkers and mail scanners open links: a GET never unsubscribes. The page’s button POSTs to the same address.',
    tags: ['subscriptions'],
    request: { query: tokenQuery },
    responses: {
      200: { description: 'An HTML page in the subscriber’s language.', content: { 'text/html': { schema: z.string() } } },
      400: jsonResponse(errorSchema, 'The token is missing or not valid.'),
      503: disabled,
    },
  }),
  unsubscribe: createRoute({
    method: 'post',
    path: '/',
    summary: 'Unsubscribe (RFC 8058 one-click; no token other than the signed one needed)',
    description:
      'Mail clients POST `List-Unsubscribe=One-Click` here (the List-Unsubscribe-Post header); the confirmation page’s button posts here too. Answers JSON when the client accepts application/json, else a short HTML page.',
    tags: ['subscriptions'],
    request: { query: tokenQuery },
    responses: {
      200: {
        description: 'Unsubscribed (unsubscribing again changes nothing).',
        content: {
          'application/json': { schema: z.object({ unsubscribed: z.literal(true), email: z.string(), unsubscribedAt: z.string() }) },
          'text/html': { schema: z.string() },
        },
      },
      400: jsonResponse(errorSchema, 'The token is missing or not valid.'),
      503: disabled,
    },
  }),
};
