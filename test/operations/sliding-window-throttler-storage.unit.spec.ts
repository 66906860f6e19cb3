import { SlidingWindowThrottlerStorage } from '../../src/operations/sliding-window-throttler-storage.js';

const MINUTE = 60_000;

describe('The rate limit’s sliding-window counter', () => {
  let now: number;
  let storage: SlidingWindowThrottlerStorage;
  const hit = (key = 'default:clerk', limit = 3) => storage.increment(key, MINUTE, limit);

  beforeEach(() => {
    now = 1_000_000;
    storage = new SlidingWindowThrottlerStorage(() => now);
  });

  it('given fewer requests than the limit in a window, then none is blocked', async () => {
    for (let i = 1; i <= 3; i += 1) {
      expect(await hit()).toMatchObject({ totalHits: i, isBlocked: false, timeToBlockExpire: 0 });
    }
  });

  it('given the limit reached, when one more comes, then it is blocked with the seconds left in the window', async () => {
    for (let i = 0; i < 3; i += 1) await hit();
    now += 20_000;
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 40 });
  });

  it('counts each token on its own', async () => {
    for (let i = 0; i < 3; i += 1) await hit('default:clerk');
    expect(await hit('default:auditor')).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('given a full window just ended, then the previous window still weighs on the next one', async () => {
    for (let i = 0; i < 3; i += 1) await hit();
    now += MINUTE + 1_000; // 59 of its 60 s still overlap: floor(3 × 0.98) + 1 = 3
    expect(await hit()).toMatchObject({ isBlocked: false, totalHits: 3 });
    expect(await hit()).toMatchObject({ isBlocked: true });
    now += 30_000; // 29 s overlap: floor(3 × 0.48) + 1 (this window) + 1 = 3
    expect(await hit()).toMatchObject({ isBlocked: false, totalHits: 3 });
  });

  it('given two windows of silence, then the allowance is whole again', async () => {
    for (let i = 0; i < 3; i += 1) await hit();
    now += 2 * MINUTE + 1;
    expect(await hit()).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('does not count refused requests, so a client that backs off is let in again', async () => {
    for (let i = 0; i < 3; i += 1) await hit();
    for (let i = 0; i < 100; i += 1) await hit();
    now += 2 * MINUTE;
    expect(await hit()).toMatchObject({ isBlocked: false });
  });
});
