import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('Configuration', () => {
  describe('when nothing is set', () => {
    it('listens on 3000 and stores events in ./data/events.sqlite with full durability', () => {
      const config = loadConfig({});
      expect(config.port).toBe(3000);
      expect(config.dataDir).toMatch(/\/data$/);
      expect(config.store).toEqual({
        kind: 'sqlite',
        file: expect.stringMatching(/\/data\/events\.sqlite$/),
        durability: 'full',
      });
    });
  });

  describe('when EVENTSTORE_URL is a KurrentDB connection string', () => {
    it.each([
      'kurrentdb://localhost:2113?tls=false',
      'esdb://a:2113,b:2113?tls=false',
      'kurrent://localhost:2113?tls=false',
      'kdb+discover://cluster.example:2113',
    ])('selects the KurrentDB store for %s', (url) => {
      expect(loadConfig({ EVENTSTORE_URL: url }).store).toEqual({
        kind: 'kurrentdb',
        connectionString: url,
      });
    });
  });

  describe('when a value is bad', () => {
    it.each([
      ['PORT', 'abc'],
      ['PORT', '0'],
      ['PORT', '70000'],
      ['PORT', '3000x'],
      ['EVENTSTORE_URL', 'http://localhost:2113'],
      ['EVENTSTORE_URL', 'postgres://x'],
      ['EVENTSTORE_URL', 'eventstore://localhost:2113?tls=false'],
      ['EVENTSTORE_URL', 'KurrentDB://localhost:2113?tls=false'],
      ['DURABILITY', 'fast'],
      ['EVENTSTORE_URL', 'kurrentdb://host:99999'],
      ['EVENTSTORE_URL', 'kurrentdb://a:2113,b:0?tls=false'],
      ['EVENTSTORE_URL', 'kurrentdb://a:2113?tls=false&throwOnAppendFailure=false'],
      ['HOST', 'bad host'],
      ['HOST', '999.1.1.1'],
      ['HOST', '10.0.0'],
      ['HOST', '[::1]'],
      ['HOST', ':::'],
      ['HOST', '-x'],
      ['HOST', 'x-'],
      ['HOST', 'a..b'],
      ['HOST', 'host_name'],
      ['HOST', `${'a'.repeat(64)}.example`],
      ['HOST', `${'a'.repeat(63)}.`.repeat(4) + 'example'],
      ['TIME_ZONE', 'Mars/Olympus_Mons'],
      ['TIME_ZONE', '+09:00'],
      ['TIME_ZONE', 'KST'],
    ])('refuses %s=%s naming the variable', (variable, value) => {
      const attempt = () => loadConfig({ [variable]: value });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(new RegExp(`^${variable}: `));
    });
  });

  describe('when HOST is an address or a host name', () => {
    it.each([
      '127.0.0.1',
      '0.0.0.0',
      '::',
      '::1',
      'fe80::1',
      'localhost',
      'api-1.example.org',
      'a',
      `${'a'.repeat(63)}.example`,
    ])('then HOST=%s is accepted', (host) => {
      expect(loadConfig({ HOST: host }).host).toBe(host);
    });
  });

  it('judges dates in UTC unless TIME_ZONE names an IANA zone', () => {
    expect(loadConfig({}).timeZone).toBe('UTC');
    expect(loadConfig({ TIME_ZONE: ' ' }).timeZone).toBe('UTC');
    expect(loadConfig({ TIME_ZONE: 'Asia/Seoul' }).timeZone).toBe('Asia/Seoul');
    expect(loadConfig({ TIME_ZONE: ' America/Havana ' }).timeZone).toBe('America/Havana');
  });

  it('accepts DURABILITY=relaxed', () => {
    expect(loadConfig({ DURABILITY: 'relaxed' }).store).toMatchObject({ durability: 'relaxed' });
  });
});

describe('AUTH_TOKENS', () => {
  it('reads name:role:token entries', () => {
    const config = loadConfig({
      AUTH_TOKENS: 'ana:staff:aaaaaaaaaaaaaaaa1, bo:viewer:bbbbbbbbbbbbbbbb2',
    });
    expect(config.authTokens).toEqual([
      { name: 'ana', role: 'staff', token: 'aaaaaaaaaaaaaaaa1' },
      { name: 'bo', role: 'viewer', token: 'bbbbbbbbbbbbbbbb2' },
    ]);
  });

  it('leaves tokens to be generated when unset', () => {
    expect(loadConfig({}).authTokens).toBeUndefined();
  });

  it.each([
    ['ana:staff', 'entry 1 must be name:role:token'],
    [
      'ana:boss:aaaaaaaaaaaaaaaa1',
      'entry 1 has an unknown role: use one of staff, auditor, viewer, admin',
    ],
    ['ana:staff:short', 'entry 1 has an invalid token: 16 to 512 printable characters'],
    [
      'ana:staff:aaaaaaaaaaaaaaaa1,ana:viewer:bbbbbbbbbbbbbbbb2',
      'names must be unique: entry 1 and entry 2 share one',
    ],
    [
      'ana:staff:aaaaaaaaaaaaaaaa1,bo:viewer:aaaaaaaaaaaaaaaa1',
      'tokens must be unique: entry 1 and entry 2 share one',
    ],
  ])('refuses %s', (value, message) => {
    expect(() => loadConfig({ AUTH_TOKENS: value })).toThrow(`AUTH_TOKENS: ${message}`);
  });

  describe('given a token with a colon in it', () => {
    it('when read, then the entry is split on its first two colons and the rest is the token', () => {
      expect(loadConfig({ AUTH_TOKENS: 'a:staff:abc:defghijklmnopqrs' }).authTokens).toEqual([
        { name: 'a', role: 'staff', token: 'abc:defghijklmnopqrs' },
      ]);
    });
  });

  describe('given a token of 512 characters, then one of 513', () => {
    it('when read, then the first is accepted and the second refused without being repeated', () => {
      const longest = 'k'.repeat(512);
      expect(loadConfig({ AUTH_TOKENS: `ana:staff:${longest}` }).authTokens).toEqual([
        { name: 'ana', role: 'staff', token: longest },
      ]);
      const tooLong = `${'k'.repeat(500)}TOOLONG123456`;
      const refusal = messageOf(() => loadConfig({ AUTH_TOKENS: `ana:staff:${tooLong}` }));
      expect(refusal).toBe(
        'AUTH_TOKENS: entry 1 has an invalid token: 16 to 512 printable characters, no spaces',
      );
    });
  });

  describe('given an entry whose fields are in the wrong order', () => {
    const secret = 'Zq8s3cr3tTokenValue99';
    it.each([
      ['token as role', `alice:${secret}:staff`, 'entry 1 has an unknown role'],
      ['token as name', `${secret}:staff:alice`, 'entry 1 has an invalid token'],
      ['token as name, role as token', `${secret}:alice:staff`, 'entry 1 has an unknown role'],
      [
        'a second entry',
        `ana:staff:aaaaaaaaaaaaaaaa1,staff:${secret}:bo`,
        'entry 2 has an unknown role',
      ],
    ])(
      'when read (%s), then the message names the entry and field and repeats no value',
      (_, value, expected) => {
        const refusal = messageOf(() => loadConfig({ AUTH_TOKENS: value }));
        expect(refusal).toContain(`AUTH_TOKENS: ${expected}`);
        expect(refusal).not.toContain(secret);
        expect(refusal).not.toMatch(/alice|staff:|"bo"/);
      },
    );
  });

  describe('given an entry with a space or nothing in it', () => {
    it.each([
      ['a space inside the token', 'ana:staff:aaaaaaaa aaaaaaaa1', 'entry 1 has an invalid token'],
      ['an empty entry', 'ana:staff:aaaaaaaaaaaaaaaa1,', 'entry 2 must be name:role:token'],
      ['an empty name', ':staff:aaaaaaaaaaaaaaaa1', 'entry 1 has an invalid name'],
    ])('when read (%s), then it is refused', (_, value, expected) => {
      expect(() => loadConfig({ AUTH_TOKENS: value })).toThrow(`AUTH_TOKENS: ${expected}`);
    });
  });
});

describe('EVENTSTORE_URL settings', () => {
  describe('given an option the client knows, in any case and with _ or -', () => {
    it.each([
      'kurrentdb://localhost:2113?tls=false',
      'kurrentdb://localhost:2113?TLS=false&tlsVerifyCert=false',
      'kurrentdb://localhost:2113/?tls_verify_cert=false&node-preference=leader',
      'kurrentdb://admin:changeit@localhost:2113?tls=true&tlsCAFile=%2Fca.crt&connectionName=x',
      'kurrentdb://localhost:2113?keepAliveInterval=10000&keepAliveTimeout=10000&defaultDeadline=5000',
      'kurrentdb+discover://cluster.example:2113?maxDiscoverAttempts=3&discoveryInterval=100&gossipTimeout=5',
      'kurrentdb://localhost:2113?userCertFile=%2Fa.crt&userKeyFile=%2Fa.key&throwOnAppendFailure=true',
      'kurrentdb://localhost:2113?dnsDiscover=false',
    ])('when %s is read, then it is accepted', (url) => {
      expect(loadConfig({ EVENTSTORE_URL: url }).store).toEqual({
        kind: 'kurrentdb',
        connectionString: url,
      });
    });
  });

  describe('given an option the client does not know', () => {
    it.each([
      ['a misspelling', 'kurrentdb://localhost:2113?tsl=false', '"tsl"'],
      [
        'a second, misspelled',
        'kurrentdb://localhost:2113?tls=false&nodePreferense=leader',
        '"nodePreferense"',
      ],
      [
        'dnsDiscover not spelled exactly',
        'kurrentdb://localhost:2113?dnsdiscover=true',
        '"dnsdiscover"',
      ],
    ])('when read (%s), then it is refused naming the option and those known', (_, url, key) => {
      const refusal = messageOf(() => loadConfig({ EVENTSTORE_URL: url }));
      expect(refusal).toMatch(new RegExp(`^EVENTSTORE_URL: unknown option ${key}`));
      expect(refusal).toContain('tls, tlsVerifyCert');
    });
  });

  describe('given a connection string without a host', () => {
    it.each([
      ['kurrentdb://:2113', 'names no host'],
      ['kurrentdb://?tls=false', 'names no host'],
      ['kurrentdb://a:2113,:2114', 'names no host in place 2 of its host list'],
      ['kurrentdb://user:pass@:2113', 'names no host'],
    ])('when %s is read, then it is refused saying so', (url, expected) => {
      expect(() => loadConfig({ EVENTSTORE_URL: url })).toThrow(`EVENTSTORE_URL: ${expected}`);
    });
  });

  it('given credentials, when the string is refused, then the message leaves the password out', () => {
    const refusal = messageOf(() =>
      loadConfig({ EVENTSTORE_URL: 'kurrentdb://admin:hunter2secret@:2113' }),
    );
    expect(refusal).toContain('kurrentdb://…@:2113');
    expect(refusal).not.toContain('hunter2secret');
    for (const url of [
      'kurrentdb://admin:s3cr et@localhost:2113?tls=false',
      'kurrentdb://admin:s3cr@et@localhost:2113?tls=false',
      'admin:s3cret@localhost:2113',
    ]) {
      const message = messageOf(() => loadConfig({ EVENTSTORE_URL: url }));
      expect(message).toMatch(/^EVENTSTORE_URL: /);
      expect(message).not.toContain('s3cr');
    }
  });

  it('given a password with a slash, as the client reads one, then it is accepted', () => {
    const url = 'kurrentdb://envoy:ab/cd+ef==@node1:2113,node2:2113?tls=true';
    expect(loadConfig({ EVENTSTORE_URL: url }).store).toEqual({
      kind: 'kurrentdb',
      connectionString: url,
    });
  });

  it('given a user without a password, then it is refused saying so, as the client would read the user as part of the host', () => {
    expect(() => loadConfig({ EVENTSTORE_URL: 'kurrentdb://envoy@node1:2113' })).toThrow(
      'EVENTSTORE_URL: names a user without a password: write user:password@',
    );
  });

  it('given throwOnAppendFailure=false in any spelling, then it is refused', () => {
    for (const key of ['throwOnAppendFailure', 'throw_on_append_failure', 'THROWONAPPENDFAILURE']) {
      expect(() => loadConfig({ EVENTSTORE_URL: `kurrentdb://a:2113?${key}=false` })).toThrow(
        'EVENTSTORE_URL: must not set throwOnAppendFailure=false',
      );
    }
  });
});

describe('DURABILITY with EVENTSTORE_URL', () => {
  it.each(['full', 'relaxed', 'fast'])(
    'given DURABILITY=%s and a KurrentDB store, when read, then it is refused: the server decides',
    (durability) => {
      expect(() =>
        loadConfig({
          DURABILITY: durability,
          EVENTSTORE_URL: 'kurrentdb://localhost:2113?tls=false',
        }),
      ).toThrow(
        "DURABILITY: applies to the embedded store only; KurrentDB's durability is the server's",
      );
    },
  );

  it('given DURABILITY empty and a KurrentDB store, when read, then it is accepted', () => {
    expect(
      loadConfig({ DURABILITY: '', EVENTSTORE_URL: 'kurrentdb://localhost:2113?tls=false' }).store,
    ).toMatchObject({ kind: 'kurrentdb' });
  });
});

function messageOf(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}
