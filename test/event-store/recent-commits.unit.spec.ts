import { CommittedEvent, RecentCommits } from '../../src/event-store/sqlite/recent-commits.js';
import { sequenceToPosition } from '../../src/event-store/sqlite/sequence-position.js';

const committed = (sequence: number, stream = 'mission-a', type = 'Noted') =>
  new CommittedEvent({
    sequence,
    id: `id-${sequence}`,
    type,
    stream,
    revision: sequence,
    position: sequenceToPosition(sequence),
    data: JSON.stringify({ n: sequence }),
    metadata: '{}',
    recordedAt: '2024-06-12T00:00:00.000Z',
  });

const sequencesOf = (answer: ReturnType<RecentCommits['after']>) =>
  answer?.events.map((e) => e.data.n);

describe('Recent commits kept for live subscribers', () => {
  it('given a run 5..8, then a subscriber after 6 gets 7 and 8', () => {
    const recent = new RecentCommits();
    recent.add([5, 6, 7, 8].map((n) => committed(n)));
    expect(sequencesOf(recent.after(6, 100, undefined))).toEqual([7, 8]);
    expect(recent.after(6, 100, undefined)?.upTo).toBe(8);
  });

  it('given a subscriber behind the run, then it is told to read the file', () => {
    const recent = new RecentCommits();
    recent.add([5, 6].map((n) => committed(n)));
    expect(recent.after(3, 100, undefined)).toBeUndefined();
    expect(sequencesOf(recent.after(4, 100, undefined))).toEqual([5, 6]);
  });

  it('given a gap (another process wrote 7), then the run restarts after it', () => {
    const recent = new RecentCommits();
    recent.add([5, 6].map((n) => committed(n)));
    recent.add([8].map((n) => committed(n)));
    expect(recent.after(6, 100, undefined)).toBeUndefined();
    expect(sequencesOf(recent.after(7, 100, undefined))).toEqual([8]);
  });

  it('given nothing newer, then it says so without events', () => {
    const recent = new RecentCommits();
    recent.add([5].map((n) => committed(n)));
    expect(recent.after(5, 100, undefined)).toEqual({ events: [], upTo: 5 });
  });

  it('pages by the limit and filters by type and stream prefix, moving past what it skipped', () => {
    const recent = new RecentCommits();
    recent.add([
      committed(1, 'mission-a', 'Noted'),
      committed(2, 'meeting-b', 'MeetingRecorded'),
      committed(3, 'mission-a', 'MeetingRecorded'),
    ]);
    expect(sequencesOf(recent.after(0, 2, undefined))).toEqual([1, 2]);
    const meetings = recent.after(0, 100, {
      eventTypes: ['MeetingRecorded'],
      streamPrefixes: ['meeting-'],
    });
    expect(sequencesOf(meetings)).toEqual([2]);
    expect(meetings?.upTo).toBe(3);
  });

  it('keeps a bounded run', () => {
    const recent = new RecentCommits(4);
    recent.add(Array.from({ length: 20 }, (_, i) => committed(i + 1)));
    expect(recent.after(0, 100, undefined)).toBeUndefined();
    expect(sequencesOf(recent.after(19, 100, undefined))).toEqual([20]);
  });

  it('parses an event once, however many subscribers take it', () => {
    const event = committed(1);
    expect(event.event).toBe(event.event);
  });
});
