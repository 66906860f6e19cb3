import { Buffer } from 'node:buffer';
import {
  toJsonObject,
  toRecordedEvent,
} from '../../../src/event-store/kurrentdb/kurrentdb-recorded-event.js';
import { fromClientPosition } from '../../../src/event-store/kurrentdb/kurrentdb-position.js';
import { recorded } from './fake-kurrentdb-client.js';

describe('KurrentDB recorded event mapping', () => {
  it('maps a resolved event to our recorded event', () => {
    const event = recorded(3, {
      streamId: 'mission-7',
      type: 'EnvoyAppointed',
      data: { envoy: 'Ana' },
      metadata: { correlationId: 'c-1' },
      created: new Date('2024-05-06T07:08:09.123Z'),
    });
    expect(toRecordedEvent({ event })).toEqual({
      id: event.id,
      type: 'EnvoyAppointed',
      stream: 'mission-7',
      revision: 3,
      position: fromClientPosition({ commit: 300n, prepare: 300n }),
      data: { envoy: 'Ana' },
      metadata: { correlationId: 'c-1' },
      recordedAt: '2024-05-06T07:08:09.123Z',
    });
  });

  it('turns the bigint revision into a number', () => {
    const mapped = toRecordedEvent({ event: recorded(1, { revision: 9_007_199_254_740_991n }) });
    expect(mapped?.revision).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('parses metadata handed over as bytes (Uint8Array or Buffer)', () => {
    const bytes = new TextEncoder().encode('{"causationId":"x"}');
    expect(toRecordedEvent({ event: recorded(1, { metadata: bytes }) })?.metadata).toEqual({
      causationId: 'x',
    });
    const buffer = Buffer.from('{"a":[1,2]}', 'utf8');
    expect(toRecordedEvent({ event: recorded(1, { metadata: buffer }) })?.metadata).toEqual({
      a: [1, 2],
    });
  });

  it('defaults missing or unreadable metadata to {}', () => {
    expect(toRecordedEvent({ event: recorded(1, { metadata: undefined }) })?.metadata).toEqual({});
    expect(
      toRecordedEvent({ event: recorded(1, { metadata: new Uint8Array([0xff, 0x00]) }) })?.metadata,
    ).toEqual({});
    expect(toJsonObject([1, 2])).toEqual({});
    expect(toJsonObject('not json')).toEqual({});
  });

  it('skips a link whose target event is gone', () => {
    expect(toRecordedEvent({})).toBeUndefined();
  });

  it('refuses an event without a position rather than invent one', () => {
    expect(() => toRecordedEvent({ event: recorded(1, { position: undefined }) })).toThrow(
      /without a usable position/,
    );
    // The server's "no position" written as an unsigned 64-bit -1.
    const none = { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n };
    expect(() => toRecordedEvent({ event: recorded(1, { position: none }) })).toThrow(
      /without a usable position/,
    );
  });
});
