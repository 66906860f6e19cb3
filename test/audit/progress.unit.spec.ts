import { encodePosition } from '../../src/event-store/position.js';
import { duration, estimatedTotal, Progress } from '../../src/audit/progress/progress.js';

class Output {
  text = '';
  constructor(readonly isTTY: boolean) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

describe('Progress of a long run', () => {
  it('rewrites one line on a terminal: done of total, rate and time left', () => {
    const out = new Output(true);
    let now = 0;
    const progress = new Progress({ label: 'verify', out, total: 1_000_000, now: () => now });
    now = 100;
    progress.update(10_000);
    expect(out.text).toBe('');
    now = 2000;
    progress.update(250_000);
    expect(out.text).toBe(
      '\rverify: 250,000 of 1,000,000 events (25.0%), 125,000 events/s, 0:06 left\x1b[K',
    );
    now = 8000;
    progress.finish('intact', 1_000_000);
    expect(
      out.text.endsWith('\rverify: 1,000,000 events in 0:08 (125,000 events/s); intact\x1b[K\n'),
    ).toBe(true);
  });

  it('writes a plain line now and then when the output is not a terminal', () => {
    const out = new Output(false);
    let now = 0;
    const progress = new Progress({ label: 'import', out, now: () => now });
    for (let second = 1; second <= 25; second += 1) {
      now = second * 1000;
      progress.update(second * 1000);
    }
    expect(out.text.split('\n').filter(Boolean)).toEqual([
      'import: 10,000 events, 1,000 events/s',
      'import: 20,000 events, 1,000 events/s',
    ]);
    expect(out.text).not.toContain('\r');
  });

  it('estimates the log’s size from how far through it a position is', () => {
    const at = (n: number) => encodePosition(BigInt(n), BigInt(n));
    expect(estimatedTotal(250, at(250), at(1000))).toBe(1000);
    expect(estimatedTotal(100, at(500), at(1000))).toBe(200);
    expect(estimatedTotal(0, at(0), at(1000))).toBeUndefined();
  });

  it('writes durations as m:ss or h:mm:ss', () => {
    expect(duration(5)).toBe('0:05');
    expect(duration(75)).toBe('1:15');
    expect(duration(3725)).toBe('1:02:05');
  });
});
