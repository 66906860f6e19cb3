import { randomUUID } from 'node:crypto';
import {
  AppendTooLargeError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../../src/event-store/event-store.errors.js';
import type {
  EventStore,
  EventToAppend,
  RecordedEvent,
  Subscription,
} from '../../src/event-store/event-store.port.js';
import { comparePositions, START, type Position } from '../../src/event-store/position.js';
import { chainHash } from '../../src/audit/hash-chain.js';

export interface StoreUnderTest {
  readonly store: EventStore;
  readonly dispose: () => Promise<void>;
}

export interface ContractOptions {
  /**
   * The store may refuse an append over a size limit it is configured with (KurrentDB's
   * MaxAppendSize, 1 MiB on a stock server): the 1 MiB payload case then accepts a refusal
   * naming a limit below the payload, with nothing stored, instead of a round trip.
   */
  readonly mayLimitAppendSize?: boolean;
}

/**
 * The behaviour every EventStore adapter must have. Each case writes to streams of
 * its own (a fresh prefix), so the suite also runs against a shared server.
 */
export function eventStoreContract(
  open: () => Promise<StoreUnderTest>,
  options: ContractOptions = {},
): void {
  let subject: StoreUnderTest;
  let store: EventStore;
  let prefix: string;

  beforeAll(async () => {
    subject = await open();
    store = subject.store;
  });
  afterAll(async () => {
    await subject.dispose();
  });
  beforeEach(() => {
    prefix = `contract${randomUUID().replaceAll('-', '')}-`;
  });

  const stream = (name: string) => `${prefix}${name}`;

  describe('appending', () => {
    it('starts a new stream at revision 0 and returns the position of the event', async () => {
      const result = await store.append(stream('a'), [event('Happened')], 'no-stream');
      expect(result.nextRevision).toBe(0);
      const [recorded] = await collect(store.readStream(stream('a')));
      expect(recorded.position).toBe(result.position);
      expect(recorded.revision).toBe(0);
    });

    it('appends several events atomically and returns the last revision', async () => {
      await store.append(stream('a'), [event('A')], 'no-stream');
      const result = await store.append(stream('a'), [event('B'), event('C')], 0);
      expect(result.nextRevision).toBe(2);
      const events = await collect(store.readStream(stream('a')));
      expect(events.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      expect(events[2].position).toBe(result.position);
    });

    it('refuses a stale expected revision and reports the actual one', async () => {
      await store.append(stream('a'), [event('A'), event('B')], 'no-stream');
      const attempt = store.append(stream('a'), [event('C')], 0);
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(attempt).rejects.toMatchObject({ actual: 1 });
      expect(await collect(store.readStream(stream('a')))).toHaveLength(2);
    });

    it('honours no-stream, exists and any', async () => {
      await expect(store.append(stream('a'), [event('A')], 'exists')).rejects.toMatchObject({
        actual: 'no-stream',
      });
      await store.append(stream('a'), [event('A')], 'any');
      await expect(store.append(stream('a'), [event('B')], 'no-stream')).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      await expect(store.append(stream('a'), [event('B')], 'exists')).resolves.toMatchObject({
        nextRevision: 1,
      });
    });

    it('lets exactly one of many concurrent appends with the same expected revision win', async () => {
      await store.append(stream('race'), [event('Start')], 'no-stream');
      const attempts = await Promise.allSettled(
        Array.from({ length: 20 }, () => store.append(stream('race'), [event('Raced')], 0)),
      );
      const won = attempts.filter((a) => a.status === 'fulfilled');
      const lost = attempts.filter((a) => a.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const l of lost) {
        expect((l as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      }
      expect(await collect(store.readStream(stream('race')))).toHaveLength(2);
    });

    it('never lets a refused append fail the appends committed beside it', async () => {
      await store.append(stream('b'), [event('Start')], 'no-stream');
      const [good, refused, other] = await Promise.allSettled([
        store.append(stream('a'), [event('A')], 'no-stream'),
        store.append(stream('b'), [event('B')], 5),
        store.append(stream('c'), [event('C')], 'any'),
      ]);
      expect(good.status).toBe('fulfilled');
      expect(refused.status).toBe('rejected');
      expect(other.status).toBe('fulfilled');
    });

    it('treats a re-append of the same event ids as a no-op returning the original result', async () => {
      const events = [event('A'), event('B')];
      const first = await store.append(stream('a'), events, 'no-stream');
      const retried = await store.append(stream('a'), events, 'no-stream');
      expect(retried).toEqual(first);
      expect(await collect(store.readStream(stream('a')))).toHaveLength(2);
    });

    it('links chained appends into the stream’s hash chain, as audit verify recomputes it', async () => {
      const first = await store.append(stream('a'), [event('A'), event('B')], 'no-stream', {
        chain: { prevHash: null },
      });
      const second = await store.append(stream('a'), [event('C')], 1, {
        chain: { prevHash: first.lastHash ?? null },
      });
      const recorded = await collect(store.readStream(stream('a')));
      expect(recorded.map((e) => e.metadata.prevHash)).toEqual([
        null,
        recorded[0].metadata.hash,
        recorded[1].metadata.hash,
      ]);
      for (const e of recorded) {
        const { stream: name, revision, type, data, metadata } = e;
        expect(metadata.hash).toBe(chainHash({ stream: name, revision, type, data, metadata }));
      }
      expect(first.lastHash).toBe(recorded[1].metadata.hash);
      expect(second.lastHash).toBe(recorded[2].metadata.hash);
    });

    it('refuses to chain an append whose revision it cannot know (a programming error)', () => {
      expect(() =>
        store.append(stream('a'), [event('A')], 'any', { chain: { prevHash: null } }),
      ).toThrow(TypeError);
    });
  });

  describe('reading a stream', () => {
    it('throws StreamNotFoundError for a stream that does not exist', async () => {
      await expect(collect(store.readStream(stream('missing')))).rejects.toBeInstanceOf(
        StreamNotFoundError,
      );
    });

    it('reads a 10,000-event stream forwards, backwards and from a revision', async () => {
      const total = 10_000;
      for (let revision = -1; revision < total - 1; revision += 500) {
        const batch = Array.from({ length: 500 }, (_, i) =>
          event('Counted', { n: revision + 1 + i }),
        );
        await store.append(stream('long'), batch, revision === -1 ? 'no-stream' : revision);
      }
      let expected = 0;
      for await (const e of store.readStream(stream('long'))) {
        expect(e.revision).toBe(expected);
        expect(e.data).toEqual({ n: expected });
        expected += 1;
      }
      expect(expected).toBe(total);
      const lastTen = await collect(
        store.readStream(stream('long'), { direction: 'backwards', maxCount: 10 }),
      );
      expect(lastTen.map((e) => e.revision)).toEqual(
        Array.from({ length: 10 }, (_, i) => total - 1 - i),
      );
      const fromMiddle = await collect(
        store.readStream(stream('long'), { fromRevision: 5_000, maxCount: 3 }),
      );
      expect(fromMiddle.map((e) => e.revision)).toEqual([5_000, 5_001, 5_002]);
    }, 60_000);

    it('keeps unicode and 1 MiB payloads intact', async () => {
      const text = 'Сеул · 서울 · La Habana · 🇰🇷🇨🇺 · \u0000 control \u2028 separators';
      const big = 'x'.repeat(1024 * 1024);
      const appended = store.append(
        stream('payload'),
        [event('Unicode', { text }, { note: text }), event('Big', { big })],
        'no-stream',
      );
      if (options.mayLimitAppendSize) {
        const refusal = await appended.then(
          () => undefined,
          (error: unknown) => error,
        );
        if (refusal !== undefined) {
          // A server with its default limit: the refusal names a limit the payload is over.
          expect(refusal).toBeInstanceOf(AppendTooLargeError);
          const payloadBytes = Buffer.byteLength(JSON.stringify({ big }));
          // A per-event limit may go unnamed (client 1.3.1 drops it from the refusal).
          const { maxBytes } = refusal as AppendTooLargeError;
          if (maxBytes !== undefined) expect(maxBytes).toBeLessThan(payloadBytes);
          await expect(collect(store.readStream(stream('payload')))).rejects.toBeInstanceOf(
            StreamNotFoundError,
          );
          return;
        }
      } else {
        await appended;
      }
      const [unicode, large] = await collect(store.readStream(stream('payload')));
      expect(unicode.data).toEqual({ text });
      expect(unicode.metadata).toEqual({ note: text });
      expect(large.data).toEqual({ big });
    });
  });

  describe('reading $all', () => {
    it('returns events in commit order with ordered positions', async () => {
      const appended: string[] = [];
      for (let i = 0; i < 30; i += 1) {
        const e = event('Ordered', { i });
        appended.push(e.id);
        await store.append(stream(`s${i % 4}`), [e], 'any');
      }
      const read = await collect(store.readAll({ filter: { streamPrefixes: [prefix] } }));
      expect(read.map((e) => e.id)).toEqual(appended);
      expectAscending(read.map((e) => e.position));
    });

    it('reads strictly after fromPosition and stops at maxCount', async () => {
      const results = [];
      for (let i = 0; i < 5; i += 1) {
        results.push(await store.append(stream('x'), [event('E', { i })], 'any'));
      }
      const after = await collect(
        store.readAll({ fromPosition: results[1].position, filter: { streamPrefixes: [prefix] } }),
      );
      expect(after.map((e) => e.data)).toEqual([{ i: 2 }, { i: 3 }, { i: 4 }]);
      const limited = await collect(
        store.readAll({
          fromPosition: results[1].position,
          maxCount: 1,
          filter: { streamPrefixes: [prefix] },
        }),
      );
      expect(limited.length).toBeLessThanOrEqual(1);
    });

    it('filters by event type', async () => {
      await store.append(
        stream('f'),
        [event('Kept'), event('Dropped'), event('Kept')],
        'no-stream',
      );
      const read = await collect(
        store.readAll({ filter: { streamPrefixes: [prefix], eventTypes: ['Kept'] } }),
      );
      expect(read.map((e) => e.type)).toEqual(['Kept', 'Kept']);
    });

    it('reports the head position of the log', async () => {
      const result = await store.append(stream('h'), [event('Last')], 'no-stream');
      expect(comparePositions(await store.headPosition(), result.position)).toBeGreaterThanOrEqual(
        0,
      );
    });
  });

  describe('subscribing to $all', () => {
    it('catches up, then goes live with no gap and no duplicate under concurrent appends', async () => {
      const before = 200;
      const during = 300;
      for (let i = 0; i < before; i += 10) {
        await store.append(
          stream(`w${i % 3}`),
          Array.from({ length: 10 }, (_, j) => event('Numbered', { n: i + j })),
          'any',
        );
      }
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
      const writing = (async () => {
        for (let n = before; n < before + during; n += 1) {
          await store.append(stream(`w${n % 3}`), [event('Numbered', { n })], 'any');
        }
      })();
      const seen = await take(subscription, before + during);
      await writing;
      await subscription.close();
      expect(seen.map((e) => e.data.n)).toEqual(
        Array.from({ length: before + during }, (_, n) => n),
      );
      expectAscending(seen.map((e) => e.position));
    }, 60_000);

    it('resumes strictly after any position it handed out', async () => {
      for (let i = 0; i < 10; i += 1) await store.append(stream('r'), [event('E', { i })], 'any');
      const first = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
      const firstFour = await take(first, 4);
      await first.close();
      const resumed = store.subscribeToAll({
        fromPosition: firstFour[3].position,
        filter: { streamPrefixes: [prefix] },
      });
      const rest = await take(resumed, 6);
      await resumed.close();
      expect(rest.map((e) => e.data.i)).toEqual([4, 5, 6, 7, 8, 9]);
    });

    it('serves a slow subscriber everything in order while writers carry on', async () => {
      const total = 100;
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
      const writing = (async () => {
        for (let n = 0; n < total; n += 1) {
          await store.append(stream('slow'), [event('E', { n })], n === 0 ? 'no-stream' : n - 1);
        }
      })();
      const seen: RecordedEvent[] = [];
      for await (const e of subscription) {
        seen.push(e);
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (seen.length === total) break;
      }
      await writing;
      await subscription.close();
      expect(seen.map((e) => e.data.n)).toEqual(Array.from({ length: total }, (_, n) => n));
    }, 30_000);

    it('ends a pending pull when closed', async () => {
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
      const iterator = subscription[Symbol.asyncIterator]();
      const pending = iterator.next();
      await subscription.close();
      await expect(pending).resolves.toMatchObject({ done: true });
    });
  });
}

export function event(
  type: string,
  data: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
): EventToAppend {
  return {
    id: randomUUID(),
    type,
    data: data as EventToAppend['data'],
    metadata: metadata as EventToAppend['metadata'],
  };
}

export async function collect(source: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of source) events.push(e);
  return events;
}

async function take(subscription: Subscription, count: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  if (count === 0) return events;
  for await (const e of subscription) {
    events.push(e);
    if (events.length === count) break;
  }
  return events;
}

function expectAscending(positions: readonly Position[]): void {
  positions.reduce((previous, current) => {
    expect(comparePositions(previous, current)).toBeLessThan(0);
    return current;
  }, START);
}
