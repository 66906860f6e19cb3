import type Database from 'better-sqlite3';
import type { MissionTargets } from '../../../missions/domain/mission-targets.js';
import type { OverdueTarget } from '../../../missions/domain/mission-overdue.js';
import {
  MissionStatusQueries,
  type MissionStatusView,
} from '../../../missions/read-models/mission-status/mission-status.queries.js';
import type { MeetingRow } from './meeting-outcomes.queries.js';

/** How far one mission a meeting called for got, in the lifecycle that meeting belongs to. */
interface MissionProgress {
  readonly status: string;
  readonly lifecycle: number | null;
  readonly overdue: readonly OverdueTarget[];
  readonly embassyOpenedOn: string | null;
}

/**
 * A meeting with each outcome's progress: the status of every mission it called for, and
 * whether it is fulfilled (every such embassy opened, in the lifecycle the outcome is part
 * of: a later suspension or closure does not undo what was carried out). Outcomes that call for no mission
 * (cooperation, other) have no fulfilment to track: null. A mission the meeting could not plan
 * (its answer's missionsNotPlanned: the mission is not this outcome's) is `not-planned`, with
 * no progress of its own to show, and the rule that refused it in `refusal` (null for a meeting
 * planned before refusals were recorded). A mission closed and re-established
 * since the meeting is shown as the meeting's own lifecycle ended (closed, with the embassy it
 * opened then), not with the progress of the later one. A mission's `overdue` names the
 * targets of the mission that are overdue among those this outcome set with a date that has
 * passed: a target only another meeting set, or moved earlier than this outcome's date, is not
 * this outcome's to miss; one another meeting moved later is not missed at all.
 */
export function meetingProgress(meeting: MeetingRow, missions: Database.Database, today: string) {
  const { notPlanned, ...recorded } = meeting;
  return {
    ...recorded,
    outcomes: meeting.outcomes.map((outcome) => {
      if (outcome.kind !== 'establish-missions') return { ...outcome, fulfilled: null };
      const progress = outcome.missions.map((mission) => {
        const view = MissionStatusQueries.get(missions, mission.missionId, today);
        const asOf = progressAsOf(view, meeting, outcome.outcomeId);
        const refused = notPlanned.find(({ missionId }) => missionId === mission.missionId);
        return {
          ...mission,
          ...asOf,
          overdue: asOf.overdue.filter(missedBy(mission.targets, today)),
          refusal:
            asOf.status === 'not-planned' && refused !== undefined
              ? { rule: refused.rule, detail: refused.detail }
              : null,
        };
      });
      return {
        ...outcome,
        missions: progress,
        fulfilled: progress.every((m) => m.embassyOpenedOn !== null),
      };
    }),
  };
}

/** Whether the outcome set this target for the mission, for a date before `today`. */
function missedBy(targets: MissionTargets, today: string): (target: OverdueTarget) => boolean {
  return (target) => {
    const date = target === 'embassy' ? targets.embassyBy : targets.temporaryOfficeBy;
    return date !== null && date < today;
  };
}

function progressAsOf(
  view: MissionStatusView | undefined,
  meeting: Pick<MeetingRow, 'id'>,
  outcomeId: string,
): MissionProgress {
  if (view === undefined) {
    return { status: 'not-yet-planned', lifecycle: null, overdue: [], embassyOpenedOn: null };
  }
  const source = view.sources.some((s) => s.meetingId === meeting.id && s.outcomeId === outcomeId);
  if (!source) {
    return { status: 'not-planned', lifecycle: null, overdue: [], embassyOpenedOn: null };
  }
  const lifecycle = lifecycleLinking(view, meeting.id, outcomeId);
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

/**
 * The lifecycle in which the mission took the outcome as a source: the one of the event that
 * cites it (a plan, a link, or the re-establishment it started). Not judged by the meeting's
 * date: a meeting held on a closure day belongs to the lifecycle that closed when it was linked
 * before the closure, and starts the next when it re-established the mission after it.
 */
function lifecycleLinking(view: MissionStatusView, meetingId: string, outcomeId: string): number {
  let lifecycle = 1;
  for (const milestone of view.milestones) {
    if (milestone.type === 'MissionReestablished') lifecycle += 1;
    const source = milestone.data.source as { meetingId?: unknown; outcomeId?: unknown } | null;
    if (source?.meetingId === meetingId && source.outcomeId === outcomeId) return lifecycle;
  }
  return view.lifecycle;
}

/** The milestones of one lifecycle (1-based): those between the re-establishments around it. */
function lifecycleMilestones(view: MissionStatusView, lifecycle: number) {
  let current = 1;
  return view.milestones.filter((m) => {
    if (m.type === 'MissionReestablished') current += 1;
    return current === lifecycle;
  });
}
