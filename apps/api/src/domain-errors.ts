/**
 * What the core (query functions, filters, the study index) throws when a request cannot be
 * answered. Nothing here knows about HTTP: `app.onError` (errors.ts) maps each error to a status
 * code and the one JSON error shape. Keep this module free of imports so anything may use it.
 */
export abstract class DomainError extends Error {
  /** The stable machine-readable code clients see in `error.code`. */
  abstract readonly code: string;
}

/** The thing asked for does not exist (a study, a claim, a pin, a run, a note). */
export class NotFound extends DomainError {
  readonly code = 'not_found';
}

/** A request parameter is well-formed but cannot be used (a cursor of another sort, sort=relevance without q). */
export class InvalidParameter extends DomainError {
  readonly code = 'invalid_parameter';
  /** The parameter's name, as the client sent it. */
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super(message);
    this.parameter = parameter;
  }
}

/** A study filter passed validation but means nothing here (an unknown run, a malformed full-text query). */
export class InvalidFilter extends InvalidParameter {}

/** The filters match more studies than an export may hold. */
export class ExportTooLarge extends DomainError {
  readonly code = 'export_too_large';
}

/** A write waited out the busy timeout behind another writer (an ingestion batch) and changed nothing. */
export class Busy extends DomainError {
  readonly code = 'database_busy';
  readonly retryAfterSeconds = 5;
  constructor(
    message = 'The database is busy with another write (probably an ingestion batch); nothing was changed. Try again in a few seconds.',
  ) {
    super(message);
  }
}

/** The database file is read-only for this server (DATABASE_URL with mode=ro, or a file it may not write). */
export class ReadOnly extends DomainError {
  readonly code = 'read_only';
  constructor(message = 'The database is read-only on this server: reading works, but nothing can be changed.') {
    super(message);
  }
}

/** The domain error an error stands for: itself, Busy for SQLite's SQLITE_BUSY*, ReadOnly for SQLITE_READONLY*, or null when it is unexpected. */
export function asDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code.startsWith('SQLITE_BUSY')) return new Busy();
  if (code.startsWith('SQLITE_READONLY')) return new ReadOnly();
  return null;
}

/**
 * Every reader of a lane is busy and its queue is full, or a read waited its bound for a reader (a
 * burst of expensive uncached reads): refused, so waits stay bounded instead of growing with load.
 */
export class ReadersBusy extends DomainError {
  readonly code = 'readers_busy';
  readonly retryAfterSeconds = 2;
  constructor(why: string) {
    super(`All readers for this kind of request are busy (${why}); try again in a moment.`);
  }
}

/** A read ran past its time budget (API_READ_TIMEOUT_MS) and was cancelled; its reader thread was replaced. */
export class QueryTooExpensive extends DomainError {
  readonly code = 'query_too_expensive';
  readonly retryAfterSeconds = 10;
  constructor(budgetMs: number) {
    super(
      `The query took longer than its ${budgetMs} ms budget and was cancelled. Narrow it (fewer or longer prefix terms, more filters) or try again later.`,
    );
  }
}
