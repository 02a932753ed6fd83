import { InvalidParameter } from '../domain-errors.ts';

/** Opaque keyset cursor: the sort it belongs to, the last row's sort value and PMID, as base64url JSON. */
export function encodeCursor(sort: string, sortValue: string | number | null, pmid: number): string {
  return Buffer.from(JSON.stringify([sort, sortValue, pmid])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string, valueType: 'string' | 'number'): { sortValue: string | number; pmid: number } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    /* reported below */
  }
  if (!Array.isArray(value) || value.length !== 3 || !Number.isInteger(value[2]) || typeof value[0] !== 'string') {
    throw new InvalidParameter('cursor', 'cursor: not a cursor returned by this API');
  }
  if (value[0] !== sort || typeof value[1] !== valueType) {
    throw new InvalidParameter('cursor', `cursor: this cursor belongs to sort=${value[0]}, not sort=${sort}; start again without it`);
  }
  return { sortValue: value[1] as string | number, pmid: value[2] as number };
}
