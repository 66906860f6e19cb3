import { PauseReports } from '../../src/subscriptions/pause-reports.js';

describe('Pause reports of a reader of the log', () => {
  let now: number;
  let lines: string[];
  let reports: PauseReports;

  beforeEach(() => {
    now = 0;
    lines = [];
    reports = new PauseReports({ warn: (line) => lines.push(line) }, () => now);
  });

  const retryEverySecond = (times: number, reason: string) => {
    for (let i = 0; i < times; i += 1) {
      reports.paused('0000000000000002', reason);
      now += 1_000;
    }
  };

  it('given a first pause, then it is said at once, with where and why', () => {
    reports.paused('0000000000000002', 'store unavailable');
    expect(lines).toEqual(['paused at 0000000000000002: store unavailable']);
  });

  it('given the same reason on every retry, then it is said once a minute with how often it came back', () => {
    retryEverySecond(150, 'the stored event mission-x revision 1 cannot be read');
    expect(lines).toEqual([
      'paused at 0000000000000002: the stored event mission-x revision 1 cannot be read',
      'paused at 0000000000000002: the stored event mission-x revision 1 cannot be read (again; 60 pauses for this since the last line)',
      'paused at 0000000000000002: the stored event mission-x revision 1 cannot be read (again; 60 pauses for this since the last line)',
    ]);
  });

  it('given another reason, then it is said at once', () => {
    retryEverySecond(3, 'store unavailable');
    reports.paused('0000000000000003', 'disk full');
    expect(lines).toEqual([
      'paused at 0000000000000002: store unavailable',
      'paused at 0000000000000003: disk full',
    ]);
  });
});
