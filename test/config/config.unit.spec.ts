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
      ['TIME_ZONE', 'Mars/Olympus_Mons'],
      ['TIME_ZONE', '+09:00'],
      ['TIME_ZONE', 'KST'],
    ])('refuses %s=%s naming the variable', (variable, value) => {
      const attempt = () => loadConfig({ [variable]: value });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(new RegExp(`^${variable}: `));
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
    ['ana:staff', 'name:role:token'],
    ['ana:boss:aaaaaaaaaaaaaaaa1', 'role'],
    ['ana:staff:short', 'at least 16'],
    ['ana:staff:aaaaaaaaaaaaaaaa1,ana:viewer:bbbbbbbbbbbbbbbb2', 'names must be unique'],
    ['ana:staff:aaaaaaaaaaaaaaaa1,bo:viewer:aaaaaaaaaaaaaaaa1', 'tokens must be unique'],
  ])('refuses %s', (value, message) => {
    expect(() => loadConfig({ AUTH_TOKENS: value })).toThrow(message);
  });
});
