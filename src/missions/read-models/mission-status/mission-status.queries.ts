import type Database from 'better-sqlite3';
import { overdueTargets, type OverdueTarget } from '../../domain/mission-overdue.js';
import { diplomatsOf, type DiplomatView } from './mission-diplomats.js';
import { milestonesWritten, type MilestoneView } from './mission-milestones.js';
import type { MissionsTableRow } from './mission-status.schema.js';
import { missionHeadsViewOf, type MissionHeadsView } from './mission-heads.queries.js';

/** A mission with its premises track and (MissionHeadsView) its head-of-mission track. */
export interface MissionStatusView extends MissionHeadsView {
  readonly id: string;
  readonly sendingState: string;
  readonly receivingState: string;
  readonly city: string;
  readonly status: string;
  /** 1 as first planned; each re-establishment after a closure adds one. */
  readonly lifecycle: number;
  readonly plannedOn: string;
  readonly agreedOn: string;
  readonly targets: {
    readonly temporaryOfficeBy: string | null;
    readonly embassyBy: string | null;
  };
  readonly overdue: readonly OverdueTarget[];
  readonly diplomats: readonly DiplomatView[];
  readonly temporaryOffice: { readonly openedOn: string; readonly address: string | null } | null;
  readonly embassy: { readonly openedOn: string; readonly address: string | null } | null;
  readonly suspension: { readonly since: string; readonly reason: string } | null;
  readonly closure: { readonly closedOn: string; readonly reason: string } | null;
  readonly milestones: readonly MilestoneView[];
  readonly sources: readonly { readonly meetingId: string; readonly outcomeId: string }[];
  readonly revision: number;
  readonly position: string;
}

/** Which lifecycle a mission is in, and when the closure before it was (null in the first). */
export interface Lifecycle {
  readonly lifecycle: number;
  readonly since: string | null;
}

/** The lifecycle after these milestones (oldest first), continuing `before` when given. */
export function lifecycleOf(
  milestones: readonly Pick<MilestoneView, 'type' | 'data'>[],
  before: Lifecycle = { lifecycle: 1, since: null },
): Lifecycle {
  return milestones.reduce<Lifecycle>(
    (current, m) =>
      m.type === 'MissionReestablished'
        ? { lifecycle: current.lifecycle + 1, since: String(m.data.previousClosedOn) }
        : current,
    before,
  );
}

/** What a caller that keeps a mission's timeline gives instead of it being read again. */
export type KeptTimeline = Pick<MissionStatusView, 'milestones' | 'diplomats'> & {
  readonly lifecycle: Lifecycle;
};

export interface MissionFilter {
  readonly sendingState?: string;
  readonly receivingState?: string;
  /** Either side: sending or receiving. */
  readonly state?: string;
  readonly status?: string;
  readonly overdue?: boolean;
}

type MissionRow = MissionsTableRow & { status: string };

/**
 * Overdue: a target date has passed and its milestone (or a later one) is not reached. The
 * domain's overdueTargets, written in SQL to filter by.
 */
const TEMPORARY_OFFICE_OVERDUE = `(m.closed_on IS NULL AND m.temporary_office_by IS NOT NULL
  AND m.temporary_office_by < @today AND m.temporary_office_opened_on IS NULL AND m.embassy_opened_on IS NULL)`;
const EMBASSY_OVERDUE = `(m.closed_on IS NULL AND m.embassy_by IS NOT NULL
  AND m.embassy_by < @today AND m.embassy_opened_on IS NULL)`;

const FILTERS = `
  (@sendingState IS NULL OR m.sending_state = @sendingState)
  AND (@receivingState IS NULL OR m.receiving_state = @receivingState)
  AND (@state IS NULL OR m.sending_state = @state OR m.receiving_state = @state)
  AND (@status IS NULL OR m.status = @status)
  AND (@overdue IS NULL OR (${TEMPORARY_OFFICE_OVERDUE} OR ${EMBASSY_OVERDUE}) = @overdue)`;

const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(db: Database.Database) {
  return {
    one: db.prepare<[string], MissionRow>('SELECT * FROM missions m WHERE id = ?'),
    page: db.prepare(
      `SELECT * FROM missions m WHERE ${FILTERS} ORDER BY m.id
       LIMIT @limit OFFSET @offset`,
    ),
    count: db.prepare(`SELECT count(*) AS total FROM missions m WHERE ${FILTERS}`),
    changedAfter: db.prepare(
      `SELECT * FROM missions m WHERE m.position > @after AND ${FILTERS} ORDER BY m.position LIMIT @limit`,
    ),
    milestonesAfter: db
      .prepare<[string, number], string>(
        `SELECT milestones FROM mission_milestones WHERE mission_id = ? AND revision > ?
         ORDER BY revision`,
      )
      .pluck(),
    dueOn: db
      .prepare<{ day: string }, string>(
        `SELECT id FROM missions m WHERE m.closed_on IS NULL AND (
           (m.temporary_office_by = @day AND m.temporary_office_opened_on IS NULL
             AND m.embassy_opened_on IS NULL)
           OR (m.embassy_by = @day AND m.embassy_opened_on IS NULL))
         ORDER BY m.position`,
      )
      .pluck(),
    sources: db.prepare<[string], { meeting_id: string; outcome_id: string }>(
      `SELECT meeting_id, outcome_id FROM mission_agreements
       WHERE mission_id = ? AND meeting_id IS NOT NULL ORDER BY revision`,
    ),
  };
}

function statementsOf(db: Database.Database) {
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = prepare(db);
    statements.set(db, prepared);
  }
  return prepared;
}

function parameters(filter: MissionFilter, today: string) {
  return {
    sendingState: filter.sendingState ?? null,
    receivingState: filter.receivingState ?? null,
    state: filter.state ?? null,
    status: filter.status ?? null,
    overdue: filter.overdue === undefined ? null : filter.overdue ? 1 : 0,
    today,
  };
}

/** The questions the mission status read model answers. */
export const MissionStatusQueries = {
  get(db: Database.Database, id: string, today: string): MissionStatusView | undefined {
    const row = statementsOf(db).one.get(id);
    return row ? toView(db, row, today) : undefined;
  },

  list(
    db: Database.Database,
    filter: MissionFilter,
    page: { limit: number; offset: number },
    today: string,
  ): { total: number; missions: MissionStatusView[] } {
    const s = statementsOf(db);
    const params = parameters(filter, today);
    const rows = s.page.all({ ...params, ...page }) as MissionRow[];
    const { total } = s.count.get(params) as { total: number };
    return { total, missions: rows.map((row) => toView(db, row, today)) };
  },

  /** Missions whose read model changed after `after`, oldest change first. */
  changedAfter(
    db: Database.Database,
    after: string,
    filter: MissionFilter,
    limit: number,
    today: string,
  ): MissionStatusView[] {
    const rows = statementsOf(db).changedAfter.all({
      ...parameters(filter, today),
      after,
      limit,
    }) as MissionRow[];
    return rows.map((row) => toView(db, row, today));
  },

  /**
   * The mission's view built on a timeline the caller keeps (a live feed keeps it between
   * changes, reading only what was added): `milestones` and `diplomats` are taken as given.
   */
  withTimeline(
    db: Database.Database,
    id: string,
    today: string,
    timeline: KeptTimeline,
  ): MissionStatusView | undefined {
    const row = statementsOf(db).one.get(id);
    return row ? toView(db, row, today, timeline) : undefined;
  },

  /**
   * Missions with a target due on `day` and not met: overdue from the day after, with no
   * event to say so (oldest change first).
   */
  dueOn(db: Database.Database, day: string): string[] {
    return statementsOf(db).dueOn.all({ day });
  },

  /** The mission's milestones recorded after `revision` (all of them after -1), oldest first. */
  milestonesAfter(db: Database.Database, id: string, revision: number): MilestoneView[] {
    return statementsOf(db).milestonesAfter.all(id, revision).flatMap(milestonesWritten);
  },

  matches(view: MissionStatusView, filter: MissionFilter): boolean {
    return (
      (filter.sendingState === undefined || view.sendingState === filter.sendingState) &&
      (filter.receivingState === undefined || view.receivingState === filter.receivingState) &&
      (filter.state === undefined ||
        view.sendingState === filter.state ||
        view.receivingState === filter.state) &&
      (filter.status === undefined || view.status === filter.status) &&
      (filter.overdue === undefined || view.overdue.length > 0 === filter.overdue)
    );
  },
};

function toView(
  db: Database.Database,
  row: MissionRow,
  today: string,
  timeline?: KeptTimeline,
): MissionStatusView {
  const s = statementsOf(db);
  const overdue = overdueTargets(
    {
      closed: row.closed_on !== null,
      targets: { temporaryOfficeBy: row.temporary_office_by, embassyBy: row.embassy_by },
      temporaryOfficeOpened: row.temporary_office_opened_on !== null,
      embassyOpened: row.embassy_opened_on !== null,
    },
    today,
  );
  const milestones = timeline?.milestones ?? MissionStatusQueries.milestonesAfter(db, row.id, -1);
  const { lifecycle, since } = timeline?.lifecycle ?? lifecycleOf(milestones);
  return {
    id: row.id,
    sendingState: row.sending_state,
    receivingState: row.receiving_state,
    city: row.city,
    status: row.status,
    lifecycle,
    plannedOn: row.planned_on,
    agreedOn: row.agreed_on,
    targets: { temporaryOfficeBy: row.temporary_office_by, embassyBy: row.embassy_by },
    overdue,
    diplomats: timeline?.diplomats ?? diplomatsOf(milestones),
    temporaryOffice:
      row.temporary_office_opened_on === null
        ? null
        : { openedOn: row.temporary_office_opened_on, address: row.temporary_office_address },
    embassy:
      row.embassy_opened_on === null
        ? null
        : { openedOn: row.embassy_opened_on, address: row.embassy_address },
    suspension:
      row.suspended_on === null
        ? null
        : { since: row.suspended_on, reason: row.suspension_reason ?? '' },
    closure:
      row.closed_on === null ? null : { closedOn: row.closed_on, reason: row.closure_reason ?? '' },
    milestones,
    sources: s.sources
      .all(row.id)
      .map((r) => ({ meetingId: r.meeting_id, outcomeId: r.outcome_id })),
    ...missionHeadsViewOf(db, row.id, since, row.closed_on !== null),
    revision: row.revision,
    position: row.position,
  };
}
