import { DemoError, serviceUrlFromEnvironment } from '../../scripts/demo.js';

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
});
