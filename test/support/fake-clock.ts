import { jest } from '@jest/globals';

type Faked = 'Date' | 'setTimeout' | 'clearTimeout';

/** Everything jest can fake that these helpers leave real. */
const ALWAYS_REAL = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
] as const;

/** Fakes only `faked`; everything else runs as usual. Undo with jest.useRealTimers(). */
function fakeOnly(faked: readonly Faked[], now?: Date): void {
  const others: Faked[] = (['Date', 'setTimeout', 'clearTimeout'] as const).filter(
    (name) => !faked.includes(name),
  );
  jest.useFakeTimers({ ...(now && { now }), doNotFake: [...ALWAYS_REAL, ...others] });
}

/** Fakes only the clock (`Date`): timers, ticks and I/O run as usual. Undo with jest.useRealTimers(). */
export function clockAt(instant: string): void {
  fakeOnly(['Date'], new Date(instant));
}

/**
 * Fakes only setTimeout and clearTimeout: a timeout fires when the test moves the fake clock
 * on (jest.advanceTimersByTime), not as real time passes; the date, intervals, immediates,
 * ticks and I/O run as usual. Undo with jest.useRealTimers().
 */
export function timeoutsFaked(): void {
  fakeOnly(['setTimeout', 'clearTimeout']);
}
