// The API reference page works offline: it and its scripts reference only this server's /api/ URLs.
import { createTestDatabase } from '@evidence/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';

let database: ReturnType<typeof createTestDatabase>;
let app: ReturnType<typeof createApp>;
beforeAll(() => {
  database = createTestDatabase();
  app = createApp({ database });
});
afterAll(() => database?.remove());

const urlsIn = (html: string) => [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);

describe('GET /api/docs', () => {
  it('is an HTML page whose every URL is under /api/ and whose CSP forbids other origins', async () => {
    const res = await app.request('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await res.text();
    const urls = urlsIn(html);
    expect(urls.length).toBeGreaterThanOrEqual(4);
    expect(urls.filter((u) => !u.startsWith('/api/'))).toEqual([]);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>(?!<\/script>)[^<]/); // no inline script
  });

  it('serves each referenced asset from node_modules, and the start-up script points at /api/openapi.json', async () => {
    const html = await (await app.request('/api/docs')).text();
    for (const url of urlsIn(html).filter((u) => u.startsWith('/api/docs/assets/'))) {
      const res = await app.request(url);
      expect(res.status, url).toBe(200);
      expect((await res.arrayBuffer()).byteLength, url).toBeGreaterThan(100);
    }
    const bundle = await app.request('/api/docs/assets/swagger-ui-bundle.js');
    expect(bundle.headers.get('content-type')).toContain('javascript');
    const init = await (await app.request('/api/docs/assets/init.js')).text();
    expect(init).toContain("url: '/api/openapi.json'");
    expect(init).toContain('validatorUrl: null');
    expect(init).not.toMatch(/https?:\/\//);
    const css = await (await app.request('/api/docs/assets/swagger-ui.css')).text();
    expect(css).not.toMatch(/@import|url\(\s*["']?https?:/); // no web fonts or images from elsewhere
  });

  it('serves only the listed assets, never a path from the request', async () => {
    for (const name of ['package.json', '..%2Fpackage.json', 'index.html', 'swagger-initializer.js']) {
      expect((await app.request(`/api/docs/assets/${name}`)).status, name).toBe(404);
    }
  });

  it('the document it shows lists the export and feed operations', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/export', '/api/feed.atom', '/api/studies']));
    expect(Object.keys(doc.paths)).not.toContain('/api/docs');
  });
});
