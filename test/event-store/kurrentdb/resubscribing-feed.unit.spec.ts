import { StoreUnavailableError } from '../../../src/event-store/event-store.errors.js';
import { fromClientPosition } from '../../../src/event-store/kurrentdb/kurrentdb-position.js';
import {
  ResubscribingFeed,
  type ResubscribeAttempt,
} from '../../../src/event-store/kurrentdb/resubscribing-feed.js';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
} from '../../../src/event-store/kurrentdb/retry-policy.js';
import { START, type Position } from '../../../src/event-store/position.js';

interface Item {
  readonly n: number;
  readonly position: Position;
}

const at = (n: number): Position =>
  fromClientPosition({ commit: BigInt(n * 100), prepare: BigInt(n * 100) });
const item = (n: number): Item => ({ n, position: at(n) });
const dropped = () => new StoreUnavailableError('connection dropped');

/** A source that yields items then, optionally, fails or never ends. */
async function* source(
  items: readonly number[],
  after: 'end' | 'hang' | { fail: unknown },
  pulled: { count: number } = { count: 0 },
): AsyncGenerator<Item> {
  for (const n of items) {
    pulled.count += 1;
    yield item(n);
  }
  if (typeof after === 'object') throw after.fail;
  if (after === 'hang') await new Promise<never>(() => undefined);
}

/** Records every open() and serves the scripted sources in turn. */
function opener(...sources: ((from: Position) => AsyncIterable<Item>)[]) {
  const opened: Position[] = [];
  return {
    opened,
    open: (from: Position): AsyncIterable<Item> => {
      opened.push(from);
      const next = sources[opened.length - 1];
      if (!next) throw new Error(`unexpected open #${opened.length}`);
      return next(from);
    },
  };
}

/** A sleep that resolves at once and remembers how long it was asked to wait. */
function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

async function take(feed: AsyncIterable<Item>, count: number): Promise<number[]> {
  const seen: number[] = [];
  if (count === 0) return seen;
  for await (const i of feed) {
    seen.push(i.n);
    if (seen.length === count) break;
  }
  return seen;
}

describe('ResubscribingFeed', () => {
  it('delivers what the source yields, in order', async () => {
    const { open } = opener(() => source([1, 2, 3], 'end'));
    const feed = new ResubscribingFeed({ from: START, open });
    expect(await take(feed, 10)).toEqual([1, 2, 3]);
  });

  it('reopens from the last delivered position when the source drops mid-feed', async () => {
    const { opened, open } = opener(
      () => source([1, 2], { fail: dropped() }),
      () => source([3, 4], 'end'),
    );
    const { sleep } = recordingSleep();
    const feed = new ResubscribingFeed({ from: START, open, sleep });
    expect(await take(feed, 4)).toEqual([1, 2, 3, 4]);
    expect(opened).toEqual([START, at(2)]);
  });

  it('delivers nothing twice when the reopened source repeats events up to its start', async () => {
    const { open } = opener(
      () => source([1, 2, 3], { fail: dropped() }),
      () => source([2, 3, 4, 5], 'end'),
    );
    const { sleep } = recordingSleep();
    const feed = new ResubscribingFeed({ from: START, open, sleep });
    expect(await take(feed, 10)).toEqual([1, 2, 3, 4, 5]);
  });

  it('starts strictly after the position it was given', async () => {
    const { opened, open } = opener(() => source([4, 5, 6], 'end'));
    const feed = new ResubscribingFeed({ from: at(4), open });
    expect(await take(feed, 10)).toEqual([5, 6]);
    expect(opened).toEqual([at(4)]);
  });

  it('backs off exponentially while the store stays down, up to the maximum delay', async () => {
    const failing = () => source([], { fail: dropped() });
    const { open } = opener(failing, failing, failing, failing, failing, () => source([1], 'end'));
    const { waits, sleep } = recordingSleep();
    const feed = new ResubscribingFeed({
      from: START,
      open,
      sleep,
      retry: { initialDelayMs: 100, factor: 2, maxDelayMs: 500 },
    });
    expect(await take(feed, 1)).toEqual([1]);
    expect(waits).toEqual([100, 200, 400, 500, 500]);
  });

  it('starts the backoff over once an event gets through again', async () => {
    const { open } = opener(
      () => source([], { fail: dropped() }),
      () => source([1], { fail: dropped() }),
      () => source([2], 'end'),
    );
    const { waits, sleep } = recordingSleep();
    const feed = new ResubscribingFeed({ from: START, open, sleep });
    expect(await take(feed, 2)).toEqual([1, 2]);
    expect(waits).toEqual([100, 100]);
  });

  it('tells onResubscribe why and from where it reopens', async () => {
    const error = dropped();
    const { open } = opener(
      () => source([1], { fail: error }),
      () => source([2], 'end'),
    );
    const attempts: ResubscribeAttempt[] = [];
    const feed = new ResubscribingFeed({
      from: START,
      open,
      sleep: async () => undefined,
      onResubscribe: (a) => attempts.push(a),
    });
    await take(feed, 2);
    expect(attempts).toEqual([{ attempt: 1, delayMs: 100, from: at(1), error }]);
  });

  it('ends with a non-transient error instead of reopening', async () => {
    const fatal = new Error('access denied');
    const { opened, open } = opener(() => source([1], { fail: fatal }));
    const feed = new ResubscribingFeed({ from: START, open, sleep: async () => undefined });
    await expect(feed.next()).resolves.toEqual({ done: false, value: item(1) });
    await expect(feed.next()).rejects.toBe(fatal);
    await expect(feed.next()).resolves.toEqual({ done: true, value: undefined });
    expect(opened).toHaveLength(1);
  });

  it('gives up with the last transient error after the maximum number of attempts', async () => {
    const last = dropped();
    const { opened, open } = opener(
      () => source([], { fail: dropped() }),
      () => source([], { fail: dropped() }),
      () => source([], { fail: last }),
    );
    const feed = new ResubscribingFeed({
      from: START,
      open,
      sleep: async () => undefined,
      retry: { maxAttempts: 2 },
    });
    await expect(feed.next()).rejects.toBe(last);
    expect(opened).toHaveLength(3);
  });

  it('lets a custom predicate decide what is transient', async () => {
    const { opened, open } = opener(
      () => source([1], { fail: new Error('flaky') }),
      () => source([2], 'end'),
    );
    const feed = new ResubscribingFeed({
      from: START,
      open,
      sleep: async () => undefined,
      isTransient: (e) => e instanceof Error && e.message === 'flaky',
    });
    expect(await take(feed, 2)).toEqual([1, 2]);
    expect(opened).toHaveLength(2);
  });

  it('finishes when the source ends, unless told to reopen then', async () => {
    const finite = opener(() => source([1], 'end'));
    expect(await take(new ResubscribingFeed({ from: START, open: finite.open }), 5)).toEqual([1]);

    const live = opener(
      () => source([1], 'end'),
      () => source([2], 'hang'),
    );
    const feed = new ResubscribingFeed({
      from: START,
      open: live.open,
      sleep: async () => undefined,
      reopenWhenEnded: true,
    });
    expect(await take(feed, 2)).toEqual([1, 2]);
    expect(live.opened).toEqual([START, at(1)]);
    await feed.close();
  });

  it('pulls from the source only as fast as the consumer pulls', async () => {
    const pulled = { count: 0 };
    const { open } = opener(() => source([1, 2, 3, 4, 5, 6], 'end', pulled));
    const feed = new ResubscribingFeed({ from: START, open });
    await feed.next();
    await feed.next();
    expect(pulled.count).toBe(2);
    await feed.close();
  });

  describe('closing', () => {
    it('ends a pending pull and releases the source', async () => {
      let released = false;
      const never: AsyncIterable<Item> = {
        [Symbol.asyncIterator]: () => ({
          next: () => new Promise<IteratorResult<Item>>(() => undefined),
          return: async () => {
            released = true;
            return { done: true, value: undefined };
          },
        }),
      };
      const feed = new ResubscribingFeed({ from: START, open: () => never });
      const pending = feed.next();
      await new Promise((resolve) => setImmediate(resolve));
      await feed.close();
      await expect(pending).resolves.toEqual({ done: true, value: undefined });
      expect(released).toBe(true);
    });

    it('ends a pull that is waiting out a backoff', async () => {
      const { open } = opener(() => source([], { fail: dropped() }));
      const feed = new ResubscribingFeed({
        from: START,
        open,
        sleep: () => new Promise<void>(() => undefined),
      });
      const pending = feed.next();
      await new Promise((resolve) => setImmediate(resolve));
      await feed.close();
      await expect(pending).resolves.toEqual({ done: true, value: undefined });
    });

    it('stops the feed for good, also when the consumer breaks out of for await', async () => {
      const { opened, open } = opener(() => source([1, 2, 3], 'hang'));
      const feed = new ResubscribingFeed({ from: START, open });
      expect(await take(feed, 1)).toEqual([1]);
      await expect(feed.next()).resolves.toEqual({ done: true, value: undefined });
      expect(opened).toHaveLength(1);
    });
  });
});

describe('retry policy', () => {
  it('doubles from 100 ms up to 5 s and keeps retrying by default', () => {
    const delays = [1, 2, 3, 6, 7, 20].map((n) => backoffDelay(DEFAULT_RETRY_POLICY, n));
    expect(delays).toEqual([100, 200, 400, 3_200, 5_000, 5_000]);
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBe(Number.POSITIVE_INFINITY);
  });
});
