// The token lists of EVIDENCE_READ_TOKEN and EVIDENCE_EDITOR_TOKEN, parsed the same way by the API
// (auth.ts) and the dashboard (apps/web/src/lib/server/env.ts), which imports it as @evidence/api/tokens.
// Pure and dependency-free so the dashboard's server bundle takes nothing else from the API.

export interface NamedToken {
  name: string;
  token: string;
}

/**
 * A bare token ("s3cret", given `defaultName`) or a comma-separated list of name:token pairs
 * ("anna:s3cret,ben:other"). An entry with a name and no token ("anna:") is refused: it would make
 * an empty bearer a valid credential.
 */
export function parseTokenList(value: string | undefined, defaultName: string): NamedToken[] {
  const tokens: NamedToken[] = [];
  for (const entry of (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(':');
    const [name, token] = colon > 0 ? [entry.slice(0, colon).trim(), entry.slice(colon + 1).trim()] : [defaultName, entry];
    if (!token) throw new Error(`the entry for "${name}" has no token (expected name:token)`);
    tokens.push({ name, token });
  }
  return tokens;
}
