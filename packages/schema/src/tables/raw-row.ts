import type { Column, Table } from 'drizzle-orm';

type RawValue<C extends Column> =
  | (C['_']['data'] extends C['_']['driverParam'] ? C['_']['data'] : C['_']['driverParam'])
  | (C['_']['notNull'] extends true ? never : null);

/**
 * A table's row as a raw prepared statement returns it (the hot paths that skip drizzle): SQL
 * column names, JSON columns as text, booleans as 0/1, text enums as their values. Derived from
 * the drizzle table, so a column is declared once.
 */
export type RawRow<T extends Table> = {
  [K in keyof T['_']['columns'] as T['_']['columns'][K]['_']['name']]: RawValue<T['_']['columns'][K]>;
};
