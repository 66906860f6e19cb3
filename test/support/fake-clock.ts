import { jest } from '@jest/globals';

/** Fakes only the clock (`Date`): timers, ticks and I/O run as usual. Undo with jest.useRealTimers(). */
export function clockAt(instant: string): void {
  jest.useFakeTimers({
    now: new Date(instant),
    doNotFake: [
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
      'setTimeout',
      'clearTimeout',
    ],
  });
}

/**
 * Fakes only setTimeout and clearTimeout: a timeout fires when the test moves the fake clock
 * on (jest.advanceTimersByTime), not as real time passes; the date, intervals, immediates,
 * ticks and I/O run as usual. Undo with jest.useRealTimers().
 */
export function timeoutsFaked(): void {
  jest.useFakeTimers({
    doNotFake: [
      'Date',
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
    ],
  });
}
