import { SlidingWindowCounters } from '../../src/operations/sliding-window-counters.js';

const MINUTE = 60_000;

describe('The rate limit’s sliding-window counter', () => {
  let now: number;
  let storage: SlidingWindowCounters;
  const hit = (key = 'clerk', limit = 3) => storage.increment(key, MINUTE, limit);

  beforeEach(() => {
    now = 1_000_000;
    storage = new SlidingWindowCounters(() => now);
  });

  it('given fewer requests than the limit in a window, then none is blocked', () => {
    for (let i = 1; i <= 3; i += 1) {
      expect(hit()).toMatchObject({ totalHits: i, isBlocked: false });
    }
  });

  it('given the limit reached, when one more comes, then it is blocked with the seconds left in the window', () => {
    for (let i = 0; i < 3; i += 1) hit();
    now += 20_000;
    expect(hit()).toMatchObject({ isBlocked: true, timeToExpire: 40 });
  });

  it('counts each token on its own', () => {
    for (let i = 0; i < 3; i += 1) hit('clerk');
    expect(hit('auditor')).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('given a full window just ended, then the previous window still weighs on the next one', () => {
    for (let i = 0; i < 3; i += 1) hit();
    now += MINUTE + 1_000; // 59 of its 60 s still overlap: floor(3 × 0.98) + 1 = 3
    expect(hit()).toMatchObject({ isBlocked: false, totalHits: 3 });
    expect(hit()).toMatchObject({ isBlocked: true });
    now += 30_000; // 29 s overlap: floor(3 × 0.48) + 1 (this window) + 1 = 3
    expect(hit()).toMatchObject({ isBlocked: false, totalHits: 3 });
  });

  it('given two windows of silence, then the allowance is whole again', () => {
    for (let i = 0; i < 3; i += 1) hit();
    now += 2 * MINUTE + 1;
    expect(hit()).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('does not count refused requests, so a client that backs off is let in again', () => {
    for (let i = 0; i < 3; i += 1) hit();
    for (let i = 0; i < 100; i += 1) hit();
    now += 2 * MINUTE;
    expect(hit()).toMatchObject({ isBlocked: false });
  });
});
