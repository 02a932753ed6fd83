import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

/** One JSON line per request: method, path, status, duration, request id. */
export function requestLog(write: (line: string) => void = (line) => process.stdout.write(line)): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    write(
      `${JSON.stringify({
        level: c.res.status >= 500 ? 'error' : 'info',
        time: new Date().toISOString(),
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      })}\n`,
    );
  };
}
