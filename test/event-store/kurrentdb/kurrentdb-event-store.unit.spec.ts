import { chainHash } from '../../../src/audit/hash-chain.js';
import type { JsonObject } from '../../../src/shared/json.js';
import {
  DeadlineExceededError,
  UnavailableError,
  WrongExpectedVersionError,
  type JSONEventData,
} from '@kurrent/kurrentdb-client';
import {
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../../../src/event-store/event-store.errors.js';
import type { EventToAppend, RecordedEvent } from '../../../src/event-store/event-store.port.js';
import { KurrentDbEventStore } from '../../../src/event-store/kurrentdb/kurrentdb-event-store.js';
import { fromClientPosition } from '../../../src/event-store/kurrentdb/kurrentdb-position.js';
import { START, type Position } from '../../../src/event-store/position.js';
import { FakeKurrentDbClient, pos, recorded } from './fake-kurrentdb-client.js';
import { batchAppendError, bridgeReadError } from './real-client-errors.js';

const at = (n: number): Position => fromClientPosition(pos(n));

const toAppend = (type: string, data: EventToAppend['data'] = {}): EventToAppend => ({
  id: `11111111-1111-4111-8111-${type.padStart(12, '0').slice(-12)}`,
  type,
  data,
  metadata: { by: 'test' },
});

async function collect(source: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of source) events.push(e);
  return events;
}

const numbers = (events: readonly RecordedEvent[]) => events.map((e) => e.data.n);

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KurrentDbEventStore', () => {
  let client: FakeKurrentDbClient;
  let store: KurrentDbEventStore;

  beforeEach(() => {
    client = new FakeKurrentDbClient();
    store = new KurrentDbEventStore(client, { sleep: async () => undefined });
  });

  describe('appending', () => {
    it('sends the events as JSON events with their ids and the expected stream state', async () => {
      const events = [toAppend('EnvoyAppointed', { envoy: 'Ana' }), toAppend('EnvoyArrived')];
      await store.append('mission-1', events, 4);
      expect(client.appends).toHaveLength(1);
      const [call] = client.appends;
      expect(call.stream).toBe('mission-1');
      expect(call.options).toEqual({ streamState: 4n });
      expect(call.events).toEqual(
        events.map((e): JSONEventData => ({
          id: e.id,
          contentType: 'application/json',
          type: e.type,
          data: e.data,
          metadata: e.metadata,
        })),
      );
    });

    it.each([
      ['no-stream', 'no_stream'],
      ['exists', 'stream_exists'],
      ['any', 'any'],
    ] as const)('passes %s as the stream state %s', async (expected, streamState) => {
      await store.append('mission-1', [toAppend('A')], expected);
      expect(client.appends[0].options).toEqual({ streamState });
    });

    it('returns the next revision as a number and the position of the write', async () => {
      client.appendAnswer = async () => ({
        success: true,
        nextExpectedRevision: 5n,
        position: { commit: 900n, prepare: 880n },
      });
      await expect(store.append('mission-1', [toAppend('A')], 4)).resolves.toEqual({
        nextRevision: 5,
        position: fromClientPosition({ commit: 900n, prepare: 880n }),
      });
    });

    it('links a chained append into the stream’s hash chain before sending it', async () => {
      client.appendAnswer = async () => ({
        success: true,
        nextExpectedRevision: 6n,
        position: { commit: 900n, prepare: 880n },
      });
      const events = [toAppend('EnvoyAppointed', { envoy: 'Ana' }), toAppend('EnvoyArrived')];
      const result = await store.append('mission-1', events, 4, { chain: { prevHash: 'h4' } });
      const sent = client.appends[0].events.map((e) => e.metadata as Record<string, unknown>);
      expect(sent.map((m) => m.prevHash)).toEqual(['h4', sent[0].hash]);
      sent.forEach((metadata, i) => {
        const { type, data } = events[i];
        expect(metadata.hash).toBe(
          chainHash({
            stream: 'mission-1',
            revision: 5 + i,
            type,
            data,
            metadata: metadata as JsonObject,
          }),
        );
      });
      expect(result.lastHash).toBe(sent[1].hash);
    });

    it('reads the position back when the server answers without one', async () => {
      client.log.push(recorded(1, { revision: 0n }), recorded(2, { revision: 1n }));
      client.appendAnswer = async () => ({
        success: true,
        nextExpectedRevision: 1n,
        position: { commit: -1n, prepare: -1n },
      });
      await expect(store.append('mission-1', [toAppend('A')], 'no-stream')).resolves.toEqual({
        nextRevision: 1,
        position: at(2),
      });
    });

    it('refuses an invalid append before calling the server', () => {
      expect(() => store.append('$system', [toAppend('A')], 'any')).toThrow(TypeError);
      expect(() => store.append('mission-1', [], 'any')).toThrow(TypeError);
      expect(() => store.append('mission-1', [toAppend('A')], -1)).toThrow(TypeError);
      expect(client.appends).toHaveLength(0);
    });

    it('reports a conflict as WrongExpectedRevisionError with the actual revision', async () => {
      client.appendAnswer = () =>
        Promise.reject(
          new WrongExpectedVersionError(undefined, {
            streamName: 'mission-1',
            expected: 0n,
            current: 1n,
          }),
        );
      const attempt = store.append('mission-1', [toAppend('A')], 0);
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(attempt).rejects.toMatchObject({ stream: 'mission-1', expected: 0, actual: 1 });
    });

    it('reports a server it cannot reach (raw gRPC code 14) as StoreUnavailableError', async () => {
      client.appendAnswer = () =>
        Promise.reject(Object.assign(new Error('14 UNAVAILABLE: No connection'), { code: 14 }));
      await expect(store.append('mission-1', [toAppend('A')], 'any')).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
    });

    it('sends again, as it was, an append the server timed out on, which it may have written', async () => {
      let answers = 0;
      client.appendAnswer = async () => {
        answers += 1;
        if (answers === 1) throw new DeadlineExceededError();
        return { success: true, nextExpectedRevision: 0n, position: pos(1) };
      };
      const result = await store.append('mission-1', [toAppend('A')], 'no-stream');
      expect(result).toEqual({ nextRevision: 0, position: at(1) });
      expect(client.appends).toHaveLength(2);
      expect(client.appends[1]).toEqual(client.appends[0]);
    });

    it('says the outcome is unknown when every attempt timed out, and repeats no append at any revision', async () => {
      client.appendAnswer = () => Promise.reject(new DeadlineExceededError());
      const numbered = store.append('mission-1', [toAppend('A')], 3);
      await expect(numbered).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(numbered).rejects.toMatchObject({ outcomeUnknown: true });
      expect(client.appends).toHaveLength(3);
      const anyRevision = store.append('mission-2', [toAppend('A')], 'any');
      await expect(anyRevision).rejects.toMatchObject({ outcomeUnknown: true });
      expect(client.appends).toHaveLength(4);
    });

    it('does not repeat an append a server refused unhandled (busy), nor say its outcome is unknown', async () => {
      client.appendAnswer = () => Promise.reject(batchAppendError('Server Is Busy'));
      const attempt = store.append('mission-1', [toAppend('A')], 0);
      await expect(attempt).rejects.toMatchObject({ outcomeUnknown: false });
      expect(client.appends).toHaveLength(1);
    });

    it('reports an append the server did not handle (not ready, busy) as StoreUnavailableError', async () => {
      client.appendAnswer = () => Promise.reject(batchAppendError('Server Is Busy'));
      await expect(store.append('mission-1', [toAppend('A')], 'any')).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
    });
  });

  describe('reading a stream', () => {
    beforeEach(() => {
      for (let n = 0; n < 10; n += 1) client.log.push(recorded(n + 1, { revision: BigInt(n) }));
    });

    it('reads forwards from the first event by default', async () => {
      const events = await collect(store.readStream('mission-1'));
      expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(client.readStreamCalls[0].options).toEqual({
        // From the leader: a follower may not have the last append yet.
        requiresLeader: true,
        direction: 'forwards',
        fromRevision: 'start',
      });
    });

    it('passes fromRevision as a bigint, the direction and maxCount', async () => {
      const events = await collect(
        store.readStream('mission-1', { fromRevision: 5, direction: 'backwards', maxCount: 3 }),
      );
      expect(events.map((e) => e.revision)).toEqual([5, 4, 3]);
      expect(client.readStreamCalls[0].options).toEqual({
        requiresLeader: true,
        direction: 'backwards',
        fromRevision: 5n,
        maxCount: 3,
      });
    });

    it('reads backwards from the last event by default', async () => {
      const events = await collect(
        store.readStream('mission-1', { direction: 'backwards', maxCount: 2 }),
      );
      expect(events.map((e) => e.revision)).toEqual([9, 8]);
      expect(client.readStreamCalls[0].options.fromRevision).toBe('end');
    });

    it('reads nothing forwards from the end, or backwards from the start', async () => {
      expect(await collect(store.readStream('mission-1', { fromRevision: 'end' }))).toEqual([]);
      expect(
        await collect(
          store.readStream('mission-1', { fromRevision: 'start', direction: 'backwards' }),
        ),
      ).toEqual([]);
    });

    it('throws StreamNotFoundError when iterating a stream that does not exist', async () => {
      const events = store.readStream('mission-404');
      await expect(collect(events)).rejects.toBeInstanceOf(StreamNotFoundError);
      await expect(collect(store.readStream('mission-404'))).rejects.toMatchObject({
        stream: 'mission-404',
      });
      await expect(
        collect(store.readStream('mission-404', { fromRevision: 'start', direction: 'backwards' })),
      ).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('throws StoreUnavailableError when the server is unreachable', async () => {
      client.readFailure = new UnavailableError();
      await expect(collect(store.readStream('mission-1'))).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
    });

    it('throws StoreUnavailableError when the bridge says the server failed (Unavailable)', async () => {
      client.readFailure = bridgeReadError(
        'Server-side error: status: Unavailable, message: "Server Is Not Ready"',
      );
      await expect(collect(store.readStream('mission-1'))).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
    });
  });

  describe('reading $all', () => {
    beforeEach(() => {
      client.log.push(
        recorded(1, { streamId: 'mission-1', revision: 0n }),
        recorded(2, { streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' }),
        recorded(3, { streamId: 'mission-2', revision: 0n, type: 'Other' }),
        recorded(4, { streamId: '$$mission-1', type: '$metadata' }),
        recorded(5, { streamId: 'mission-1', revision: 1n }),
        recorded(6, { streamId: '$ce-mission', type: 'Happened' }),
        recorded(7, { streamId: 'mission-2', revision: 1n }),
        recorded(8, { streamId: 'audit-1', revision: 0n }),
      );
    });

    it('reads every non-system event in commit order from the start', async () => {
      expect(numbers(await collect(store.readAll()))).toEqual([1, 3, 5, 7, 8]);
      expect(client.readAllCalls[0]).toMatchObject({
        requiresLeader: true,
        direction: 'forwards',
        fromPosition: 'start',
      });
    });

    it('reads strictly after fromPosition, skipping the event the inclusive read starts on', async () => {
      expect(numbers(await collect(store.readAll({ fromPosition: at(3) })))).toEqual([5, 7, 8]);
      expect(client.readAllCalls[0].fromPosition).toEqual(pos(3));
    });

    it('stops at maxCount', async () => {
      expect(numbers(await collect(store.readAll({ fromPosition: at(1), maxCount: 2 })))).toEqual([
        3, 5,
      ]);
      expect(await collect(store.readAll({ maxCount: 0 }))).toEqual([]);
    });

    it('pages through the log without duplicates or gaps', async () => {
      const paged = new KurrentDbEventStore(client, { pageSize: 2 });
      expect(numbers(await collect(paged.readAll()))).toEqual([1, 3, 5, 7, 8]);
      expect(client.readAllCalls.length).toBeGreaterThan(2);
      expect(client.readAllCalls.every((call) => call.maxCount === 2)).toBe(true);
    });

    it('filters by stream prefix on the server and exactly on our side', async () => {
      const events = await collect(store.readAll({ filter: { streamPrefixes: ['mission-'] } }));
      expect(numbers(events)).toEqual([1, 3, 5, 7]);
      expect(client.readAllCalls[0].filter).toMatchObject({
        filterOn: 'streamName',
        prefixes: ['mission-'],
      });
    });

    it('filters by exact event type, although the server matches types as prefixes', async () => {
      client.log.push(recorded(9, { streamId: 'mission-3', type: 'HappenedAgain' }));
      const events = await collect(store.readAll({ filter: { eventTypes: ['Happened'] } }));
      expect(numbers(events)).toEqual([1, 5, 7, 8]);
      expect(client.readAllCalls[0].filter).toMatchObject({
        filterOn: 'eventType',
        prefixes: ['Happened'],
      });
    });

    it('asks the server to leave system events out when there is no filter', async () => {
      await collect(store.readAll());
      expect(client.readAllCalls[0].filter).toMatchObject({
        filterOn: 'eventType',
        regex: '^[^$].*',
      });
    });
  });

  describe('subscribing to $all', () => {
    it('catches up, then delivers live events as they come', async () => {
      client.log.push(recorded(1), recorded(2));
      const subscription = store.subscribeToAll();
      const iterator = subscription[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toMatchObject({ data: { n: 1 } });
      expect((await iterator.next()).value).toMatchObject({ data: { n: 2 } });
      const live = iterator.next();
      client.subscriptions[0].push({ event: recorded(3) });
      expect((await live).value).toMatchObject({ data: { n: 3 }, position: at(3) });
      await subscription.close();
    });

    it('leaves out system events: $-prefixed types and $-prefixed streams', async () => {
      client.log.push(
        recorded(1),
        recorded(2, { type: '$statsCollected', streamId: '$stats-1' }),
        recorded(3, { type: 'Happened', streamId: '$ce-mission' }),
        recorded(4, { type: '$>', streamId: 'mission-1' }),
        recorded(5),
      );
      // The fake server applies no filter, so only our side can drop them.
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [''] } });
      const iterator = subscription[Symbol.asyncIterator]();
      expect((await iterator.next()).value?.data).toEqual({ n: 1 });
      expect((await iterator.next()).value?.data).toEqual({ n: 5 });
      await subscription.close();
    });

    it('applies the filter on the server and exactly on our side', async () => {
      client.log.push(
        recorded(1, { type: 'Kept' }),
        recorded(2, { type: 'KeptNot' }),
        recorded(3, { type: 'Kept' }),
      );
      const subscription = store.subscribeToAll({ filter: { eventTypes: ['Kept'] } });
      const iterator = subscription[Symbol.asyncIterator]();
      expect((await iterator.next()).value?.data).toEqual({ n: 1 });
      expect((await iterator.next()).value?.data).toEqual({ n: 3 });
      expect(client.subscriptions[0].options.filter).toMatchObject({
        filterOn: 'eventType',
        prefixes: ['Kept'],
      });
      await subscription.close();
    });

    it('starts strictly after fromPosition', async () => {
      client.log.push(recorded(1), recorded(2), recorded(3));
      const subscription = store.subscribeToAll({ fromPosition: at(2) });
      const iterator = subscription[Symbol.asyncIterator]();
      expect((await iterator.next()).value?.position).toBe(at(3));
      expect(client.subscriptions[0].options.fromPosition).toEqual(pos(2));
      await subscription.close();
    });

    it('resubscribes from the last delivered position when the subscription drops', async () => {
      client.log.push(recorded(1), recorded(2));
      const subscription = store.subscribeToAll();
      const iterator = subscription[Symbol.asyncIterator]();
      await iterator.next();
      await iterator.next();
      const first = client.subscriptions[0];
      client.log.push(recorded(3), recorded(4));
      first.fail(new UnavailableError());
      const seen = [(await iterator.next()).value, (await iterator.next()).value];
      expect(seen.map((e) => e?.data)).toEqual([{ n: 3 }, { n: 4 }]);
      expect(client.subscriptions).toHaveLength(2);
      expect(client.subscriptions[1].options.fromPosition).toEqual(pos(2));
      expect(first.unsubscribed).toBe(true);
      await subscription.close();
    });

    it.each([
      [
        'a bridge read failing with Server-side Unavailable',
        () =>
          bridgeReadError('Server-side error: status: Unavailable, message: "Server Is Not Ready"'),
      ],
      ['the connection closing', () => bridgeReadError('Connection is closed.')],
      ['the server not being ready', () => batchAppendError('Server Is Not Ready')],
      ['cluster discovery failing', () => new Error('Failed to discover after 10 attempts.')],
    ])('resubscribes instead of ending on %s', async (_, failure) => {
      client.log.push(recorded(1));
      const subscription = store.subscribeToAll();
      const iterator = subscription[Symbol.asyncIterator]();
      await iterator.next();
      client.log.push(recorded(2));
      client.subscriptions[0].fail(failure());
      expect((await iterator.next()).value?.data).toEqual({ n: 2 });
      expect(client.subscriptions).toHaveLength(2);
      expect(client.subscriptions[1].options.fromPosition).toEqual(pos(1));
      await subscription.close();
    });

    it('ends with a non-transient error instead of resubscribing', async () => {
      const subscription = store.subscribeToAll();
      const iterator = subscription[Symbol.asyncIterator]();
      const pending = iterator.next();
      await tick();
      const fatal = new Error('access denied');
      client.subscriptions[0].fail(fatal);
      await expect(pending).rejects.toBe(fatal);
      expect(client.subscriptions).toHaveLength(1);
    });

    it('pulls from the client subscription only as the consumer pulls', async () => {
      for (let n = 1; n <= 50; n += 1) client.log.push(recorded(n));
      const subscription = store.subscribeToAll();
      const iterator = subscription[Symbol.asyncIterator]();
      await iterator.next();
      await iterator.next();
      expect(client.subscriptions[0].pulls).toBe(2);
      await subscription.close();
    });

    it('ends a pending pull and unsubscribes when closed', async () => {
      const subscription = store.subscribeToAll();
      const iterator = subscription[Symbol.asyncIterator]();
      const pending = iterator.next();
      await tick();
      await subscription.close();
      await expect(pending).resolves.toEqual({ done: true, value: undefined });
      await tick();
      expect(client.subscriptions[0].unsubscribed).toBe(true);
    });
  });

  describe('the head of the log', () => {
    it('is the position of the last non-system event', async () => {
      client.log.push(
        recorded(1),
        recorded(2),
        recorded(3, { streamId: '$stats-1', type: '$statsCollected' }),
      );
      await expect(store.headPosition()).resolves.toBe(at(2));
      expect(client.readAllCalls[0]).toMatchObject({ direction: 'backwards', fromPosition: 'end' });
    });

    it('looks past a run of system events that the server filter lets through', async () => {
      client.log.push(recorded(1));
      for (let n = 2; n < 40; n += 1) client.log.push(recorded(n, { streamId: '$ce-mission' }));
      await expect(store.headPosition()).resolves.toBe(at(1));
    });

    it('is START when the log holds no events of ours', async () => {
      await expect(store.headPosition()).resolves.toBe(START);
      client.log.push(recorded(1, { streamId: '$stats-1', type: '$statsCollected' }));
      await expect(store.headPosition()).resolves.toBe(START);
    });
  });

  describe('ping', () => {
    it('resolves when the server answers', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('rejects with StoreUnavailableError when the server cannot be reached', async () => {
      client.readFailure = new UnavailableError();
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    });

    it('rejects with StoreUnavailableError for any other failure too', async () => {
      client.readFailure = new Error('access denied');
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    });

    it('rejects with StoreUnavailableError when the server does not answer in time', async () => {
      client.readHangs = true;
      const impatient = new KurrentDbEventStore(client, { pingTimeoutMs: 10 });
      await expect(impatient.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });

  describe('closing', () => {
    it('ends open subscriptions and disposes the client', async () => {
      const subscription = store.subscribeToAll();
      const pending = subscription[Symbol.asyncIterator]().next();
      await tick();
      await store.close();
      await expect(pending).resolves.toEqual({ done: true, value: undefined });
      expect(client.disposed).toBe(true);
    });

    it('lets appends in flight be answered before disposing the client', async () => {
      let answer: (result: {
        success: true;
        nextExpectedRevision: bigint;
        position: ReturnType<typeof pos>;
      }) => void = () => undefined;
      client.appendAnswer = () => new Promise((resolve) => (answer = resolve));
      const appended = store.append('mission-1', [toAppend('A')], 'no-stream');
      await tick();
      const closing = store.close();
      await tick();
      expect(client.disposed).toBe(false);
      answer({ success: true, nextExpectedRevision: 0n, position: pos(7) });
      await expect(appended).resolves.toMatchObject({ nextRevision: 0, position: at(7) });
      await closing;
      expect(client.disposed).toBe(true);
    });

    it('disposes the client anyway when an append in flight is not answered in time', async () => {
      store = new KurrentDbEventStore(client, { drainTimeoutMs: 20 });
      client.appendAnswer = () => new Promise(() => undefined);
      void store.append('mission-1', [toAppend('A')], 'no-stream');
      await tick();
      await store.close();
      expect(client.disposed).toBe(true);
    });

    it('refuses work afterwards with StoreUnavailableError', async () => {
      await store.close();
      await expect(store.append('mission-1', [toAppend('A')], 'any')).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      await expect(collect(store.readAll())).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.subscribeToAll()[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      await store.close();
    });
  });

  describe('connecting from a connection string', () => {
    it('accepts kurrentdb:// and the legacy esdb:// without contacting the server', async () => {
      const warn = console.warn;
      console.warn = () => undefined;
      try {
        for (const url of [
          'kurrentdb://localhost:2113?tls=false',
          'kurrent://localhost:2113?tls=false',
          'kdb+discover://localhost:2113?tls=false',
          'esdb://localhost:2113?tls=false',
        ]) {
          const connected = KurrentDbEventStore.fromConnectionString(url);
          expect(connected).toBeInstanceOf(KurrentDbEventStore);
          await connected.close();
        }
      } finally {
        console.warn = warn;
      }
    });

    it('refuses anything else', () => {
      expect(() => KurrentDbEventStore.fromConnectionString('http://localhost:2113')).toThrow(
        TypeError,
      );
      expect(() => KurrentDbEventStore.fromConnectionString('')).toThrow(TypeError);
      expect(() => KurrentDbEventStore.fromConnectionString('eventstore://a:2113')).toThrow(
        TypeError,
      );
      expect(() => KurrentDbEventStore.fromConnectionString('KURRENTDB://a:2113')).toThrow(
        TypeError,
      );
    });
  });
});
