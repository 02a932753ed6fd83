import type { OpenedDatabase } from '@evidence/schema';

/** Services on the typed Hono context, so tests can hand in their own database and clock. */
export interface AppServices {
  database: OpenedDatabase;
  now: () => Date;
}

export interface AppEnv {
  /** actor: the editor token's name, set by requireEditor on write routes. */
  Variables: AppServices & { requestId: string; actor: string };
}
