import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';

/**
 * GET /api: where to go from here — the reference page, the OpenAPI document and every operation,
 * read from the OpenAPI registry so the list cannot drift from the routes. It holds no data, so it
 * is open like the documentation (the URL the main job prints must answer, issue #15).
 */
export function apiIndex(app: OpenAPIHono<AppEnv>, info: { title: string; version: string }) {
  return (c: { json(body: unknown): Response }) => {
    const operations = app.openAPIRegistry.definitions.flatMap((d) =>
      d.type === 'route'
        ? [{ method: d.route.method.toUpperCase(), path: `${d.route.path}`.replace(/\{(\w+)\}/g, ':$1'), summary: d.route.summary ?? null }]
        : [],
    );
    return c.json({
      name: info.title,
      version: info.version,
      links: { docs: '/api/docs', openapi: '/api/openapi.json', health: '/api/health' },
      operations,
    });
  };
}
