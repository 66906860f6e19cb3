import type { EventStore, RecordedEvent } from '../../event-store/event-store.port.js';
import { StreamNotFoundError } from '../../event-store/event-store.errors.js';
import { upcast } from '../../event-store/event-schema/upcast.js';
import { comparePositions, type Position } from '../../event-store/position.js';
import type { MissionPlan } from '../../meetings/domain/meeting-mission-plans.js';
import { meetingStreamOf } from '../../meetings/domain/meeting.decider.js';
import type { IsoDate } from '../../shared/iso-date.js';
import { DomainRuleError } from '../../shared/domain-rule.error.js';
import { missionStreamOf } from '../domain/mission-id.js';
import { isLinked } from '../domain/mission.decide.js';
import { missionDecider } from '../domain/mission.decider.js';
import type { MissionEvent } from '../domain/mission.events.js';
import type { MissionState } from '../domain/mission.state.js';

/**
 * The mission as a meeting found it: its events before the meeting's `position`, and what the
 * planner wrote from meetings logged before it (the planner handles meetings in log order, so
 * those plans were there when it got to this one, wherever they sit in the log). What the
 * meeting could plan is judged on that, so that whenever the planner handles the meeting (at
 * once, after a restart, after a restore, on another node) it finds the same.
 */
export async function missionAsRecordedBefore(
  store: EventStore,
  missionId: string,
  position: Position,
): Promise<MissionState> {
  let state = missionDecider.initialState();
  const meetingsAt = new Map<string, Position | undefined>();
  try {
    for await (const recorded of store.readStream(missionStreamOf(missionId))) {
      const found =
        comparePositions(recorded.position, position) < 0 ||
        (await plannedFromMeetingBefore(store, recorded, position, meetingsAt));
      if (!found) continue;
      const event = upcast({ type: recorded.type, data: recorded.data }, recorded.metadata);
      state = missionDecider.evolve(state, event as MissionEvent);
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return state;
}

/** Whether the planner wrote `recorded` from a meeting logged before `position`. */
async function plannedFromMeetingBefore(
  store: EventStore,
  recorded: RecordedEvent,
  position: Position,
  meetingsAt: Map<string, Position | undefined>,
): Promise<boolean> {
  if (recorded.metadata.actorRole !== 'system') return false;
  const source = (recorded.data as { source?: { meetingId?: unknown } | null }).source;
  const meetingId = typeof source?.meetingId === 'string' ? source.meetingId : undefined;
  if (meetingId === undefined) return false;
  if (!meetingsAt.has(meetingId)) meetingsAt.set(meetingId, await recordedAt(store, meetingId));
  const at = meetingsAt.get(meetingId);
  return at !== undefined && comparePositions(at, position) < 0;
}

/** Where a meeting was recorded in the log. */
async function recordedAt(store: EventStore, meetingId: string): Promise<Position | undefined> {
  try {
    for await (const first of store.readStream(meetingStreamOf(meetingId), { maxCount: 1 })) {
      return first.position;
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return undefined;
}

/**
 * How the planner judges a meeting's plan before planning it: `linked` when the mission (as it
 * stands, `current`) has the meeting as a source already, so nothing is left to decide; the
 * rule that refuses it on the mission as the meeting found it; else undefined, and the plan is
 * decided on the mission as it stands.
 */
export async function judgedAsFound(
  store: EventStore,
  plan: MissionPlan,
  current: MissionState,
  meetingPosition: Position,
  today: IsoDate,
): Promise<'linked' | DomainRuleError | undefined> {
  if (current.status !== 'unplanned' && plan.source != null && isLinked(current, plan.source)) {
    return 'linked';
  }
  const found = await missionAsRecordedBefore(store, plan.missionId, meetingPosition);
  return refusalOf(plan, found, today);
}

/** The rule that refuses the plan against `state`, if one does (nothing is appended). */
export function refusalOf(
  plan: MissionPlan,
  state: MissionState,
  today: IsoDate,
): DomainRuleError | undefined {
  try {
    missionDecider.decide({ type: 'PlanMission', data: plan, metadata: { today } }, state);
    return undefined;
  } catch (error) {
    if (error instanceof DomainRuleError) return error;
    throw error;
  }
}
