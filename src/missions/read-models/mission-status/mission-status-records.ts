import type Database from 'better-sqlite3';
import { MultiRowStatement } from '../../../projections/multi-row-statement.js';
import type { MissionAgreement } from '../../domain/mission.state.js';
import {
  NOTHING_RECORDED,
  type MissionStatusRecord,
  type MissionStatusRow,
} from './mission-status-row.evolve.js';
import type { MissionsTableRow } from './mission-status.schema.js';

/** Missions whose records are remembered between batches (a few hundred bytes each). */
const REMEMBERED = 50_000;

type RowValues = [
  string,
  string,
  string,
  string,
  string,
  string,
  string | null,
  string | null,
  number,
  number,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number,
  string,
  number,
];

interface StoredAgreement {
  meeting_id: string | null;
  outcome_id: string | null;
  planned_on: string;
  agreed_on: string;
  temporary_office_by: string | null;
  embassy_by: string | null;
}

const COLUMNS = [
  'id',
  'sending_state',
  'receiving_state',
  'city',
  'planned_on',
  'agreed_on',
  'temporary_office_by',
  'embassy_by',
  'dispatched',
  'on_post',
  'temporary_office_opened_on',
  'temporary_office_address',
  'embassy_opened_on',
  'embassy_address',
  'suspended_on',
  'suspension_reason',
  'closed_on',
  'closure_reason',
  'revision',
  'position',
  'lifecycle_from',
] as const;

/** What a mission's entry was before the current batch first changed it. */
interface Before {
  readonly record: MissionStatusRecord | undefined;
  readonly unwritten: boolean;
}

/**
 * Each mission's record (its row and its agreements) as the projection folds events into
 * it: read from the database once, then remembered, since this projection is the only
 * writer of its file. Call begin() before each batch and rollBack() when its transaction
 * rolls back: what the batch changed in memory is put back as it was.
 *
 * While the generation is being built (nobody reads it), a row whose facts did not change
 * (a dispatch or an arrival: only the counts, revision and position move) is not written:
 * it stays remembered, marked unwritten, and flush() writes them all before the generation
 * serves. A remembered record about to be forgotten is written first.
 */
export class MissionStatusRecords {
  private readonly remembered = new Map<string, MissionStatusRecord>();
  /** Missions whose progress columns the database has behind what is remembered. */
  private readonly unwritten = new Set<string>();
  /** The current batch's undo log. */
  private readonly before = new Map<string, Before>();
  private readonly selectRow: Database.Statement<[string], MissionsTableRow>;
  private readonly selectAgreements: Database.Statement<[string, number], StoredAgreement>;
  private readonly upsertRow: Database.Statement<RowValues>;
  private readonly updateProgress: MultiRowStatement<[string, number, number, number, string]>;
  private readonly insertAgreement: Database.Statement;

  constructor(
    db: Database.Database,
    /** Whether rows whose facts did not change may be held back (see the class comment). */
    private readonly holdingBack: () => boolean = () => false,
  ) {
    this.selectRow = db.prepare<[string], MissionsTableRow>(
      `SELECT ${COLUMNS.join(', ')} FROM missions WHERE id = ?`,
    );
    this.selectAgreements = db.prepare<[string, number], StoredAgreement>(
      `SELECT meeting_id, outcome_id, planned_on, agreed_on, temporary_office_by, embassy_by
       FROM mission_agreements WHERE mission_id = ? AND revision >= ? ORDER BY revision`,
    );
    this.upsertRow = db.prepare<RowValues>(
      `INSERT INTO missions (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${COLUMNS.slice(1)
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}`,
    );
    this.updateProgress = new MultiRowStatement(
      db,
      (values) => `UPDATE missions SET dispatched = v.column2, on_post = v.column3,
         revision = v.column4, position = v.column5
       FROM (VALUES ${values}) AS v WHERE missions.id = v.column1`,
      5,
    );
    this.insertAgreement = db.prepare(
      `INSERT OR REPLACE INTO mission_agreements (mission_id, revision, meeting_id, outcome_id,
         planned_on, agreed_on, temporary_office_by, embassy_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  get(missionId: string): MissionStatusRecord {
    const known = this.remembered.get(missionId);
    if (known) return known;
    const stored = this.selectRow.get(missionId);
    // Only the current lifecycle's agreements set targets.
    const agreements = this.selectAgreements
      .all(missionId, stored?.lifecycle_from ?? 0)
      .map(toAgreement);
    if (!stored && agreements.length === 0) return NOTHING_RECORDED;
    return { row: stored ? toRow(stored) : null, agreements };
  }

  /** A batch begins: the one before it committed. */
  begin(): void {
    this.before.clear();
  }

  /** Remembers the record as this transaction leaves it (its row written by save()). */
  remember(missionId: string, record: MissionStatusRecord): void {
    if (!this.remembered.has(missionId) && this.remembered.size >= REMEMBERED) {
      // The oldest remembered goes: it is read again from the database when needed, so a
      // row held back is written first.
      const oldest = this.remembered.keys().next().value as string;
      const held = this.remembered.get(oldest)?.row;
      this.keepForUndo(oldest);
      if (held && this.unwritten.delete(oldest)) this.updateProgress.run([progressOf(held)]);
      this.remembered.delete(oldest);
    }
    this.keepForUndo(missionId);
    this.remembered.set(missionId, record);
  }

  /**
   * Writes each row, given the row as the database has it (`stored`). Most events only count
   * a diplomat and move the revision (the facts are the same object): then only the progress
   * columns are written, for all such rows in a few statements, or, while building, not yet.
   */
  save(
    rows: readonly { readonly stored: MissionStatusRow | null; readonly row: MissionStatusRow }[],
  ): void {
    const holdingBack = this.holdingBack();
    const progressed: [string, number, number, number, string][] = [];
    for (const { stored, row } of rows) {
      const id = row.facts.id;
      this.keepForUndo(id);
      if (stored?.facts !== row.facts) {
        this.upsert(row);
        this.unwritten.delete(id);
      } else if (holdingBack && this.remembered.get(id)?.row === row) {
        // Held only while remembered: flush() writes what is remembered.
        this.unwritten.add(id);
      } else {
        progressed.push(progressOf(row));
      }
    }
    this.updateProgress.run(progressed);
  }

  /** Writes every row held back (in the caller's transaction). */
  flush(): void {
    const rows = [...this.unwritten].flatMap((id) => {
      const row = this.remembered.get(id)?.row;
      return row ? [progressOf(row)] : [];
    });
    this.updateProgress.run(rows);
    this.unwritten.clear();
  }

  /** The batch's transaction rolled back: what it changed in memory is put back. */
  rollBack(): void {
    for (const [id, { record, unwritten }] of this.before) {
      if (record === undefined) this.remembered.delete(id);
      else this.remembered.set(id, record);
      if (unwritten) this.unwritten.add(id);
      else this.unwritten.delete(id);
    }
    this.before.clear();
  }

  private keepForUndo(id: string): void {
    if (this.before.has(id)) return;
    this.before.set(id, { record: this.remembered.get(id), unwritten: this.unwritten.has(id) });
  }

  private upsert({ facts, progress }: MissionStatusRow): void {
    this.upsertRow.run(
      facts.id,
      facts.sendingState,
      facts.receivingState,
      facts.city,
      facts.plannedOn,
      facts.agreedOn,
      facts.temporaryOfficeBy,
      facts.embassyBy,
      progress.dispatched,
      progress.onPost,
      facts.temporaryOfficeOpenedOn,
      facts.temporaryOfficeAddress,
      facts.embassyOpenedOn,
      facts.embassyAddress,
      facts.suspendedOn,
      facts.suspensionReason,
      facts.closedOn,
      facts.closureReason,
      progress.revision,
      progress.position,
      facts.lifecycleFrom,
    );
  }

  saveAgreement(missionId: string, revision: number, agreement: MissionAgreement): void {
    this.insertAgreement.run(
      missionId,
      revision,
      agreement.source?.meetingId ?? null,
      agreement.source?.outcomeId ?? null,
      agreement.plannedOn,
      agreement.agreedOn,
      agreement.targets.temporaryOfficeBy,
      agreement.targets.embassyBy,
    );
  }
}

function progressOf({
  facts,
  progress,
}: MissionStatusRow): [string, number, number, number, string] {
  return [facts.id, progress.dispatched, progress.onPost, progress.revision, progress.position];
}

function toRow(stored: MissionsTableRow): MissionStatusRow {
  return {
    facts: {
      id: stored.id,
      sendingState: stored.sending_state,
      receivingState: stored.receiving_state,
      city: stored.city,
      plannedOn: stored.planned_on,
      agreedOn: stored.agreed_on,
      temporaryOfficeBy: stored.temporary_office_by,
      embassyBy: stored.embassy_by,
      temporaryOfficeOpenedOn: stored.temporary_office_opened_on,
      temporaryOfficeAddress: stored.temporary_office_address,
      embassyOpenedOn: stored.embassy_opened_on,
      embassyAddress: stored.embassy_address,
      suspendedOn: stored.suspended_on,
      suspensionReason: stored.suspension_reason,
      closedOn: stored.closed_on,
      closureReason: stored.closure_reason,
      lifecycleFrom: stored.lifecycle_from,
    },
    progress: {
      dispatched: stored.dispatched,
      onPost: stored.on_post,
      revision: stored.revision,
      position: stored.position,
    },
  };
}

function toAgreement(stored: StoredAgreement): MissionAgreement {
  return {
    source:
      stored.meeting_id && stored.outcome_id
        ? { meetingId: stored.meeting_id, outcomeId: stored.outcome_id }
        : null,
    plannedOn: stored.planned_on,
    agreedOn: stored.agreed_on,
    targets: { temporaryOfficeBy: stored.temporary_office_by, embassyBy: stored.embassy_by },
  };
}
