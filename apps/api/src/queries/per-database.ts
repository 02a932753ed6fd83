import type { OpenedDatabase } from '@evidence/schema';

/**
 * Makes a factory's result once per opened database, so write routes prepare their SQLite
 * statements once instead of on every request. Weak keys: a closed test database takes them along.
 */
export function perDatabase<T>(create: (database: OpenedDatabase) => T): (database: OpenedDatabase) => T {
  const made = new WeakMap<OpenedDatabase, T>();
  return (database) => {
    let value = made.get(database);
    if (value === undefined) {
      value = create(database);
      made.set(database, value);
    }
    return value;
  };
}
