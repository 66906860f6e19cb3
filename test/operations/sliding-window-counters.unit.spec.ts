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

  it('given the limit reached, when one more comes, then it is blocked until just past the window’s end', () => {
    for (let i = 0; i < 3; i += 1) hit();
    now += 20_000;
    // At the end itself the full window still weighs whole: floor(3 × 1) + 1 = 4.
    expect(hit()).toMatchObject({ isBlocked: true, secondsUntilMoreRoom: 41 });
  });

  it('given the previous window still weighs, when blocked, then it says when its weight has slid down enough', () => {
    for (let i = 0; i < 3; i += 1) hit();
    now += MINUTE + 1_000;
    hit();
    // floor(3 × overlap) + 1 + 1 <= 3 once the overlap is under 2/3: 20 s into the window.
    expect(hit()).toMatchObject({ isBlocked: true, secondsUntilMoreRoom: 20 });
    now += 19_000;
    expect(hit()).toMatchObject({ isBlocked: true });
    now += 1_000;
    expect(hit()).toMatchObject({ isBlocked: false });
  });

  it.each([
    [5, 7_000],
    [10, 2_500],
    [4, 9_000],
    [50, 600],
  ])(
    'given a limit of %i and a request every %i ms, a client that waits Retry-After is let in, and one that comes back a second sooner is not',
    (limit, every) => {
      let refusals = 0;
      for (let step = 0; step < 400; step += 1) {
        now += every;
        const count = hit('steady', limit);
        if (!count.isBlocked) continue;
        refusals += 1;
        const blockedAt = now;
        if (count.secondsUntilMoreRoom > 1) {
          now = blockedAt + (count.secondsUntilMoreRoom - 1) * 1000 - 1;
          expect(hit('steady', limit).isBlocked).toBe(true);
        }
        now = blockedAt + count.secondsUntilMoreRoom * 1000;
        expect(hit('steady', limit).isBlocked).toBe(false);
      }
      expect(refusals).toBeGreaterThan(10);
    },
  );

  describe('when it says when there will be room for one more request', () => {
    /** Requests the key could make at `at`, had it made those at `history` (a fresh copy). */
    const roomAt = (history: readonly number[], at: number, limit: number): number => {
      let replayedNow = 0;
      const copy = new SlidingWindowCounters(() => replayedNow);
      for (const time of history) {
        replayedNow = time;
        copy.increment('copy', MINUTE, limit);
      }
      replayedNow = at;
      const probe = copy.increment('copy', MINUTE, limit);
      return probe.isBlocked ? 0 : limit - probe.totalHits + 1;
    };

    it.each([
      [3, 1_000],
      [5, 7_000],
      [10, 2_500],
      [4, 9_000],
    ])(
      'given a limit of %i and a request every %i ms, then there is that room after those seconds, and not a second sooner',
      (limit, every) => {
        const history: number[] = [];
        for (let step = 0; step < 120; step += 1) {
          now += every;
          history.push(now);
          const count = hit('steady', limit);
          const room = count.isBlocked ? 0 : limit - count.totalHits;
          const after = count.secondsUntilMoreRoom * 1000;
          expect(roomAt(history, now + after - 1000, limit)).toBe(room);
          expect(roomAt(history, now + after, limit)).toBeGreaterThan(room);
        }
      },
    );
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
