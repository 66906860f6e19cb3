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

/**
 * The milestone a mission event makes, as the JSON text of its WrittenMilestone tuple. The
 * data goes in as the store holds it when it can (`dataJson`): serialising it again was a
 * good part of a rebuild.
 */
export function milestoneJson(recorded: RecordedEvent): string {
  const { metadata } = recorded;
  const recordedAt =
    typeof metadata.recordedAt === 'string' ? metadata.recordedAt : recorded.recordedAt;
  const recordedBy = typeof metadata.actor === 'string' ? metadata.actor : null;
  const data = recorded.dataJson ?? JSON.stringify(recorded.data);
  return (
    `[${JSON.stringify(recorded.type)},${recorded.revision},${JSON.stringify(recorded.position)},` +
    `${JSON.stringify(recordedAt)},${JSON.stringify(recordedBy)},${data}]`
  );
}

/** A timeline row's text: the JSON array of the milestones one batch recorded. */
export function timelineJson(milestones: readonly string[]): string {
  return `[${milestones.join(',')}]`;
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
