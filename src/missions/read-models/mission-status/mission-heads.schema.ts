/**
 * The heads of each mission, in the mission status read model: every nominee's track (from
 * `head-of-mission-<id>` streams and the register), every chargé d'affaires a.i. and every
 * recorded event of both, keyed by mission.
 */
export const MISSION_HEADS_SCHEMA = `
CREATE TABLE IF NOT EXISTS mission_heads (
  mission_id TEXT NOT NULL,
  head_of_mission_id TEXT NOT NULL,
  registered_position TEXT NOT NULL,
  name TEXT NOT NULL,
  title TEXT NOT NULL,
  nominated_on TEXT NOT NULL,
  agrement_requested_on TEXT,
  agrement_granted_on TEXT,
  agrement_refused_on TEXT,
  agrement_refusal_reason TEXT,
  appointed_on TEXT,
  arrived_on TEXT,
  copy_of_credentials_presented_on TEXT,
  credentials_presented_on TEXT,
  functions_ended_on TEXT,
  functions_end_reason TEXT,
  functions_end_note TEXT,
  revision INTEGER,
  PRIMARY KEY (mission_id, head_of_mission_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mission_charges_d_affaires (
  mission_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  name TEXT NOT NULL,
  title TEXT NOT NULL,
  designated_on TEXT NOT NULL,
  PRIMARY KEY (mission_id, revision)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mission_heads_registers (
  mission_id TEXT PRIMARY KEY,
  revision INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mission_heads_milestones (
  mission_id TEXT NOT NULL,
  position TEXT NOT NULL,
  stream TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  head_of_mission_id TEXT,
  occurred_on TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT,
  data TEXT NOT NULL,
  PRIMARY KEY (mission_id, position)
) WITHOUT ROWID;
`;
