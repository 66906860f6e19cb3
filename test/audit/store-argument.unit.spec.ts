import { describeStore } from '../../src/audit/cli/store-argument.js';

describe('How the audit tools name a store', () => {
  it('names a file by its path and a KurrentDB URL without its user and password', () => {
    expect(describeStore({ kind: 'sqlite', file: '/data/events.sqlite', durability: 'full' })).toBe(
      '/data/events.sqlite',
    );
    for (const url of [
      'kurrentdb://admin:changeit@node1:2113?tls=false',
      'kurrentdb://admin:s3cr/et@node1:2113?tls=false',
    ]) {
      const named = describeStore({ kind: 'kurrentdb', connectionString: url });
      expect(named).toBe('kurrentdb://…@node1:2113?tls=false');
    }
  });
});
