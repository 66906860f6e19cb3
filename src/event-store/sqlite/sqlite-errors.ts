import { StoreUnavailableError } from '../event-store.errors.js';

/**
 * SQLite failures a caller cannot fix by changing its request (locked, read-only,
 * full, I/O, closed) become StoreUnavailableError; anything else is a bug and
 * passes through unchanged.
 */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const sqliteFailure = typeof code === 'string' && code.startsWith('SQLITE_');
  const closed = /connection is not open|database is closed/.test(message);
  if (!sqliteFailure && !closed) return error;
  return new StoreUnavailableError(
    `embedded store unavailable (${sqliteFailure ? code : 'closed'}): ${message}`,
    { cause: error },
  );
}

export function storeClosed(): StoreUnavailableError {
  return new StoreUnavailableError('embedded store unavailable: it has been closed');
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** The file is not a database, or is damaged: waiting will not help. */
export function isCorrupt(error: unknown): boolean {
  const code = codeOf(error);
  return code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT');
}

/**
 * Failures a fresh connection may cure once the operator fixes the cause: a file opened
 * read-only (or that became read-only), moved, unreadable, or damaged. A busy lock or a
 * full disk clear on the same connection.
 */
export function needsReopen(error: unknown): boolean {
  const code = codeOf(error);
  return (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_IOERR') ||
    isCorrupt(error)
  );
}
