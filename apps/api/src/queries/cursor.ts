import { ApiError } from '../errors.ts';

/** Opaque keyset cursor: the last row's sort value and PMID, base64url-encoded JSON. */
export function encodeCursor(sortValue: string | number | null, pmid: number): string {
  return Buffer.from(JSON.stringify([sortValue, pmid])).toString('base64url');
}

export function decodeCursor(cursor: string): { sortValue: string | number | null; pmid: number } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isInteger(value[1]) &&
        (value[0] === null || typeof value[0] === 'string' || typeof value[0] === 'number')) {
      return { sortValue: value[0], pmid: value[1] };
    }
  } catch { /* fall through to the error below */ }
  throw new ApiError(400, 'invalid_parameter', 'cursor: not a cursor returned by this API', 'cursor');
}
