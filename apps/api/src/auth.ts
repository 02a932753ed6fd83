import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { parseTokenList } from './tokens.ts';

/** Digest → name for a token list in the format of tokens.ts; the name is recorded as who made each write. */
export function parseTokens(value: string | undefined, defaultName: string): Map<string, string> {
  return new Map(parseTokenList(value, defaultName).map(({ name, token }) => [digest(token), name]));
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Finds the name for a presented token, comparing digests in constant time. */
function nameFor(tokens: Map<string, string>, presented: string): string | null {
  const candidate = Buffer.from(digest(presented), 'hex');
  for (const [known, name] of tokens) {
    if (timingSafeEqual(Buffer.from(known, 'hex'), candidate)) return name;
  }
  return null;
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match ? match[1]!.trim() : null;
}

export interface AuthConfig {
  readTokens: Map<string, string>;
  editorTokens: Map<string, string>;
}

/** Reads are open unless read tokens are configured; an editor token may always read. */
export function requireReader(config: AuthConfig): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (config.readTokens.size > 0) {
      // Feed readers cannot send headers: Atom feeds also take the token as ?token=.
      const token = bearer(c.req.header('Authorization')) ?? (c.req.path.endsWith('.atom') ? (c.req.query('token') ?? null) : null);
      const name = token && (nameFor(config.readTokens, token) ?? nameFor(config.editorTokens, token));
      if (!name) {
        c.header('WWW-Authenticate', 'Bearer realm="evidence"');
        throw new ApiError(401, 'unauthorized', 'This API needs a bearer token to read (EVIDENCE_READ_TOKEN)');
      }
    }
    await next();
  };
}

/** Writes need an editor token; the token's name becomes the actor recorded with the write. */
export function requireEditor(config: AuthConfig): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (config.editorTokens.size === 0)
      throw new ApiError(403, 'writes_disabled', 'Curation is disabled: set EVIDENCE_EDITOR_TOKEN on the API server');
    const token = bearer(c.req.header('Authorization'));
    if (!token) {
      c.header('WWW-Authenticate', 'Bearer realm="evidence"');
      throw new ApiError(401, 'unauthorized', 'Curation needs an editor bearer token');
    }
    const name = nameFor(config.editorTokens, token);
    if (!name) throw new ApiError(403, 'forbidden', 'This token may not make changes');
    c.set('actor', name);
    await next();
  };
}
