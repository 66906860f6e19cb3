import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/event-store.port.js';
import type { HeadOfMissionEvent } from '../../../heads-of-mission/domain/head-of-mission.events.js';
import type { MissionHeadsEvent } from '../../../heads-of-mission/domain/mission-heads.events.js';
import { stringOr } from '../../../shared/json.js';

const TRACK_STREAM = 'head-of-mission-';
const REGISTER_STREAM = 'heads-of-mission-';

/** The columns each step of a track sets. */
const STEP_COLUMNS = {
  AgrementRequested: ['agrement_requested_on'],
  AgrementGranted: ['agrement_granted_on'],
  AgrementRefused: ['agrement_refused_on', 'agrement_refusal_reason'],
  HeadOfMissionAppointed: ['appointed_on'],
  HeadOfMissionArrived: ['arrived_on'],
  CopyOfCredentialsPresented: ['copy_of_credentials_presented_on'],
  CredentialsPresented: ['credentials_presented_on'],
  FunctionsEnded: ['functions_ended_on', 'functions_end_reason', 'functions_end_note'],
} as const satisfies Record<
  Exclude<HeadOfMissionEvent['type'], 'HeadOfMissionNominated'>,
  readonly string[]
>;

/**
 * The part of the mission status projection that follows the head-of-mission track: the
 * nominees' own streams and each mission's register of heads. Every event names its mission,
 * whose row the caller marks as changed (position, not revision: the row's revision stays the
 * mission stream's, for If-Match on mission commands). Other events cost two prefix checks.
 */
export class MissionHeadsHandler {
  private readonly insertNominee: Database.Statement;
  private readonly steps: Record<keyof typeof STEP_COLUMNS, Database.Statement>;
  private readonly insertCharge: Database.Statement;
  private readonly saveRegister: Database.Statement;
  private readonly insertMilestone: Database.Statement;

  constructor(db: Database.Database) {
    this.insertNominee = db.prepare(
      `INSERT INTO mission_heads (mission_id, head_of_mission_id, registered_position, name, title,
         nominated_on, revision)
       VALUES (@missionId, @headOfMissionId, @position, @name, @title, @nominatedOn, @revision)
       ON CONFLICT (mission_id, head_of_mission_id) DO UPDATE SET
         revision = coalesce(excluded.revision, revision)`,
    );
    this.steps = Object.fromEntries(
      Object.entries(STEP_COLUMNS).map(([type, columns]) => [
        type,
        db.prepare(
          `UPDATE mission_heads SET ${columns.map((c) => `${c} = @${c}`).join(', ')}, revision = @revision
           WHERE mission_id = @missionId AND head_of_mission_id = @headOfMissionId`,
        ),
      ]),
    ) as Record<keyof typeof STEP_COLUMNS, Database.Statement>;
    this.insertCharge = db.prepare(
      `INSERT OR REPLACE INTO mission_charges_d_affaires (mission_id, revision, name, title, designated_on)
       VALUES (@missionId, @revision, @name, @title, @designatedOn)`,
    );
    this.saveRegister = db.prepare(
      `INSERT INTO mission_heads_registers (mission_id, revision) VALUES (@missionId, @revision)
       ON CONFLICT (mission_id) DO UPDATE SET revision = max(revision, excluded.revision)`,
    );
    this.insertMilestone = db.prepare(
      `INSERT OR REPLACE INTO mission_heads_milestones (mission_id, position, stream, revision, type,
         head_of_mission_id, occurred_on, recorded_at, recorded_by, data)
       VALUES (@missionId, @position, @stream, @revision, @type, @headOfMissionId, @occurredOn,
         @recordedAt, @recordedBy, @data)`,
    );
  }

  /** Whether the event belongs to the head-of-mission track (a nominee's or a register's). */
  static follows(recorded: RecordedEvent): boolean {
    return recorded.stream.startsWith(TRACK_STREAM) || recorded.stream.startsWith(REGISTER_STREAM);
  }

  /** Applies the event; returns the mission it changed (undefined for an event it does not know). */
  apply(recorded: RecordedEvent): string | undefined {
    const known = recorded.stream.startsWith(REGISTER_STREAM)
      ? this.applyRegister(
          { type: recorded.type, data: recorded.data } as MissionHeadsEvent,
          recorded,
        )
      : this.applyTrack(
          { type: recorded.type, data: recorded.data } as HeadOfMissionEvent,
          recorded,
        );
    if (!known) return undefined;
    const { missionId, occurredOn } = recorded.data;
    if (typeof missionId !== 'string') return undefined;
    if (recorded.type !== 'NomineeRegistered') {
      this.insertMilestone.run({
        missionId,
        position: recorded.position,
        stream: recorded.stream,
        revision: recorded.revision,
        type: recorded.type,
        headOfMissionId:
          typeof recorded.data.headOfMissionId === 'string' ? recorded.data.headOfMissionId : null,
        occurredOn: typeof occurredOn === 'string' ? occurredOn : '',
        recordedAt: stringOr(recorded.metadata.recordedAt, recorded.recordedAt),
        recordedBy: stringOr(recorded.metadata.actor, null),
        data: JSON.stringify(recorded.data),
      });
    }
    return missionId;
  }

  private applyRegister(event: MissionHeadsEvent, recorded: RecordedEvent): boolean {
    const at = { missionId: event.data.missionId, revision: recorded.revision };
    switch (event.type) {
      case 'NomineeRegistered':
        // The register names the nominee first, at the revision its track's first event takes:
        // a nomination whose track was never written (the service stopped between the two
        // writes) is completed by the next command before it is decided, so If-Match "0" holds.
        this.insertNominee.run({
          missionId: event.data.missionId,
          headOfMissionId: event.data.headOfMissionId,
          position: recorded.position,
          name: event.data.name,
          title: event.data.title,
          nominatedOn: event.data.nominatedOn,
          revision: 0,
        });
        break;
      case 'ChargeDAffairesDesignated':
        this.insertCharge.run({
          ...at,
          name: event.data.name,
          title: event.data.title,
          designatedOn: event.data.designatedOn,
        });
        break;
      default:
        return unknownEvent(event);
    }
    this.saveRegister.run(at);
    return true;
  }

  private applyTrack(event: HeadOfMissionEvent, recorded: RecordedEvent): boolean {
    const at = {
      missionId: event.data.missionId,
      headOfMissionId: event.data.headOfMissionId,
      revision: recorded.revision,
    };
    switch (event.type) {
      case 'HeadOfMissionNominated':
        this.insertNominee.run({
          ...at,
          position: recorded.position,
          name: event.data.name,
          title: event.data.title,
          nominatedOn: event.data.nominatedOn,
        });
        return true;
      case 'AgrementRequested':
        this.steps[event.type].run({ ...at, agrement_requested_on: event.data.requestedOn });
        return true;
      case 'AgrementGranted':
        this.steps[event.type].run({ ...at, agrement_granted_on: event.data.grantedOn });
        return true;
      case 'AgrementRefused':
        this.steps[event.type].run({
          ...at,
          agrement_refused_on: event.data.refusedOn,
          agrement_refusal_reason: event.data.reason,
        });
        return true;
      case 'HeadOfMissionAppointed':
        this.steps[event.type].run({ ...at, appointed_on: event.data.appointedOn });
        return true;
      case 'HeadOfMissionArrived':
        this.steps[event.type].run({ ...at, arrived_on: event.data.arrivedOn });
        return true;
      case 'CopyOfCredentialsPresented':
        this.steps[event.type].run({
          ...at,
          copy_of_credentials_presented_on: event.data.presentedOn,
        });
        return true;
      case 'CredentialsPresented':
        this.steps[event.type].run({ ...at, credentials_presented_on: event.data.presentedOn });
        return true;
      case 'FunctionsEnded':
        this.steps[event.type].run({
          ...at,
          functions_ended_on: event.data.endedOn,
          functions_end_reason: event.data.reason,
          functions_end_note: event.data.note,
        });
        return true;
      default:
        return unknownEvent(event);
    }
  }
}

/** An event type this code does not know (a newer writer): nothing changes. */
function unknownEvent(_event: never): boolean {
  return false;
}
