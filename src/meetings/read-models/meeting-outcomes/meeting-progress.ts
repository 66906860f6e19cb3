import type Database from 'better-sqlite3';
import { MissionStatusQueries } from '../../../missions/read-models/mission-status/mission-status.queries.js';
import type { MeetingRow } from './meeting-outcomes.queries.js';

/**
 * A meeting with each outcome's progress: the current status of every mission it
 * called for, and whether it is fulfilled (every such embassy open). Outcomes that
 * call for no mission (cooperation, other) have no fulfilment to track: null.
 */
export function meetingProgress(meeting: MeetingRow, missions: Database.Database, today: string) {
  return {
    ...meeting,
    outcomes: meeting.outcomes.map((outcome) => {
      if (outcome.kind !== 'establish-missions') return { ...outcome, fulfilled: null };
      const progress = outcome.missions.map((mission) => {
        const view = MissionStatusQueries.get(missions, mission.missionId, today);
        return {
          ...mission,
          status: view?.status ?? 'not-yet-planned',
          overdue: view?.overdue ?? [],
          embassyOpenedOn: view?.embassy?.openedOn ?? null,
        };
      });
      return {
        ...outcome,
        missions: progress,
        fulfilled: progress.every((m) => m.status === 'embassy-open'),
      };
    }),
  };
}
