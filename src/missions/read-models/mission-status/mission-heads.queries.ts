import type Database from 'better-sqlite3';
import {
  stageOf,
  type FunctionsEndReason,
  type HeadOfMissionRecord,
  type HeadOfMissionStage,
} from '../../../heads-of-mission/domain/head-of-mission.state.js';
import type { JsonObject } from '../../../shared/json.js';
import type { MilestoneView } from './mission-milestones.js';

export interface HeadOfMissionView {
  readonly headOfMissionId: string;
  readonly name: string;
  readonly title: string;
  readonly stage: HeadOfMissionStage;
  readonly nominatedOn: string;
  readonly agrementRequestedOn: string | null;
  readonly agrementGrantedOn: string | null;
  readonly agrementRefusal: { readonly refusedOn: string; readonly reason: string | null } | null;
  readonly appointedOn: string | null;
  readonly arrivedOn: string | null;
  readonly copyOfCredentialsPresentedOn: string | null;
  readonly credentialsPresentedOn: string | null;
  /** When functions commenced (= credentialsPresentedOn): the head's precedence date. */
  readonly precedenceDate: string | null;
  readonly functionsEnded: {
    readonly endedOn: string;
    readonly reason: FunctionsEndReason;
    readonly note: string | null;
  } | null;
  /**
   * The nominee's own track's revision (If-Match): 0 while only the register names it (the next
   * command completes the nomination first); null in a read model built by an older version.
   */
  readonly revision: number | null;
}

export interface ChargeDAffairesView {
  readonly name: string;
  readonly title: string;
  readonly designatedOn: string;
}

export interface HeadOfMissionMilestoneView extends MilestoneView {
  readonly stream: string;
  readonly headOfMissionId: string | null;
}

/** What the mission status view shows of the mission's head-of-mission track. */
export interface MissionHeadsView {
  /**
   * The head in office (credentials presented, functions not ended); when the post is vacant,
   * the nominee under way (the stage says how far); null when there is neither.
   */
  readonly headOfMission: HeadOfMissionView | null;
  /** Heads the mission ad interim: only while no head is in office. */
  readonly chargeDAffaires: ChargeDAffairesView | null;
  /** Every nominee, in nomination order, including refused and ended ones. */
  readonly headsOfMission: readonly HeadOfMissionView[];
  /** The revision of the mission's register of heads (If-Match for nominations and chargés). */
  readonly headsOfMissionRevision: number | null;
  /** Every recorded event of the track and of the register, in the order recorded. */
  readonly headOfMissionMilestones: readonly HeadOfMissionMilestoneView[];
}

interface HeadRow {
  head_of_mission_id: string;
  name: string;
  title: string;
  nominated_on: string;
  agrement_requested_on: string | null;
  agrement_granted_on: string | null;
  agrement_refused_on: string | null;
  agrement_refusal_reason: string | null;
  appointed_on: string | null;
  arrived_on: string | null;
  copy_of_credentials_presented_on: string | null;
  credentials_presented_on: string | null;
  functions_ended_on: string | null;
  functions_end_reason: string | null;
  functions_end_note: string | null;
  revision: number | null;
}

interface MilestoneRow {
  type: string;
  stream: string;
  head_of_mission_id: string | null;
  occurred_on: string;
  recorded_at: string;
  recorded_by: string | null;
  revision: number;
  position: string;
  data: string;
}

const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(db: Database.Database) {
  return {
    heads: db.prepare<[string], HeadRow>(
      'SELECT * FROM mission_heads WHERE mission_id = ? ORDER BY registered_position',
    ),
    charges: db.prepare<[string], ChargeDAffairesView>(
      `SELECT name, title, designated_on AS designatedOn FROM mission_charges_d_affaires
       WHERE mission_id = ? ORDER BY designated_on, revision`,
    ),
    register: db.prepare<[string], { revision: number }>(
      'SELECT revision FROM mission_heads_registers WHERE mission_id = ?',
    ),
    milestones: db.prepare<[string], MilestoneRow>(
      'SELECT * FROM mission_heads_milestones WHERE mission_id = ? ORDER BY position',
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

/**
 * The head-of-mission part of a mission's view. `lifecycleSince` is when the closure that ended
 * the mission's previous lifecycle happened (null in its first): nominees and chargés from
 * before it or from its day ended with that lifecycle, so they are listed but head nothing now. A closed
 * mission has nobody at its head: functions end with the mission.
 */
export function missionHeadsViewOf(
  db: Database.Database,
  missionId: string,
  lifecycleSince: string | null = null,
  closed = false,
): MissionHeadsView {
  const s = statementsOf(db);
  const heads = s.heads.all(missionId).map(toHeadView);
  const charges = s.charges.all(missionId);
  const current = (on: string) => lifecycleSince === null || on > lifecycleSince;
  return {
    ...(closed
      ? { headOfMission: null, chargeDAffaires: null }
      : whoHeads(
          heads.filter((head) => current(head.nominatedOn)),
          charges.filter((charge) => current(charge.designatedOn)),
        )),
    headsOfMission: heads,
    headsOfMissionRevision: s.register.get(missionId)?.revision ?? null,
    headOfMissionMilestones: s.milestones.all(missionId).map((m) => ({
      type: m.type,
      stream: m.stream,
      headOfMissionId: m.head_of_mission_id,
      occurredOn: m.occurred_on,
      recordedAt: m.recorded_at,
      recordedBy: m.recorded_by,
      revision: m.revision,
      position: m.position,
      data: JSON.parse(m.data) as JsonObject,
    })),
  };
}

/**
 * Who heads the mission: the head in office; else the latest chargé d'affaires a.i.
 * designated since the last head took up functions, beside the nominee under way, if any.
 */
function whoHeads(
  heads: readonly HeadOfMissionView[],
  charges: readonly ChargeDAffairesView[],
): Pick<MissionHeadsView, 'headOfMission' | 'chargeDAffaires'> {
  const inOffice = heads.find((h) => h.stage === 'credentials-presented');
  if (inOffice) return { headOfMission: inOffice, chargeDAffaires: null };
  const underWay = heads.filter(
    (h) =>
      h.stage !== 'credentials-presented' &&
      h.stage !== 'agrement-refused' &&
      h.stage !== 'functions-ended',
  );
  const lastCommenced = heads.reduce<string | null>(
    (latest, h) =>
      h.credentialsPresentedOn !== null && (latest === null || h.credentialsPresentedOn > latest)
        ? h.credentialsPresentedOn
        : latest,
    null,
  );
  const charge = charges.at(-1);
  return {
    headOfMission: underWay.at(-1) ?? null,
    chargeDAffaires:
      charge !== undefined && (lastCommenced === null || charge.designatedOn > lastCommenced)
        ? charge
        : null,
  };
}

function toHeadView(row: HeadRow): HeadOfMissionView {
  const record: HeadOfMissionRecord = {
    headOfMissionId: row.head_of_mission_id,
    missionId: '',
    name: row.name,
    title: row.title,
    nominatedOn: row.nominated_on,
    agrementRequestedOn: row.agrement_requested_on,
    agrementGrantedOn: row.agrement_granted_on,
    agrementRefusal:
      row.agrement_refused_on === null
        ? null
        : { refusedOn: row.agrement_refused_on, reason: row.agrement_refusal_reason },
    appointedOn: row.appointed_on,
    arrivedOn: row.arrived_on,
    copyOfCredentialsPresentedOn: row.copy_of_credentials_presented_on,
    credentialsPresentedOn: row.credentials_presented_on,
    functionsEnded:
      row.functions_ended_on === null
        ? null
        : {
            endedOn: row.functions_ended_on,
            reason: (row.functions_end_reason ?? 'other') as FunctionsEndReason,
            note: row.functions_end_note,
          },
  };
  const { missionId: _missionId, ...view } = record;
  return {
    ...view,
    stage: stageOf(record),
    precedenceDate: record.credentialsPresentedOn,
    revision: row.revision,
  };
}
