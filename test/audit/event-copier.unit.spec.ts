import type { EventStore, EventToAppend } from '../../src/event-store/event-store.port.js';
import { EventCopier } from '../../src/audit/migrate/event-copier.js';
import type { ExportedEvent } from '../../src/audit/export/exported-event.js';

/** A target that only records the appends it is asked for. */
function recordingTarget() {
  const appends: { stream: string; revisions: number; expected: unknown }[] = [];
  const target = {
    append: (stream: string, events: readonly EventToAppend[], expected: unknown) => {
      appends.push({ stream, revisions: events.length, expected });
      return Promise.resolve({ nextRevision: 0, position: '0' });
    },
  } as unknown as EventStore;
  return { target, appends };
}

const event = (stream: string, revision: number, text = 'x'): ExportedEvent => ({
  stream,
  revision,
  id: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
  type: 'Happened',
  data: { text },
  metadata: {},
});

describe('Copying events to another store', () => {
  it('appends consecutive events of one stream together, up to 100', async () => {
    const { target, appends } = recordingTarget();
    const copier = new EventCopier(target, { maxInFlight: 1 });
    for (let r = 0; r < 250; r += 1) await copier.add(event('mission-a', r));
    await copier.add(event('mission-b', 0));
    await copier.finish();
    expect(appends.map((a) => [a.stream, a.revisions, a.expected])).toEqual([
      ['mission-a', 100, 'no-stream'],
      ['mission-a', 100, 99],
      ['mission-a', 50, 199],
      ['mission-b', 1, 'no-stream'],
    ]);
  });

  it('keeps each append under half of KurrentDB’s 1 MiB limit on one append; a larger event goes alone', async () => {
    const { target, appends } = recordingTarget();
    const copier = new EventCopier(target, { maxInFlight: 1 });
    const large = 'x'.repeat(200 * 1024);
    for (let r = 0; r < 5; r += 1) await copier.add(event('meeting-a', r, large));
    await copier.add(event('meeting-a', 5, 'y'.repeat(700 * 1024)));
    await copier.finish();
    expect(appends.map((a) => a.revisions)).toEqual([2, 2, 1, 1]);
  });
});
