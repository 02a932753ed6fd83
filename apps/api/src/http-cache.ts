import type { MiddlewareHandler } from 'hono';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { AppEnv } from './context.ts';
import type { DataGeneration } from './data-generation.ts';

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
}

/**
 * Read responses change only when the database does: they are cached per URL and data
 * generation, served with a strong ETag and Last-Modified, answered 304 when the client has them,
 * and compressed once (brotli or gzip).
 */
export function createResponseCache(data: DataGeneration, options: { maxEntries?: number; maxBytes?: number } = {}) {
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

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    // Authorization is part of the key so a cached answer never crosses a permission boundary.
    const key = `${generation()} ${c.req.header('Authorization') ?? ''} ${c.req.url}`;
    let entry = cache.get(key);
    if (!entry) {
      await next();
      const res = c.res;
      const cacheable = res.status === 200 && !res.headers.has('Content-Disposition') && !/no-store/.test(res.headers.get('Cache-Control') ?? '');
      const body = Buffer.from(await res.arrayBuffer());
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      const own = [...res.headers].filter(([name]) => !PER_RESPONSE_HEADERS.has(name.toLowerCase()));
      entry = { status: res.status, contentType: res.headers.get('Content-Type') ?? 'application/octet-stream', headers: own, body, etag, lastModified };
      if (cacheable) cache.set(key, entry);
      const headers = new Headers(res.headers);
      // Error answers and bodies a route already encoded pass through untouched.
      if (res.status !== 200 || res.headers.has('Content-Encoding')) {
        c.res = new Response(body, { status: res.status, headers });
        return;
      }
      if (!cacheable) {
        c.res = respond(c.req.header('Accept-Encoding'), entry, headers, c.req.method === 'HEAD');
        return;
      }
    }
    if (c.req.header('If-None-Match') === entry.etag) {
      c.res = new Response(null, { status: 304, headers: { ETag: entry.etag, 'Last-Modified': entry.lastModified, Vary: 'Accept-Encoding, Authorization' } });
      return;
    }
    const headers = new Headers(entry.headers);
    headers.set('X-Request-Id', c.get('requestId'));
    c.res = respond(c.req.header('Accept-Encoding'), entry, headers, c.req.method === 'HEAD');
  };

  return {
    middleware,
    size: () => cache.size,
  };
}

/** Headers that describe one response's bytes or request, not the resource. */
const PER_RESPONSE_HEADERS = new Set(['content-length', 'content-encoding', 'etag', 'last-modified', 'vary', 'x-request-id', 'date', 'transfer-encoding']);

const COMPRESSIBLE = /^(application\/(json|xml|atom\+xml|x-research-info-systems|x-bibtex|vnd\.citationstyles\.csl\+json)|text\/)/;

function respond(acceptEncoding: string | undefined, entry: CachedResponse, headers: Headers, head: boolean): Response {
  headers.set('ETag', entry.etag);
  headers.set('Last-Modified', entry.lastModified);
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-cache');
  headers.set('Vary', 'Accept-Encoding, Authorization');
  headers.delete('Content-Length');
  let body = entry.body;
  if (entry.body.length >= 1024 && COMPRESSIBLE.test(entry.contentType)) {
    const accepts = (acceptEncoding ?? '').toLowerCase();
    if (/\bbr\b/.test(accepts)) {
      entry.brotli ??= brotliCompressSync(entry.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } });
      body = entry.brotli;
      headers.set('Content-Encoding', 'br');
    } else if (/\bgzip\b/.test(accepts)) {
      entry.gzip ??= gzipSync(entry.body, { level: 6 });
      body = entry.gzip;
      headers.set('Content-Encoding', 'gzip');
    }
  }
  headers.set('Content-Length', String(body.length));
  // A Buffer is a Uint8Array: handed over as is, the node adapter writes it without a copy.
  return new Response(head ? null : body, { status: entry.status, headers });
}

export type ResponseCache = ReturnType<typeof createResponseCache>;
