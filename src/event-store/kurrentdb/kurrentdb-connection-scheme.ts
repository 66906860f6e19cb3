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

/**
 * The options the client (1.3.1) reads from a connection string's `?key=value` settings, as
 * mapToQueryOption in dist/Client/parseConnectionString.js lists them (the client exports no
 * list). A key matches whatever its case, `_` and `-` (the client's toflatCase). Any other
 * key the client ignores after a warning on stderr, so configuration refuses it.
 * test/config/kurrentdb-options.unit.spec.ts reads the client's file and fails when its
 * list changes.
 */
export const KURRENTDB_OPTIONS = [
  'userCertFile',
  'userKeyFile',
  'maxDiscoverAttempts',
  'connectionName',
  'defaultDeadline',
  'discoveryInterval',
  'gossipTimeout',
  'nodePreference',
  'tls',
  'tlsVerifyCert',
  'tlsCAFile',
  'throwOnAppendFailure',
  'keepAliveInterval',
  'keepAliveTimeout',
] as const;

/** The client also reads `dnsDiscover`, but only spelled exactly so (its map lacks it). */
export const KURRENTDB_EXACT_OPTIONS: readonly string[] = ['dnsDiscover'];

/** A key as the client compares it: trimmed, lower case, without `_` and `-`. */
export function flatKey(key: string): string {
  return key.trim().toLowerCase().replace(/[_-]/g, '');
}

const FLAT_OPTIONS = new Set<string>(KURRENTDB_OPTIONS.map(flatKey));

/** Whether the client reads this setting rather than ignoring it. */
export function isKnownKurrentDbOption(key: string): boolean {
  return FLAT_OPTIONS.has(flatKey(key)) || KURRENTDB_EXACT_OPTIONS.includes(key);
}
