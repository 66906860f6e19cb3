import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/event-store.port.js';
import type { ProjectionDefinition, ProjectionHandler } from '../../../projections/projection.js';
import type { MissionEvent } from '../../domain/mission.events.js';
import {
  agreementDateOf,
  targetsInForce,
  type MissionAgreement,
} from '../../domain/mission.state.js';
import { MissionHeadsHandler } from './mission-heads.projection.js';
import { MISSION_HEADS_SCHEMA } from './mission-heads.schema.js';
import { MISSION_STATUS_SCHEMA } from './mission-status.schema.js';

export const MISSION_STATUS = 'mission-status';

interface AgreementRow {
  meeting_id: string | null;
  outcome_id: string | null;
  planned_on: string;
  agreed_on: string;
  temporary_office_by: string | null;
  embassy_by: string | null;
}

/**
 * Keeps one row per mission (with its diplomats, agreements and a timeline of every
 * event as a milestone) from the mission streams. Targets in force come from the
 * domain's own rule, so the read model and the decider never disagree. The head-of-mission
 * track (nominees' and registers' streams) is kept beside it by MissionHeadsHandler.
 */
export const missionStatusProjection: ProjectionDefinition = {
  name: MISSION_STATUS,
  version: 2,
  schema: MISSION_STATUS_SCHEMA + MISSION_HEADS_SCHEMA,
  bind: (db) => new MissionStatusHandler(db),
};

class MissionStatusHandler implements ProjectionHandler {
  private readonly insertMission: Database.Statement;
  private readonly touch: Database.Statement;
  private readonly setTargets: Database.Statement;
  private readonly insertAgreement: Database.Statement;
  private readonly agreementsOf: Database.Statement<[string], AgreementRow>;
  private readonly insertDiplomat: Database.Statement;
  private readonly diplomatArrived: Database.Statement;
  private readonly temporaryOffice: Database.Statement;
  private readonly embassy: Database.Statement;
  private readonly suspend: Database.Statement;
  private readonly resume: Database.Statement;
  private readonly close: Database.Statement;
  private readonly insertMilestone: Database.Statement;
  private readonly refreshCounts: Database.Statement;
  private readonly heads: MissionHeadsHandler;

  constructor(db: Database.Database) {
    this.heads = new MissionHeadsHandler(db);
    this.insertMission = db.prepare(
      `INSERT OR IGNORE INTO missions (id, sending_state, receiving_state, city, planned_on, agreed_on,
         temporary_office_by, embassy_by, revision, position)
       VALUES (@id, @sendingState, @receivingState, @city, @plannedOn, @agreedOn,
         @temporaryOfficeBy, @embassyBy, @revision, @position)`,
    );
    this.touch = db.prepare(
      'UPDATE missions SET revision = @revision, position = @position WHERE id = @id',
    );
    this.setTargets = db.prepare(
      `UPDATE missions SET temporary_office_by = @temporaryOfficeBy, embassy_by = @embassyBy,
         agreed_on = min(agreed_on, @agreedOn) WHERE id = @id`,
    );
    this.insertAgreement = db.prepare(
      `INSERT OR REPLACE INTO mission_agreements (mission_id, revision, meeting_id, outcome_id, planned_on,
         agreed_on, temporary_office_by, embassy_by)
       VALUES (@id, @revision, @meetingId, @outcomeId, @plannedOn, @agreedOn, @temporaryOfficeBy, @embassyBy)`,
    );
    this.agreementsOf = db.prepare(
      `SELECT meeting_id, outcome_id, planned_on, agreed_on, temporary_office_by, embassy_by
       FROM mission_agreements WHERE mission_id = ? ORDER BY revision`,
    );
    this.insertDiplomat = db.prepare(
      `INSERT OR REPLACE INTO mission_diplomats (mission_id, diplomat_id, revision, name, title, role,
         dispatched_on, expected_arrival_on, arrived_on)
       VALUES (@id, @diplomatId, @revision, @name, @title, @role, @dispatchedOn, @expectedArrivalOn, NULL)`,
    );
    this.diplomatArrived = db.prepare(
      `UPDATE mission_diplomats SET arrived_on = @arrivedOn WHERE mission_id = @id AND diplomat_id = @diplomatId`,
    );
    this.temporaryOffice = db.prepare(
      `UPDATE missions SET temporary_office_opened_on = @openedOn, temporary_office_address = @address WHERE id = @id`,
    );
    this.embassy = db.prepare(
      `UPDATE missions SET embassy_opened_on = @openedOn, embassy_address = @address WHERE id = @id`,
    );
    this.suspend = db.prepare(
      'UPDATE missions SET suspended_on = @on, suspension_reason = @reason WHERE id = @id',
    );
    this.resume = db.prepare(
      'UPDATE missions SET suspended_on = NULL, suspension_reason = NULL WHERE id = @id',
    );
    this.close = db.prepare(
      `UPDATE missions SET closed_on = @on, closure_reason = @reason, suspended_on = NULL,
         suspension_reason = NULL WHERE id = @id`,
    );
    this.insertMilestone = db.prepare(
      `INSERT OR REPLACE INTO mission_milestones (mission_id, revision, type, occurred_on, recorded_at,
         recorded_by, position, data)
       VALUES (@id, @revision, @type, @occurredOn, @recordedAt, @recordedBy, @position, @data)`,
    );
    this.refreshCounts = db.prepare(
      `UPDATE missions SET
         dispatched = (SELECT count(*) FROM mission_diplomats WHERE mission_id = @id),
         on_post = (SELECT count(*) FROM mission_diplomats WHERE mission_id = @id AND arrived_on IS NOT NULL)
       WHERE id = @id`,
    );
  }

  apply(recorded: RecordedEvent): readonly string[] {
    if (MissionHeadsHandler.follows(recorded)) return this.heads.apply(recorded);
    if (!recorded.stream.startsWith('mission-')) return [];
    const event = { type: recorded.type, data: recorded.data } as MissionEvent;
    const id = event.data.missionId;
    const at = { id, revision: recorded.revision, position: recorded.position };
    switch (event.type) {
      case 'MissionPlanned': {
        const { data } = event;
        this.insertMission.run({
          ...at,
          sendingState: data.sendingState,
          receivingState: data.receivingState,
          city: data.city,
          plannedOn: data.plannedOn,
          agreedOn: agreementDateOf(data),
          temporaryOfficeBy: null,
          embassyBy: null,
        });
        this.agree(at, data.source, data);
        break;
      }
      case 'MissionSourceLinked':
        this.agree(at, event.data.source, event.data);
        break;
      case 'MissionPlanRevised':
        this.agree(at, null, event.data);
        break;
      case 'DiplomatDispatched': {
        const { data } = event;
        this.insertDiplomat.run({
          ...at,
          diplomatId: data.diplomatId,
          name: data.name,
          title: data.title,
          role: data.role,
          dispatchedOn: data.dispatchedOn,
          expectedArrivalOn: data.expectedArrivalOn,
        });
        this.refreshCounts.run({ id });
        break;
      }
      case 'DiplomatArrived':
        this.diplomatArrived.run({
          id,
          diplomatId: event.data.diplomatId,
          arrivedOn: event.data.arrivedOn,
        });
        this.refreshCounts.run({ id });
        break;
      case 'TemporaryOfficeOpened':
        this.temporaryOffice.run({
          id,
          openedOn: event.data.openedOn,
          address: event.data.address,
        });
        break;
      case 'EmbassyOpened':
        this.embassy.run({ id, openedOn: event.data.openedOn, address: event.data.address });
        break;
      case 'OperationsSuspended':
        this.suspend.run({ id, on: event.data.suspendedOn, reason: event.data.reason });
        break;
      case 'OperationsResumed':
        this.resume.run({ id });
        break;
      case 'MissionClosed':
        this.close.run({ id, on: event.data.closedOn, reason: event.data.reason });
        break;
      default:
        return [];
    }
    this.touch.run(at);
    this.insertMilestone.run({
      ...at,
      type: event.type,
      occurredOn: event.data.occurredOn,
      recordedAt: stringOr(recorded.metadata.recordedAt, recorded.recordedAt),
      recordedBy: stringOr(recorded.metadata.actor, null),
      data: JSON.stringify(event.data),
    });
    return [id];
  }

  private agree(
    at: { id: string; revision: number },
    source: { meetingId: string; outcomeId: string } | null,
    data: Omit<MissionAgreement, 'source'>,
  ): void {
    this.insertAgreement.run({
      ...at,
      meetingId: source?.meetingId ?? null,
      outcomeId: source?.outcomeId ?? null,
      plannedOn: data.plannedOn,
      agreedOn: data.agreedOn,
      temporaryOfficeBy: data.targets.temporaryOfficeBy,
      embassyBy: data.targets.embassyBy,
    });
    const agreements = this.agreementsOf.all(at.id).map((row): MissionAgreement => ({
      source:
        row.meeting_id && row.outcome_id
          ? { meetingId: row.meeting_id, outcomeId: row.outcome_id }
          : null,
      plannedOn: row.planned_on,
      agreedOn: row.agreed_on,
      targets: { temporaryOfficeBy: row.temporary_office_by, embassyBy: row.embassy_by },
    }));
    const targets = targetsInForce(agreements);
    this.setTargets.run({ id: at.id, ...targets, agreedOn: agreementDateOf(data) });
  }
}

function stringOr<T>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}
