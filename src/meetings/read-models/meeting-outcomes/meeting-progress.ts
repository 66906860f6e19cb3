import type Database from 'better-sqlite3';
import {
  MissionStatusQueries,
  type MissionStatusView,
} from '../../../missions/read-models/mission-status/mission-status.queries.js';
import type { MeetingRow } from './meeting-outcomes.queries.js';

/** How far one mission a meeting called for got, in the lifecycle that meeting belongs to. */
interface MissionProgress {
  readonly status: string;
  readonly lifecycle: number | null;
  readonly overdue: readonly string[];
  readonly embassyOpenedOn: string | null;
}

/**
 * A meeting with each outcome's progress: the status of every mission it called for, and
 * whether it is fulfilled (every such embassy open). Outcomes that call for no mission
 * (cooperation, other) have no fulfilment to track: null. A mission closed and re-established
 * since the meeting is shown as the meeting's own lifecycle ended (closed, with the embassy it
 * opened then), not with the progress of the later one.
 */
export function meetingProgress(meeting: MeetingRow, missions: Database.Database, today: string) {
  return {
    ...meeting,
    outcomes: meeting.outcomes.map((outcome) => {
      if (outcome.kind !== 'establish-missions') return { ...outcome, fulfilled: null };
      const progress = outcome.missions.map((mission) => ({
        ...mission,
        ...progressAsOf(MissionStatusQueries.get(missions, mission.missionId, today), meeting),
      }));
      return {
        ...outcome,
        missions: progress,
        fulfilled: progress.every((m) => m.status === 'embassy-open'),
      };
    }),
  };
}

function progressAsOf(
  view: MissionStatusView | undefined,
  meeting: Pick<MeetingRow, 'heldOn'>,
): MissionProgress {
  if (view === undefined) {
    return { status: 'not-yet-planned', lifecycle: null, overdue: [], embassyOpenedOn: null };
  }
  // Each re-establishment names the closure that ended the lifecycle before it; an agreement
  // made on or after a closure belongs to a later lifecycle.
  const closures = view.milestones
    .filter((m) => m.type === 'MissionReestablished')
    .map((m) => String(m.data.previousClosedOn));
  const lifecycle = 1 + closures.filter((closedOn) => closedOn <= meeting.heldOn).length;
  if (lifecycle >= view.lifecycle) {
    return {
      status: view.status,
      lifecycle: view.lifecycle,
      overdue: view.overdue,
      embassyOpenedOn: view.embassy?.openedOn ?? null,
    };
  }
  const ended = lifecycleMilestones(view, lifecycle);
  return {
    status: 'closed',
    lifecycle,
    overdue: [],
    embassyOpenedOn: ended.find((m) => m.type === 'EmbassyOpened')?.occurredOn ?? null,
  };
}

/** The milestones of one lifecycle (1-based): those between the re-establishments around it. */
function lifecycleMilestones(view: MissionStatusView, lifecycle: number) {
  let current = 1;
  return view.milestones.filter((m) => {
    if (m.type === 'MissionReestablished') current += 1;
    return current === lifecycle;
  });
}
