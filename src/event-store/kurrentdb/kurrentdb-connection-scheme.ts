/**
 * The connection-string schemes the KurrentDB client (1.3.1) accepts, exactly and
 * case-sensitively as dist/Client/parseConnectionString.js does: kurrentdb, kurrent, kdb
 * and the deprecated esdb, each also with +discover. Configuration, the CLI and the
 * adapter all check against this one pattern. It imports nothing, so checking a
 * configuration does not load the client.
 */
export const KURRENTDB_SCHEME = /^(?:kurrentdb|kurrent|kdb|esdb)(?:\+discover)?:\/\//;

/** The same list, for messages. */
export const KURRENTDB_SCHEMES =
  'kurrentdb://, kurrent://, kdb:// or the legacy esdb:// (each also as +discover)';
