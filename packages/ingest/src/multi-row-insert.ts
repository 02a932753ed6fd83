import type { OpenedDatabase } from '@evidence/schema';

/**
 * An INSERT of many rows per statement, with positional parameters. Ingestion writes each table's
 * rows for a study (or a group of studies) this way: per-statement overhead, a statement
 * savepoint and named-parameter binding were most of the cost of storing a study (ADR 0004).
 *
 * `into` is everything before VALUES; `row` one row's tuple, e.g. "(?, ?, 'rule')". Rows go in
 * chunks of at most `maxRows`, which must keep rows × parameters under SQLite's 32,766.
 */
export function multiRowInsert(sqlite: OpenedDatabase['sqlite'], into: string, row: string, maxRows: number) {
  const perRow = row.split('?').length - 1;
  if (perRow * maxRows > 32_766) throw new Error(`multiRowInsert: ${maxRows} rows of ${perRow} parameters exceed SQLite's limit`);
  const statements = new Map<number, ReturnType<typeof sqlite.prepare>>();
  const statement = (rows: number) => {
    let prepared = statements.get(rows);
    if (!prepared) {
      prepared = sqlite.prepare(`${into} VALUES ${Array.from({ length: rows }, () => row).join(', ')}`);
      statements.set(rows, prepared);
    }
    return prepared;
  };
  /** Inserts the rows, each an array of its parameters, in order. */
  return (rows: unknown[][]): void => {
    for (let start = 0; start < rows.length; start += maxRows) {
      const chunk = rows.length <= maxRows ? rows : rows.slice(start, start + maxRows);
      statement(chunk.length).run(chunk.flat());
    }
  };
}
