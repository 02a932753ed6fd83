import type { OpenedDatabase } from '@evidence/schema';

/**
 * Which state of the database a read sees. `PRAGMA data_version` moves when another connection
 * (the ingester) commits; `markWrite()` counts this process's own writes, which data_version does
 * not see. Equal generations mean equal data, so anything derived can be kept until it changes.
 */
export function createDataGeneration(database: OpenedDatabase) {
  const dataVersion = database.sqlite.prepare('PRAGMA data_version').pluck();
  let localWrites = 0;
  // The pragma costs about a tenth of a cached response, so it is read once per turn of the event
  // loop: requests read from their sockets in the same turn see the same generation.
  let memo: string | null = null;
  const forget = () => {
    memo = null;
  };
  return {
    current(): string {
      if (memo === null) {
        memo = `${dataVersion.get() as number}.${localWrites}`;
        setImmediate(forget);
      }
      return memo;
    },
    /** How many writes this process has committed (the generation's second part). */
    ownWrites: () => localWrites,
    /** Call after this process commits a write. */
    markWrite() {
      localWrites++;
      memo = null;
    },
  };
}

export type DataGeneration = ReturnType<typeof createDataGeneration>;

/** The count of this process's own writes a generation string holds ("dataVersion.ownWrites"). */
export function ownWritesOf(generation: string): number {
  return Number(generation.slice(generation.indexOf('.') + 1));
}
