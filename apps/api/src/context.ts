import type { OpenedDatabase } from '@evidence/schema';
import type { Reads } from './read-pool/reads.ts';
import type { StudyIndex } from './study-index/index.ts';

/** Services on the typed Hono context, so tests can hand in their own database and clock. */
export interface AppServices {
  database: OpenedDatabase;
  now: () => Date;
  /** Null when turned off; its select() is null while it is stale or being rebuilt. */
  studyIndex: StudyIndex | null;
  /** The read routes' queries: on the study index, or on a reader thread (ADR 0009). */
  reads: Reads;
  /** The HMAC key of the digests' unsubscribe links (DIGEST_SECRET); null: unsubscribe answers 503. */
  digestSecret: string | null;
}

export interface AppEnv {
  /** actor: the editor token's name, set by requireEditor on write routes. */
  Variables: AppServices & { requestId: string; actor: string };
}
