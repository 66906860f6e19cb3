/**
 * The mission status read model. Status is a generated column computed from the facts
 * the way the domain derives it (furthest step reached; suspended and closed override).
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
CREATE INDEX IF NOT EXISTS missions_by_position ON missions (position);
CREATE INDEX IF NOT EXISTS missions_by_pair ON missions (sending_state, receiving_state);
CREATE TABLE IF NOT EXISTS mission_diplomats (
  mission_id TEXT NOT NULL,
  diplomat_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  name TEXT NOT NULL,
  title TEXT NOT NULL,
  role TEXT NOT NULL,
  dispatched_on TEXT NOT NULL,
  expected_arrival_on TEXT,
  arrived_on TEXT,
  PRIMARY KEY (mission_id, diplomat_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mission_milestones (
  mission_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT,
  position TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (mission_id, revision)
) WITHOUT ROWID;
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
