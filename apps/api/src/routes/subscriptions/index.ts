import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.ts';
import { ApiError, validationHook } from '../../errors.ts';
import { escapeHtml } from '../../queries/highlight.ts';
import {
  getSubscription,
  listSubscriptions,
  subscriptionForToken,
  subscriptionWriterFor,
  unsubscribe,
} from '../../queries/subscriptions.ts';
import { routes, unsubscribeRoutes } from './schemas.ts';

// Subscriptions hold e-mail addresses: every answer is for this editor only, never kept by a cache.
const PRIVATE = { 'Cache-Control': 'no-store' } as const;

export const subscriptionsApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.list, (c) => c.json({ items: listSubscriptions(c.get('database')) }, 200, PRIVATE))
  .openapi(routes.get, (c) => c.json(getSubscription(c.get('database'), c.req.valid('param').id), 200, PRIVATE))
  .openapi(routes.create, (c) => {
    const id = subscriptionWriterFor(c.get('database')).create(c.req.valid('json'), c.get('actor'), c.get('now')().toISOString());
    return c.json(getSubscription(c.get('database'), id), 201, PRIVATE);
  })
  .openapi(routes.update, (c) => {
    const { id } = c.req.valid('param');
    subscriptionWriterFor(c.get('database')).update(id, c.req.valid('json'), c.get('now')().toISOString());
    return c.json(getSubscription(c.get('database'), id), 200, PRIVATE);
  })
  .openapi(routes.remove, (c) => {
    const { id } = c.req.valid('param');
    subscriptionWriterFor(c.get('database')).remove(id);
    return c.json({ deleted: id }, 200, PRIVATE);
  });

const WORDS = {
  en: {
    title: 'Unsubscribe',
    confirm: (email: string) => `Stop the evidence digest for ${email}?`,
    button: 'Unsubscribe',
    done: (email: string) => `${email} is unsubscribed: no more digests will be sent.`,
  },
  nl: {
    title: 'Afmelden',
    confirm: (email: string) => `De evidence-digest voor ${email} stopzetten?`,
    button: 'Afmelden',
    done: (email: string) => `${email} is afgemeld: er worden geen digests meer verstuurd.`,
  },
} as const;

function page(language: 'en' | 'nl', body: string) {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${WORDS[language].title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">${body}</body></html>`;
}

function secretOf(c: Context<AppEnv>): string {
  const secret = c.get('digestSecret');
  if (!secret) throw new ApiError(503, 'unsubscribe_disabled', 'Unsubscribe links cannot be checked: set DIGEST_SECRET on the API server');
  return secret;
}

/** Public: the signed token is the permission. A GET only shows the button; the POST (RFC 8058 one-click) unsubscribes. */
export const unsubscribeApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(unsubscribeRoutes.confirm, (c) => {
    const { token } = c.req.valid('query');
    const subscription = subscriptionForToken(c.get('database'), secretOf(c), token);
    const words = WORDS[subscription.language];
    const body = subscription.active
      ? `<h1>${words.title}</h1><p>${escapeHtml(words.confirm(subscription.email))}</p>
<form method="post" action="?token=${encodeURIComponent(token)}"><button type="submit">${words.button}</button></form>`
      : `<h1>${words.title}</h1><p>${escapeHtml(words.done(subscription.email))}</p>`;
    return c.html(page(subscription.language, body), 200, PRIVATE);
  })
  .openapi(unsubscribeRoutes.unsubscribe, (c) => {
    const { token } = c.req.valid('query');
    const subscription = unsubscribe(c.get('database'), secretOf(c), token, c.get('now')().toISOString());
    if (/application\/json/.test(c.req.header('Accept') ?? ''))
      return c.json({ unsubscribed: true as const, email: subscription.email, unsubscribedAt: subscription.unsubscribedAt! }, 200, PRIVATE);
    const words = WORDS[subscription.language];
    return c.html(page(subscription.language, `<h1>${words.title}</h1><p>${escapeHtml(words.done(subscription.email))}</p>`), 200, PRIVATE);
  });
