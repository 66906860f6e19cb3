import type Database from 'better-sqlite3';
import type { MeetingOutcome, MissionLeftUnplanned } from '../../domain/meeting.events.js';
import type { MeetingParticipant } from '../../domain/meeting.commands.js';

export interface MeetingRow {
  readonly id: string;
  readonly title: string;
  readonly heldOn: string;
  readonly place: string | null;
  readonly parties: readonly string[];
  readonly participants: readonly MeetingParticipant[];
  readonly outcomes: readonly MeetingOutcome[];
  /** The missions it calls for that the planner could not plan from it, and why. */
  readonly notPlanned: readonly MissionLeftUnplanned[];
  readonly recordedAt: string;
  readonly recordedBy: string | null;
  readonly revision: number;
  readonly position: string;
}

interface Row {
  id: string;
  title: string;
  held_on: string;
  place: string | null;
  parties: string;
  participants: string;
  outcomes: string;
  not_planned: string;
  recorded_at: string;
  recorded_by: string | null;
  revision: number;
  position: string;
}

const FILTER = `(@state IS NULL OR party_a = @state OR party_b = @state)
  AND (@from IS NULL OR held_on >= @from) AND (@to IS NULL OR held_on <= @to)`;

/** The questions the meeting outcomes read model answers. */
export const MeetingOutcomesQueries = {
  get(db: Database.Database, id: string): MeetingRow | undefined {
    const row = db.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as Row | undefined;
    return row ? toMeeting(row) : undefined;
  },

  list(
    db: Database.Database,
    filter: { state?: string; from?: string; to?: string },
    page: { limit: number; offset: number },
  ): { total: number; meetings: MeetingRow[] } {
    const params = {
      state: filter.state ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
    };
    const rows = db
      .prepare(
        `SELECT * FROM meetings WHERE ${FILTER} ORDER BY held_on DESC, position DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, ...page }) as Row[];
    const { total } = db
      .prepare(`SELECT count(*) AS total FROM meetings WHERE ${FILTER}`)
      .get(params) as {
      total: number;
    };
    return { total, meetings: rows.map(toMeeting) };
  },

  /** Meetings between two states, in date order. */
  between(db: Database.Database, a: string, b: string): MeetingRow[] {
    const [partyA, partyB] = [a, b].sort();
    return (
      db
        .prepare(
          'SELECT * FROM meetings WHERE party_a = ? AND party_b = ? ORDER BY held_on, position',
        )
        .all(partyA, partyB) as Row[]
    ).map(toMeeting);
  },
};

function toMeeting(row: Row): MeetingRow {
  return {
    id: row.id,
    title: row.title,
    heldOn: row.held_on,
    place: row.place,
    parties: JSON.parse(row.parties) as string[],
    participants: JSON.parse(row.participants) as MeetingParticipant[],
    outcomes: JSON.parse(row.outcomes) as MeetingOutcome[],
    notPlanned: JSON.parse(row.not_planned) as MissionLeftUnplanned[],
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    revision: row.revision,
    position: row.position,
  };
}
