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
