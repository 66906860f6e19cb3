import { jest } from '@jest/globals';

import { DemoError, runDemo, serviceUrlFromEnvironment } from '../../scripts/demo.js';

describe('The demo’s ENVOY_URL', () => {
  it('given none, then it talks to http://localhost:3000', () => {
    expect(serviceUrlFromEnvironment({})).toBe('http://localhost:3000');
    expect(serviceUrlFromEnvironment({ ENVOY_URL: '' })).toBe('http://localhost:3000');
  });

  it('given an http or https URL, then it talks to it', () => {
    expect(serviceUrlFromEnvironment({ ENVOY_URL: 'https://ledger.example:8443/' })).toBe(
      'https://ledger.example:8443/',
    );
  });

  it.each(['notaurl', 'localhost:3000', 'ftp://ledger.example'])(
    'given %s, then it says ENVOY_URL is not a URL of the service, as a configuration error',
    (url) => {
      const refusal = () => serviceUrlFromEnvironment({ ENVOY_URL: url });
      expect(refusal).toThrow(DemoError);
      expect(refusal).toThrow(`ENVOY_URL is not a URL of the service: "${url}"`);
    },
  );

  it.each(['http//u:secret@localhost:4740', 'http://u:p@secret@[bad', 'http://u:se/cret@[bad'])(
    'given %s, not a URL but maybe holding a password, then it says so without repeating any of it',
    (url) => {
      const refusal = () => serviceUrlFromEnvironment({ ENVOY_URL: url });
      expect(refusal).toThrow('ENVOY_URL is not a URL of the service; set it to');
      expect(refusal).not.toThrow(/secret|cret|@/);
    },
  );

  it.each([
    'http://u:secret@localhost:4740',
    'https://u:secret@ledger.example/prefix/',
    'http://secret@localhost:4740',
    'ftp://u:secret@ledger.example',
  ])(
    'given %s, then it refuses a user name or password as a configuration error, without repeating them',
    (url) => {
      const refusal = () => serviceUrlFromEnvironment({ ENVOY_URL: url });
      expect(refusal).toThrow(DemoError);
      expect(refusal).toThrow('ENVOY_URL must not carry a user name or password');
      expect(refusal).not.toThrow(/secret/);
    },
  );

  it.each([
    'http://localhost:4740/?x=1',
    'http://localhost:4740/#frag',
    'http://localhost:4740?',
    'http://localhost:4740/prefix#',
  ])('given %s, then it refuses a query or a fragment as a configuration error', (url) => {
    const refusal = () => serviceUrlFromEnvironment({ ENVOY_URL: url });
    expect(refusal).toThrow(DemoError);
    expect(refusal).toThrow(`ENVOY_URL must not have a query or a fragment: "${url}"`);
  });

  describe('given a path prefix (a reverse proxy)', () => {
    afterEach(() => jest.restoreAllMocks());

    it.each(['http://ledger.example/prefix', 'http://ledger.example/prefix/'])(
      'when the demo runs against %s, then its requests go under the prefix',
      async (baseUrl) => {
        expect(serviceUrlFromEnvironment({ ENVOY_URL: baseUrl })).toBe(baseUrl);
        const requested: string[] = [];
        jest.spyOn(globalThis, 'fetch').mockImplementation((input) => {
          requested.push(String(input));
          // Healthy, then a refusal that ends the demo at its first command.
          return Promise.resolve(
            new Response('{}', { status: requested.length === 1 ? 200 : 500 }),
          );
        });
        await expect(runDemo({ baseUrl, token: 'staff-token', log: () => {} })).rejects.toThrow(
          DemoError,
        );
        expect(requested).toEqual([
          'http://ledger.example/prefix/health',
          'http://ledger.example/prefix/api/meetings',
        ]);
      },
    );
  });
});
