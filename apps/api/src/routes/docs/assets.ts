import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
export const SWAGGER_UI_VERSION = (require('swagger-ui-dist/package.json') as { version: string }).version;

/** Our own start-up script: no inline script, so the page's CSP can forbid inline code. */
const INIT_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    // No badge: it would send the document to validator.swagger.io.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

/** The only files served: swagger-ui-dist's browser bundle and styles, by name, never a path from the request. */
const FILES: Record<string, { type: string; source: string | (() => string) }> = {
  'swagger-ui.css': { type: 'text/css; charset=utf-8', source: 'swagger-ui.css' },
  'swagger-ui.css.map': { type: 'application/json; charset=utf-8', source: 'swagger-ui.css.map' },
  'swagger-ui-bundle.js': { type: 'text/javascript; charset=utf-8', source: 'swagger-ui-bundle.js' },
  'swagger-ui-bundle.js.map': { type: 'application/json; charset=utf-8', source: 'swagger-ui-bundle.js.map' },
  'favicon-32x32.png': { type: 'image/png', source: 'favicon-32x32.png' },
  'favicon-16x16.png': { type: 'image/png', source: 'favicon-16x16.png' },
  'init.js': { type: 'text/javascript; charset=utf-8', source: () => INIT_JS },
};

export interface Asset {
  type: string;
  body: ArrayBuffer;
}
const loaded = new Map<string, Asset>();

/** Reads a known asset once; null for any other name. (Compression is the response cache's job, see http-cache.ts.) */
export function docsAsset(name: string): Asset | null {
  const spec = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
  if (!spec) return null;
  let asset = loaded.get(name);
  if (!asset) {
    const body = typeof spec.source === 'function' ? Buffer.from(spec.source()) : readFileSync(join(SWAGGER_UI_DIR, spec.source));
    asset = { type: spec.type, body: body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer };
    loaded.set(name, asset);
  }
  return asset;
}
