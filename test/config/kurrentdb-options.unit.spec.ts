import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  isKnownKurrentDbOption,
  KURRENTDB_EXACT_OPTIONS,
  KURRENTDB_OPTIONS,
} from '../../src/event-store/kurrentdb/kurrentdb-connection-scheme.js';

/**
 * Our list of connection-string options mirrors the client's, which it does not export:
 * read from the client's own parser, so that an upgrade that adds, renames or drops an
 * option fails here rather than letting configuration refuse a good key or pass a bad one.
 */
const require = createRequire(import.meta.url);
const clientDir = dirname(require.resolve('@kurrent/kurrentdb-client/package.json'));
const parserSource = readFileSync(
  join(clientDir, 'dist', 'Client', 'parseConnectionString.js'),
  'utf8',
);

/** The keys of `const mapToQueryOption = caseMap({ key: "key", ... })`. */
function mappedKeys(source: string): string[] {
  const block = /const mapToQueryOption = caseMap\(\{([^}]*)\}\)/.exec(source)?.[1];
  if (block === undefined) throw new Error('mapToQueryOption not found in the client parser');
  return [...block.matchAll(/^\s*(\w+):/gm)].map((match) => match[1]);
}

/** The keys verifyKeyValuePair handles: its `case "key":` labels. */
function handledKeys(source: string): string[] {
  const body = source.slice(source.indexOf('const verifyKeyValuePair'));
  return [...body.matchAll(/case "(\w+)":/g)].map((match) => match[1]);
}

describe('KurrentDB connection-string options', () => {
  describe('given the client parser installed in node_modules', () => {
    it('when its option map is read, then our list holds exactly its keys', () => {
      expect([...KURRENTDB_OPTIONS].sort()).toEqual(mappedKeys(parserSource).sort());
    });

    it('when the keys it handles are read, then those outside its map are our exact-only ones', () => {
      const mapped = new Set(mappedKeys(parserSource));
      const unmapped = handledKeys(parserSource).filter((key) => !mapped.has(key));
      expect(unmapped.sort()).toEqual([...KURRENTDB_EXACT_OPTIONS].sort());
    });

    it('when it compares keys, then it folds case, _ and - as we do', () => {
      expect(parserSource).toContain(
        'const toflatCase = (str) => str.trim().toLowerCase().replace(/[_-]/g, "");',
      );
    });
  });

  describe('given a key', () => {
    it.each(['tls', 'TLS', 'tls_verify_cert', 'Node-Preference', 'dnsDiscover'])(
      'when it is %s, then the client reads it',
      (key) => expect(isKnownKurrentDbOption(key)).toBe(true),
    );
    it.each(['tsl', 'dnsdiscover', 'password', ''])(
      'when it is "%s", then the client would ignore it',
      (key) => expect(isKnownKurrentDbOption(key)).toBe(false),
    );
  });
});
