import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { encodePosition } from '../../src/event-store/position.js';
import type { MissionEvent } from '../../src/missions/domain/mission.events.js';
import type { JsonObject } from '../../src/shared/json.js';
import {
  arrived,
  closed,
  dispatched,
  embassyOpened,
  planned,
  resumed,
  suspended,
  temporaryOfficeOpened,
} from './mission.fixtures.js';

function of(missionId: string, city: string, event: MissionEvent): MissionEvent {
  const data = { ...event.data, missionId } as JsonObject;
  return {
    type: event.type,
    data: event.type === 'MissionPlanned' ? { ...data, city } : data,
  } as MissionEvent;
}

/** Histories of a few missions, interleaved the way the log mixes them. */
export function interleavedLog(): RecordedEvent[] {
  const histories: { id: string; city: string; events: MissionEvent[] }[] = [
    {
      id: 'kr-cu-havana',
      city: 'Havana',
      events: [
        planned,
        dispatched('d-1', '2024-06-13'),
        dispatched('d-2', '2024-06-13'),
        arrived('2024-06-15', 'd-1'),
        temporaryOfficeOpened(),
        arrived('2024-06-20', 'd-2'),
        embassyOpened(),
      ],
    },
    {
      id: 'cu-kr-seoul',
      city: 'Seoul',
      events: [planned, dispatched('d-3'), arrived('2024-06-15', 'd-3'), suspended(), resumed()],
    },
    {
      id: 'kr-cu-santiago',
      city: 'Santiago',
      events: [planned, dispatched('d-4'), suspended(), closed()],
    },
  ];
  const log: RecordedEvent[] = [];
  for (let step = 0; histories.some((h) => step < h.events.length); step += 1) {
    for (const { id, city, events } of histories) {
      if (step >= events.length) continue;
      const event = of(id, city, events[step]);
      log.push(recorded(`mission-${id}`, step, event.type, event.data, log.length + 1));
      if (id === 'cu-kr-seoul' && step === 2) {
        // The register of heads names a nominee: the mission's view changes, not its revision.
        log.push(
          recorded(
            `heads-of-mission-${id}`,
            0,
            'NomineeRegistered',
            {
              missionId: id,
              headOfMissionId: 'h-1',
              name: 'Ambassador',
              title: 'Ambassador',
              nominatedOn: '2024-07-01',
              occurredOn: '2024-07-01',
            },
            log.length + 1,
          ),
        );
      }
    }
  }
  return log;
}

export function recorded(
  stream: string,
  revision: number,
  type: string,
  data: JsonObject,
  sequence: number,
): RecordedEvent {
  return {
    id: `event-${sequence}`,
    stream,
    revision,
    type,
    data,
    metadata: {
      recordedAt: `2025-01-01T00:00:${String(sequence).padStart(2, '0')}.000Z`,
      actor: 'desk-officer',
    },
    position: encodePosition(BigInt(sequence), BigInt(sequence)),
    recordedAt: '2025-01-01T00:00:00.000Z',
  };
}
