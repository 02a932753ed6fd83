import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './context.ts';
import {
  asDomainError,
  Busy,
  ExportTooLarge,
  InvalidParameter,
  NotFound,
  QueryTooExpensive,
  ReadersBusy,
  ReadOnly,
  type DomainError,
} from './domain-errors.ts';

// The HTTP edge of error handling: core code throws the domain errors of domain-errors.ts and never
// imports this module; here they become status codes and the one JSON shape.

/** The one error shape every endpoint returns. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_parameter' }),
      message: z.string().openapi({ example: 'year_from: expected a year between 1800 and 2100' }),
      parameter: z.string().optional().openapi({ example: 'year_from' }),
      details: z
        .record(z.string(), z.union([z.string(), z.number()]))
        .optional()
        .openapi({
          description:
            'The rule broken and its values, for clients that word errors in their own language (a refused search: rule nothing_to_search, prefix_too_short, too_many_prefix_terms or too_many_terms, with term, limit, found).',
          example: { rule: 'prefix_too_short', term: 'a*', limit: 3 },
        }),
      requestId: z.string(),
    }),
  })
  .openapi('Error');

/** An error that exists only at the HTTP edge (authentication, authorisation), with its status. */
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

type ErrorDetails = Record<string, string | number>;

function errorBody(c: Context<AppEnv>, code: string, message: string, parameter?: string, details?: ErrorDetails) {
  return {
    error: { code, message, ...(parameter ? { parameter } : {}), ...(details ? { details } : {}), requestId: c.get('requestId') ?? '' },
  };
}

/** Each domain error's status; the first class the error is an instance of decides. */
const STATUS: [new (...args: never[]) => DomainError, ContentfulStatusCode][] = [
  [NotFound, 404],
  [InvalidParameter, 400],
  [ExportTooLarge, 400],
  // A write that waited out the busy timeout changed nothing: say so and when to retry, not a bare 500.
  [Busy, 503],
  // A read over its time budget was cancelled: the server is fine, this query is too costly right now.
  [QueryTooExpensive, 503],
  // The readers' queue is full: refused at once rather than left waiting.
  [ReadersBusy, 503],
  // The database file is read-only: reads are served, writes cannot be.
  [ReadOnly, 503],
];

/** Maps anything thrown to the JSON error shape; unknown errors never leak details (request-log.ts logs them with their stack). */
export function handleError(err: Error, c: Context<AppEnv>) {
  if (err instanceof ApiError) return c.json(errorBody(c, err.code, err.message, err.parameter), err.status);
  if (err instanceof HTTPException) return c.json(errorBody(c, 'http_error', err.message || 'Request failed'), err.status);
  const domain = asDomainError(err);
  const status = domain && STATUS.find(([type]) => domain instanceof type)?.[1];
  if (domain && status) {
    if (domain instanceof Busy || domain instanceof QueryTooExpensive || domain instanceof ReadersBusy)
      c.header('Retry-After', String(domain.retryAfterSeconds));
    return c.json(errorBody(c, domain.code, domain.message, domain instanceof InvalidParameter ? domain.parameter : undefined), status);
  }
  return c.json(errorBody(c, 'internal_error', 'Internal server error'), 500);
}

/** The shared validation hook: the first zod issue becomes a 400 that names the parameter. */
export function validationHook(
  result:
    | { success: true }
    | {
        success: false;
        error: { issues: readonly { path: readonly PropertyKey[]; message: string; params?: { details?: ErrorDetails } }[] };
      },
  c: Context<AppEnv>,
) {
  if (result.success) return;
  const issue = result.error.issues[0];
  // A repeated query parameter's item index (outcome.1) is not part of the parameter's name.
  const parameter =
    issue?.path
      .filter((p) => typeof p !== 'number' && !/^\d+$/.test(String(p)))
      .map(String)
      .join('.') || undefined;
  const message = issue ? `${parameter ? `${parameter}: ` : ''}${issue.message}` : 'Invalid request';
  return c.json(errorBody(c, 'invalid_parameter', message, parameter, issue?.params?.details), 400);
}
