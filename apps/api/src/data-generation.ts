import type { OpenedDatabase } from '@evidence/schema';

/**
 * Which state of the database a read sees. `PRAGMA data_version` moves when another connection
 * (the ingester) commits; `markWrite()` counts this process's own writes, which data_version does
 * not see. Equal generations mean equal data, so anything derived can be kept until it changes.
 */
export function createDataGeneration(database: OpenedDatabase) {
  const dataVersion = database.sqlite.prepare('PRAGMA data_version').pluck();
  let localWrites = 0;
  return {
    current: (): string => `${dataVersion.get() as number}.${localWrites}`,
    /** Call after this process commits a write. */
    markWrite() { localWrites++; },
  };
}

export type DataGeneration = ReturnType<typeof createDataGeneration>;
