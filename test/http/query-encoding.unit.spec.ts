import { badlyEncodedParameters } from '../../src/http/query-encoding.js';

describe('Query parameters that are not percent-encoded UTF-8', () => {
  it('names each parameter whose value is not: a byte that starts no UTF-8 sequence, an encoded surrogate, a broken escape', () => {
    expect(badlyEncodedParameters('/api/events?actor=%FF&stream=%ED%A0%80&type=%zz')).toEqual([
      { path: 'actor', message: 'actor must be percent-encoded UTF-8' },
      { path: 'stream', message: 'stream must be percent-encoded UTF-8' },
      { path: 'type', message: 'type must be percent-encoded UTF-8' },
    ]);
  });

  it('names a parameter by its decoded name, or as sent when the name is what is wrong', () => {
    expect(badlyEncodedParameters('/api/events?my+%C3%A9=%C0&%FF=1')).toEqual([
      { path: 'my é', message: 'my é must be percent-encoded UTF-8' },
      { path: '%FF', message: 'the parameter name must be percent-encoded UTF-8' },
    ]);
  });

  it('accepts UTF-8 in any script, plain text, and URLs without a query', () => {
    for (const url of [
      '/api/events?actor=%C3%A9%ED%95%9C&stream=mission-*',
      '/api/events?actor=a+b&limit=10',
      '/api/missions/kr-cu-s%C3%A3o-paulo',
      '/api/events?',
    ]) {
      expect(badlyEncodedParameters(url)).toEqual([]);
    }
  });
});
