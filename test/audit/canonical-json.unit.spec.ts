import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { canonicalJson } from '../../src/audit/canonical-json.js';
import { chainHash, chainLink, chainText } from '../../src/audit/hash-chain.js';
import type { JsonObject } from '../../src/shared/json.js';

const SAMPLES: unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  1e21,
  1e-7,
  123.456,
  -42,
  Number.MAX_SAFE_INTEGER,
  '',
  'plain',
  'quote " and backslash \\',
  'control \u0000\u0001\u001f tab\t newline\n',
  'line sep \u2028 para \u2029 del \u007f',
  'emoji 😀 and 東京 and é',
  [],
  [1, 'two', null, [3, { b: 1, a: 2 }]],
  {},
  { b: 1, a: 2, c: { z: [], y: {} } },
  { '10': 'ten', '9': 'nine', a: 'letter', A: 'capital', é: 'accent', '': 'empty' },
  { 'z\u0000': 1, z: 2, '😀': 3, '\uffff': 4 },
];

describe('Canonical JSON (RFC 8785)', () => {
  it('writes exactly what the canonicalize package writes', () => {
    for (const sample of SAMPLES) {
      expect({ sample, text: canonicalJson(sample) }).toEqual({
        sample,
        text: canonicalize(sample),
      });
    }
  });

  it('refuses what JSON cannot hold, as canonicalize does', () => {
    expect(() => canonicalJson('lone \ud800 surrogate')).toThrow(/lone surrogate/);
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow();
  });

  it('leaves one top-level key out when asked', () => {
    expect(canonicalJson({ hash: 'x', b: 1, a: { hash: 'kept' } }, 'hash')).toBe(
      '{"a":{"hash":"kept"},"b":1}',
    );
  });
});

describe('The hash chain', () => {
  const event = {
    stream: 'mission-kr-cu-havana',
    revision: 3,
    type: 'TemporaryOfficeOpened',
    data: {
      missionId: 'kr-cu-havana',
      openedOn: '2024-06-28',
      address: 'Miramar',
      occurredOn: '2024-06-28',
    },
    metadata: {
      recordedAt: '2024-12-01T09:00:00.000Z',
      actor: 'test-staff',
      schemaVersion: 1,
    } as JsonObject,
  };

  it('hashes the canonical form of stream, revision, type, data, metadata without hash, and prevHash', () => {
    const metadata = chainLink(event, 'a'.repeat(64));
    const { hash, ...rest } = metadata;
    const expected = createHash('sha256')
      .update(
        canonicalize({
          stream: event.stream,
          revision: event.revision,
          type: event.type,
          data: event.data,
          metadata: rest,
          prevHash: 'a'.repeat(64),
        }) ?? '',
      )
      .digest('hex');
    expect(hash).toBe(expected);
    expect(chainHash({ ...event, metadata })).toBe(expected);
    expect(chainText({ ...event, metadata })).toBe(
      canonicalize({ ...event, metadata: rest, prevHash: 'a'.repeat(64) }),
    );
  });

  it('starts a stream with prevHash null, and changes with any field', () => {
    const first = chainLink({ ...event, revision: 0 }, null);
    expect(first.prevHash).toBeNull();
    const base = chainHash({ ...event, metadata: first, revision: 0 });
    expect(chainHash({ ...event, metadata: first, revision: 1 })).not.toBe(base);
    expect(chainHash({ ...event, metadata: first, revision: 0, stream: 'mission-other' })).not.toBe(
      base,
    );
    expect(chainHash({ ...event, metadata: { ...first, actor: 'someone' }, revision: 0 })).not.toBe(
      base,
    );
    expect(chainHash({ ...event, metadata: { ...first, hash: 'ignored' }, revision: 0 })).toBe(
      base,
    );
  });
});
