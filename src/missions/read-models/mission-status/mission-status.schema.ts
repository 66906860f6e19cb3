/**
 * The mission status read model. Status is a generated column computed from the facts
 * the way the domain derives it (furthest step reached; suspended and closed override).
 * A mission's timeline is in mission_milestones: each row holds the milestones one batch of
 * events recorded for it (a JSON array of WrittenMilestone tuples), `revision` being the first
 * one's; rows go in at the end of the table, in the order of the log. A mission's
 * diplomats are read from its DiplomatDispatched and DiplomatArrived milestones.
 */
export const MISSION_STATUS_SCHEMA = `
CREATE TABLE IF NOT EXISTS missions (
  id TEXT PRIMARY KEY,
  sending_state TEXT NOT NULL,
  receiving_state TEXT NOT NULL,
  city TEXT NOT NULL,
  planned_on TEXT NOT NULL,
  agreed_on TEXT NOT NULL,
  temporary_office_by TEXT,
  embassy_by TEXT,
  dispatched INTEGER NOT NULL DEFAULT 0,
  on_post INTEGER NOT NULL DEFAULT 0,
  temporary_office_opened_on TEXT,
  temporary_office_address TEXT,
  embassy_opened_on TEXT,
  embassy_address TEXT,
  suspended_on TEXT,
  suspension_reason TEXT,
  closed_on TEXT,
  closure_reason TEXT,
  revision INTEGER NOT NULL,
  position TEXT NOT NULL,
  lifecycle_from INTEGER NOT NULL DEFAULT 0,
  status TEXT GENERATED ALWAYS AS (
    CASE
      WHEN closed_on IS NOT NULL THEN 'closed'
      WHEN suspended_on IS NOT NULL THEN 'suspended'
      WHEN embassy_opened_on IS NOT NULL THEN 'embassy-open'
      WHEN temporary_office_opened_on IS NOT NULL THEN 'temporary-office-open'
      WHEN on_post > 0 THEN 'opening-team-on-post'
      WHEN dispatched > 0 THEN 'opening-team-dispatched'
      ELSE 'planned'
    END) VIRTUAL
);
CREATE TABLE IF NOT EXISTS mission_milestones (
  mission_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  milestones TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mission_agreements (
  mission_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  meeting_id TEXT,
  outcome_id TEXT,
  planned_on TEXT NOT NULL,
  agreed_on TEXT NOT NULL,
  temporary_office_by TEXT,
  embassy_by TEXT,
  PRIMARY KEY (mission_id, revision)
) WITHOUT ROWID;
`;

/** What only queries need: a generation built from zero creates them once it is complete. */
export const MISSION_STATUS_QUERY_INDEXES = `
CREATE INDEX IF NOT EXISTS missions_by_position ON missions (position);
CREATE INDEX IF NOT EXISTS missions_by_pair ON missions (sending_state, receiving_state);
CREATE INDEX IF NOT EXISTS mission_milestones_by_mission ON mission_milestones (mission_id, revision);
`;

/** A row of `missions` as SQLite returns it (without the generated status). */
export interface MissionsTableRow {
  id: string;
  sending_state: string;
  receiving_state: string;
  city: string;
  planned_on: string;
  agreed_on: string;
  temporary_office_by: string | null;
  embassy_by: string | null;
  dispatched: number;
  on_post: number;
  temporary_office_opened_on: string | null;
  temporary_office_address: string | null;
  embassy_opened_on: string | null;
  embassy_address: string | null;
  suspended_on: string | null;
  suspension_reason: string | null;
  closed_on: string | null;
  closure_reason: string | null;
  revision: number;
  position: string;
  lifecycle_from: number;
}
