// Structured logs (pino): one JSON line per request, and every 5xx with its error's stack under
// the same request id the error response carries. Choices: docs/adr/0021-metrics-and-logs.md.
import type { MiddlewareHandler } from 'hono';
import { pino, stdSerializers, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import type { AppEnv } from './context.ts';

/** A pino logger writing one JSON line per entry to `write` (a file, stdout, a test's array). */
export function createLogger(write: (line: string) => void): Logger {
  const destination: DestinationStream = { write };
  return pino(
    {
      // The fields the hand-written request lines had: a level name and an ISO time, no host or pid.
      base: null,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: stdSerializers.err },
    },
    destination,
  );
}

/**
 * Logs each request when `everyRequest`, a 5xx that came from a thrown error with it as `err`
 * (type, message, stack). Without request lines only internal errors (500) are logged: the other
 * 5xx answers (readers busy, a read over its budget, a read-only file) are load or setup the
 * answer itself explains, and under overload one line each would flood stderr.
 */
export function requestLog(logger: Logger, options: { everyRequest: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    if (!options.everyRequest && status !== 500) return;
    const entry = {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(status >= 500 && c.error ? { err: c.error } : {}),
    };
    if (status >= 500) logger.error(entry, c.error ? c.error.message : 'server error');
    else logger.info(entry, 'request');
  };
}
