import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { NotFound } from '../../domain-errors.ts';
import { docsAsset, SWAGGER_UI_VERSION } from './assets.ts';

const ASSETS = '/api/docs/assets';
const v = `?v=${SWAGGER_UI_VERSION}`;

/** Every URL the page uses is under /api: the reference works offline and behind strict firewalls. */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evidence tracker API reference</title>
<link rel="stylesheet" href="${ASSETS}/swagger-ui.css${v}">
<link rel="icon" type="image/png" href="${ASSETS}/favicon-32x32.png${v}" sizes="32x32">
<link rel="icon" type="image/png" href="${ASSETS}/favicon-16x16.png${v}" sizes="16x16">
</head>
<body>
<noscript>The interactive reference needs JavaScript; the OpenAPI document itself is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
<div id="swagger-ui"></div>
<script src="${ASSETS}/swagger-ui-bundle.js${v}"></script>
<script src="${ASSETS}/init.js${v}"></script>
</body>
</html>
`;

// Swagger UI sets inline styles and shows data: images; everything else must come from this server.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Not in the OpenAPI document: a page for people, not an API operation. */
export const docsApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .get('/docs', (c) => c.html(PAGE, 200, { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache' }))
  .get('/docs/assets/:file', (c) => {
    const asset = docsAsset(c.req.param('file'));
    if (!asset) throw new NotFound(`No documentation asset ${c.req.param('file')}`);
    return c.body(asset.body, 200, {
      'Content-Type': asset.type,
      'Cache-Control': 'public, max-age=604800',
      'X-Content-Type-Options': 'nosniff',
    });
  });
