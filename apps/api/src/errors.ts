import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './context.ts';

/** The one error shape every endpoint returns. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_parameter' }),
      message: z.string().openapi({ example: 'year_from: expected a year between 1800 and 2100' }),
      parameter: z.string().optional().openapi({ example: 'year_from' }),
      requestId: z.string(),
    }),
  })
  .openapi('Error');

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly parameter: string | undefined;
  constructor(status: ContentfulStatusCode, code: string, message: string, parameter?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.parameter = parameter;
  }
}

export function errorBody(c: Context<AppEnv>, code: string, message: string, parameter?: string) {
  return { error: { code, message, ...(parameter ? { parameter } : {}), requestId: c.get('requestId') ?? '' } };
}

/** Maps anything thrown to the JSON error shape; unknown errors are logged and never leak details. */
export function handleError(err: Error, c: Context<AppEnv>) {
  if (err instanceof ApiError) return c.json(errorBody(c, err.code, err.message, err.parameter), err.status);
  if (err instanceof HTTPException) return c.json(errorBody(c, 'http_error', err.message || 'Request failed'), err.status);
  // A write that waited out the busy timeout behind another writer (an ingestion batch) changed
  // nothing: say so and when to retry, rather than a bare 500.
  if (String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY')) {
    c.header('Retry-After', '5');
    return c.json(errorBody(c, 'database_busy', 'The database is busy with another write (probably an ingestion batch); nothing was changed. Try again in a few seconds.'), 503);
  }
  console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), message: err.message, stack: err.stack }));
  return c.json(errorBody(c, 'internal_error', 'Internal server error'), 500);
}

/** The shared validation hook: the first zod issue becomes a 400 that names the parameter. */
export function validationHook(
  result: { success: true } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } },
  c: Context<AppEnv>,
) {
  if (result.success) return;
  const issue = result.error.issues[0];
  // A repeated query parameter's item index (outcome.1) is not part of the parameter's name.
  const parameter = issue?.path.filter((p) => typeof p !== 'number' && !/^\d+$/.test(String(p))).map(String).join('.') || undefined;
  const message = issue ? `${parameter ? `${parameter}: ` : ''}${issue.message}` : 'Invalid request';
  return c.json(errorBody(c, 'invalid_parameter', message, parameter), 400);
}
