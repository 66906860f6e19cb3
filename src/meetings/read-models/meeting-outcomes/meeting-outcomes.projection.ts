import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/event-store.port.js';
import { perEvent, type ProjectionDefinition } from '../../../projections/projection.js';
import type { MeetingRecorded, MissionNotPlannedFromMeeting } from '../../domain/meeting.events.js';

export const MEETING_OUTCOMES = 'meeting-outcomes';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meetings (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  held_on TEXT NOT NULL,
  place TEXT,
  party_a TEXT NOT NULL,
  party_b TEXT NOT NULL,
  parties TEXT NOT NULL,
  participants TEXT NOT NULL,
  outcomes TEXT NOT NULL,
  not_planned TEXT NOT NULL DEFAULT '[]',
  recorded_at TEXT NOT NULL,
  recorded_by TEXT,
  revision INTEGER NOT NULL,
  position TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS meetings_by_pair ON meetings (party_a, party_b, held_on);
CREATE INDEX IF NOT EXISTS meetings_by_date ON meetings (held_on);
`;

/** Keeps each recorded meeting with its outcomes; progress is joined in at query time. */
export const meetingOutcomesProjection: ProjectionDefinition = {
  name: MEETING_OUTCOMES,
  version: 2,
  schema: SCHEMA,
  bind: (db) => {
    const handler = new MeetingOutcomesHandler(db);
    return perEvent((event) => handler.apply(event));
  },
};

class MeetingOutcomesHandler {
  private readonly insert: Database.Statement;
  private readonly addNotPlanned: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      `INSERT OR REPLACE INTO meetings (id, title, held_on, place, party_a, party_b, parties, participants,
         outcomes, recorded_at, recorded_by, revision, position)
       VALUES (@id, @title, @heldOn, @place, @partyA, @partyB, @parties, @participants, @outcomes,
         @recordedAt, @recordedBy, @revision, @position)`,
    );
    this.addNotPlanned = db.prepare(
      `UPDATE meetings SET not_planned = json_insert(not_planned, '$[#]', json(@notPlanned)),
         revision = @revision
       WHERE id = @id`,
    );
  }

  apply(recorded: RecordedEvent): readonly string[] {
    if (!recorded.stream.startsWith('meeting-')) return [];
    if (recorded.type === 'MissionNotPlannedFromMeeting') return this.notPlanned(recorded);
    if (recorded.type !== 'MeetingRecorded') return [];
    const { data } = { type: recorded.type, data: recorded.data } as MeetingRecorded;
    const [partyA, partyB] = [...data.parties].sort();
    this.insert.run({
      id: data.meetingId,
      title: data.title,
      heldOn: data.heldOn,
      place: data.place,
      partyA,
      partyB,
      parties: JSON.stringify(data.parties),
      participants: JSON.stringify(data.participants),
      outcomes: JSON.stringify(data.outcomes),
      recordedAt:
        typeof recorded.metadata.recordedAt === 'string'
          ? recorded.metadata.recordedAt
          : recorded.recordedAt,
      recordedBy: typeof recorded.metadata.actor === 'string' ? recorded.metadata.actor : null,
      revision: recorded.revision,
      position: recorded.position,
    });
    return [data.meetingId];
  }

  /**
   * A mission the meeting could not plan, and why: shown with the outcome that called for it.
   * The meeting keeps the position it was recorded at, which orders one day's meetings.
   */
  private notPlanned(recorded: RecordedEvent): readonly string[] {
    const { data } = {
      type: recorded.type,
      data: recorded.data,
    } as MissionNotPlannedFromMeeting;
    const { missionId, path, rule, detail } = data;
    this.addNotPlanned.run({
      id: data.meetingId,
      notPlanned: JSON.stringify({ missionId, path, rule, detail }),
      revision: recorded.revision,
    });
    return [data.meetingId];
  }
}
