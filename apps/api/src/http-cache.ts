import type { MiddlewareHandler } from 'hono';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { AppEnv } from './context.ts';
import type { DataGeneration } from './data-generation.ts';

/** A lookup's outcome: kept from before, waited for the same answer being computed, or computed now. */
export type CacheLookup = 'hit' | 'shared' | 'miss';

interface CachedResponse {
  status: number;
  contentType: string;
  /** The route's own headers (CSP, Cache-Control, …), replayed on every hit. */
  headers: [string, string][];
  body: Buffer;
  etag: string;
  lastModified: string;
  brotli?: Buffer;
  gzip?: Buffer;
  /** How each compressed form was made: quickly on first demand, tightly once asked again. */
  compressed?: Partial<Record<'br' | 'gzip', 'fast' | 'tight'>>;
  /** Response headers per encoding, built on first use. */
  prepared: Partial<Record<Encoding, Record<string, string>>>;
}

/**
 * Read responses change only when the database does: they are cached per URL and data
 * generation, served with a strong ETag and Last-Modified, answered 304 when the client has them,
 * and compressed once (brotli or gzip).
 */
export function createResponseCache(
  data: DataGeneration,
  options: { maxEntries?: number; maxBytes?: number; onLookup?: (result: CacheLookup) => void } = {},
) {
  let lastGeneration = '';
  let lastModified = new Date().toUTCString();
  const cache = new LRUCache<string, CachedResponse>({
    max: options.maxEntries ?? 2000,
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (entry) => entry.body.length + (entry.brotli?.length ?? 0) + (entry.gzip?.length ?? 0) + 200,
  });

  function generation(): string {
    const current = data.current();
    if (current !== lastGeneration) {
      lastGeneration = current;
      lastModified = new Date().toUTCString();
      cache.clear();
    }
    return current;
  }

  /** Answers being computed, by key: resolve to the entry once kept, or null (an error, a no-store answer). */
  const computing = new Map<string, Promise<CachedResponse | null>>();

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    // Authorization is part of the key so a cached answer never crosses a permission boundary.
    const key = `${generation()} ${c.req.header('Authorization') ?? ''} ${c.req.url}`;
    // The same URL asked by many clients at once (a dashboard's first load, a link shared widely)
    // is computed once: the others wait for that answer instead of queueing the same read.
    let entry = cache.get(key);
    // Only await when another request is computing it: an await here would let every request
    // arriving in this turn pass before the first one registers.
    const pending = entry ? undefined : computing.get(key);
    if (pending) entry = (await pending) ?? undefined;
    options.onLookup?.(entry ? (pending ? 'shared' : 'hit') : 'miss');
    if (!entry) {
      let done: (kept: CachedResponse | null) => void = () => {};
      computing.set(key, new Promise((resolve) => (done = resolve)));
      let kept: CachedResponse | null = null;
      try {
        await next();
        const res = c.res;
        const body = Buffer.from(await res.arrayBuffer());
        // Error answers and bodies a route already encoded pass through untouched.
        if (res.status !== 200 || res.headers.has('Content-Encoding')) {
          c.res = new Response(body, { status: res.status, headers: new Headers(res.headers) });
          return;
        }
        const own = [...res.headers].filter(([name]) => !PER_RESPONSE_HEADERS.has(name.toLowerCase()));
        entry = {
          status: res.status,
          contentType: res.headers.get('Content-Type') ?? 'application/octet-stream',
          headers: own,
          body,
          etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
          lastModified,
          prepared: {},
        };
        // Downloads and answers that say no-store are served once, never kept (nor shared with waiters).
        if (!res.headers.has('Content-Disposition') && !/no-store/.test(res.headers.get('Cache-Control') ?? '')) {
          cache.set(key, entry);
          kept = entry;
        }
      } finally {
        computing.delete(key);
        done(kept);
      }
    }
    if (c.req.header('If-None-Match') === entry.etag) {
      c.res = new Response(null, {
        status: 304,
        headers: {
          ETag: entry.etag,
          'Last-Modified': entry.lastModified,
          Vary: 'Accept-Encoding, Authorization',
          'X-Content-Type-Options': 'nosniff',
        },
      });
      return;
    }
    c.res = respond(c.req.header('Accept-Encoding'), entry, c.get('requestId'), c.req.method === 'HEAD');
  };

  return {
    middleware,
    size: () => cache.size,
  };
}

/** Headers that describe one response's bytes or request, not the resource. */
const PER_RESPONSE_HEADERS = new Set([
  'content-length',
  'content-encoding',
  'etag',
  'last-modified',
  'vary',
  'x-request-id',
  'date',
  'transfer-encoding',
]);

const COMPRESSIBLE = /^(application\/(json|xml|atom\+xml|x-research-info-systems|x-bibtex|vnd\.citationstyles\.csl\+json)|text\/)/;

type Encoding = 'br' | 'gzip' | 'identity';

/**
 * The entry's bytes in the best encoding the client accepts (compressed once, on first demand),
 * with headers prepared once per encoding as a plain object: the node adapter's fast path.
 */
function respond(acceptEncoding: string | undefined, entry: CachedResponse, requestId: string, head: boolean): Response {
  const encoding = chooseEncoding(acceptEncoding, entry);
  let body = entry.body;
  if (encoding !== 'identity') {
    // Most uncached answers (a filter nobody asked for before) are served once: compress those
    // quickly (a third of the time at 20 KB, 25 % larger), and again, tighter, once asked twice.
    const stage = entry.compressed?.[encoding] ?? 'none';
    if (stage !== 'tight') {
      const tight = stage === 'fast';
      entry[encoding === 'br' ? 'brotli' : 'gzip'] = compress(entry.body, encoding, tight);
      (entry.compressed ??= {})[encoding] = tight ? 'tight' : 'fast';
      delete entry.prepared[encoding];
    }
    body = (encoding === 'br' ? entry.brotli : entry.gzip)!;
  }
  const headers = (entry.prepared[encoding] ??= preparedHeaders(entry, encoding, body.length));
  // A view of the same bytes, not a copy: the node adapter writes a Uint8Array body as it is.
  const bytes = new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
  return new Response(head ? null : bytes, { status: entry.status, headers: { ...headers, 'x-request-id': requestId } });
}

function compress(body: Buffer, encoding: 'br' | 'gzip', tight: boolean): Buffer {
  if (encoding === 'gzip') return gzipSync(body, { level: tight ? 6 : 1 });
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: tight ? 5 : 1,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

function chooseEncoding(acceptEncoding: string | undefined, entry: CachedResponse): Encoding {
  if (entry.body.length < 1024 || !COMPRESSIBLE.test(entry.contentType) || !acceptEncoding) return 'identity';
  const accepts = acceptEncoding.toLowerCase();
  return /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : 'identity';
}

function preparedHeaders(entry: CachedResponse, encoding: Encoding, length: number): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of entry.headers) headers[name.toLowerCase()] = value;
  headers['cache-control'] ??= 'no-cache';
  headers.etag = entry.etag;
  headers['last-modified'] = entry.lastModified;
  headers.vary = 'Accept-Encoding, Authorization';
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-length'] = String(length);
  return headers;
}
