import type { RecordedEvent } from '../../../event-store/event-store.port.js';
import type { JsonObject } from '../../../shared/json.js';

/** One recorded event of the mission, as the API shows it. */
export interface MilestoneView {
  readonly type: string;
  /** When it happened: the event's own `occurredOn`. */
  readonly occurredOn: string;
  readonly recordedAt: string;
  readonly recordedBy: string | null;
  readonly revision: number;
  readonly position: string;
  readonly data: JsonObject;
}

/**
 * A milestone as the timeline stores it: a tuple, not an object with its keys, because
 * serialising a million of them is a good part of a rebuild. `occurredOn` is the data's.
 */
export type WrittenMilestone = readonly [
  type: string,
  revision: number,
  position: string,
  recordedAt: string,
  recordedBy: string | null,
  data: JsonObject,
];

/** The milestone a mission event makes, ready to be written. */
export function milestoneOf(recorded: RecordedEvent): WrittenMilestone {
  const { metadata } = recorded;
  return [
    recorded.type,
    recorded.revision,
    recorded.position,
    typeof metadata.recordedAt === 'string' ? metadata.recordedAt : recorded.recordedAt,
    typeof metadata.actor === 'string' ? metadata.actor : null,
    recorded.data,
  ];
}

/** The milestones of one timeline row (the JSON array the projection wrote), as views. */
export function milestonesWritten(json: string): MilestoneView[] {
  return (JSON.parse(json) as WrittenMilestone[]).map(
    ([type, revision, position, recordedAt, recordedBy, data]) => ({
      type,
      occurredOn: data.occurredOn as string,
      recordedAt,
      recordedBy,
      revision,
      position,
      data,
    }),
  );
}
