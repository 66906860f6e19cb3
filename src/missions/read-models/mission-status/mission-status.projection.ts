import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/event-store.port.js';
import { MultiRowStatement } from '../../../projections/multi-row-statement.js';
import type {
  ChangeSink,
  GenerationInfo,
  ProjectionDefinition,
  ProjectionHandler,
} from '../../../projections/projection.js';
import { MISSION_EVENT_TYPES, type MissionEvent } from '../../domain/mission.events.js';
import { agreementOf } from '../../domain/mission.state.js';
import { MissionHeadsHandler } from './mission-heads.projection.js';
import { milestoneJson, timelineJson } from './mission-milestones.js';
import { MISSION_HEADS_SCHEMA } from './mission-heads.schema.js';
import { MissionStatusRecords } from './mission-status-records.js';
import {
  evolveMissionStatus,
  touchMissionStatus,
  type MissionStatusRecord,
  type MissionStatusRow,
} from './mission-status-row.evolve.js';
import { MISSION_STATUS_QUERY_INDEXES, MISSION_STATUS_SCHEMA } from './mission-status.schema.js';

export const MISSION_STATUS = 'mission-status';

const MISSION_EVENTS: ReadonlySet<string> = new Set(MISSION_EVENT_TYPES);

/**
 * Keeps one row per mission, its agreements and a timeline of every event as a milestone,
 * from the mission streams. A batch is folded in memory (evolveMissionStatus), then each
 * mission it touched is written once: its row, and its new milestones as one timeline row.
 * The head-of-mission track (nominees' and registers' streams) is kept beside it by
 * MissionHeadsHandler.
 */
export const missionStatusProjection: ProjectionDefinition = {
  name: MISSION_STATUS,
  version: 4,
  schema: MISSION_STATUS_SCHEMA + MISSION_HEADS_SCHEMA,
  queryIndexes: MISSION_STATUS_QUERY_INDEXES,
  bind: (db, generation) => new MissionStatusHandler(db, generation),
};

/** A mission the batch touched. */
interface Touched {
  /** Its row as the database has it. */
  readonly stored: MissionStatusRow | null;
  record: MissionStatusRecord;
  /** The revision of its first milestone recorded by the batch, if any. */
  firstRevision: number | undefined;
  /** Its milestones recorded by the batch, in order (JSON text). */
  readonly milestones: string[];
}

class MissionStatusHandler implements ProjectionHandler {
  private readonly records: MissionStatusRecords;
  private readonly heads: MissionHeadsHandler;
  private readonly insertMilestones: MultiRowStatement<[string, number, string]>;

  constructor(db: Database.Database, generation?: GenerationInfo) {
    this.records = new MissionStatusRecords(db, generation?.building ?? (() => false));
    this.heads = new MissionHeadsHandler(db);
    this.insertMilestones = new MultiRowStatement(
      db,
      (values) =>
        `INSERT INTO mission_milestones (mission_id, revision, milestones) VALUES ${values}`,
      3,
    );
  }

  applyBatch(events: readonly RecordedEvent[], changed: ChangeSink): void {
    this.records.begin();
    const touched = new Map<string, Touched>();
    const touch = (missionId: string): Touched => {
      let mission = touched.get(missionId);
      if (!mission) {
        const record = this.records.get(missionId);
        mission = { stored: record.row, record, firstRevision: undefined, milestones: [] };
        touched.set(missionId, mission);
      }
      return mission;
    };
    for (const recorded of events) {
      if (MissionHeadsHandler.follows(recorded)) {
        const missionId = this.heads.apply(recorded);
        if (missionId === undefined) continue;
        const mission = touch(missionId);
        mission.record = touchMissionStatus(mission.record, recorded.position);
        changed(missionId, recorded.position);
        continue;
      }
      if (!recorded.stream.startsWith('mission-') || !MISSION_EVENTS.has(recorded.type)) continue;
      const event = { type: recorded.type, data: recorded.data } as MissionEvent;
      const id = event.data.missionId;
      const { revision, position } = recorded;
      const mission = touch(id);
      mission.record = evolveMissionStatus(mission.record, event, { revision, position });
      const agreement = agreementOf(event);
      if (agreement) this.records.saveAgreement(id, revision, agreement);
      mission.firstRevision ??= revision;
      mission.milestones.push(milestoneJson(recorded));
      changed(id, position);
    }
    this.write(touched);
  }

  discard(): void {
    this.records.rollBack();
  }

  flush(): void {
    this.records.flush();
  }

  private write(touched: ReadonlyMap<string, Touched>): void {
    const timeline: [string, number, string][] = [];
    const rows: { stored: MissionStatusRow | null; row: MissionStatusRow }[] = [];
    for (const [missionId, { stored, record, firstRevision, milestones }] of touched) {
      if (firstRevision !== undefined) {
        timeline.push([missionId, firstRevision, timelineJson(milestones)]);
      }
      if (record.row) rows.push({ stored, row: record.row });
      this.records.remember(missionId, record);
    }
    this.insertMilestones.run(timeline);
    this.records.save(rows);
  }
}
