import type { MissionEvent } from '../../domain/mission.events.js';
import {
  agreementDateOf,
  agreementOf,
  targetsInForce,
  type MissionAgreement,
} from '../../domain/mission.state.js';

/** What most events change: the diplomats counted, the revision and the position. */
export interface MissionProgress {
  /** Diplomats dispatched, and of them those who arrived. */
  readonly dispatched: number;
  readonly onPost: number;
  /** The mission stream's revision (If-Match on mission commands). */
  readonly revision: number;
  /** The position of the last event that changed the mission's view. */
  readonly position: string;
}

/** The rest of the row: set by the plan and agreements, premises, suspension and closure. */
export interface MissionFacts {
  readonly id: string;
  readonly sendingState: string;
  readonly receivingState: string;
  readonly city: string;
  readonly plannedOn: string;
  /** The earliest date any agreement was made on. */
  readonly agreedOn: string;
  readonly temporaryOfficeBy: string | null;
  readonly embassyBy: string | null;
  readonly temporaryOfficeOpenedOn: string | null;
  readonly temporaryOfficeAddress: string | null;
  readonly embassyOpenedOn: string | null;
  readonly embassyAddress: string | null;
  readonly suspendedOn: string | null;
  readonly suspensionReason: string | null;
  readonly closedOn: string | null;
  readonly closureReason: string | null;
  /** The revision the current lifecycle began at: 0, or that of its MissionReestablished. */
  readonly lifecycleFrom: number;
}

/** One mission's row of the mission status read model (the `missions` table). */
export interface MissionStatusRow {
  readonly facts: MissionFacts;
  readonly progress: MissionProgress;
}

/** What the projection knows of one mission while it applies events. */
export interface MissionStatusRecord {
  /** null until the mission is planned: events of an unplanned mission change no row. */
  readonly row: MissionStatusRow | null;
  /**
   * Every agreement of the current lifecycle (plan or re-establishment, linked source,
   * revision) in the order recorded: targets come from them.
   */
  readonly agreements: readonly MissionAgreement[];
}

export const NOTHING_RECORDED: MissionStatusRecord = { row: null, agreements: [] };

/** Where an event sits: its revision in the mission stream and its position in the log. */
export interface RecordedAt {
  readonly revision: number;
  readonly position: string;
}

/**
 * The record after one of the mission's events. Counting events counts diplomats: the
 * decider dispatches a diplomat once and records an arrival once (rules
 * diplomatAlreadyDispatched, diplomatAlreadyArrived). Targets in force come from the
 * domain's own rule, so the read model and the decider never disagree. A dispatch or an
 * arrival keeps the facts as they are (the same object): only the progress is new.
 */
export function evolveMissionStatus(
  record: MissionStatusRecord,
  event: MissionEvent,
  at: RecordedAt,
): MissionStatusRecord {
  const agreement = agreementOf(event);
  if (agreement) return agreed(record, event, agreement, at);
  const { row } = record;
  if (row === null) return record;
  const { facts, progress } = row;
  const { dispatched, onPost } = progress;
  switch (event.type) {
    case 'DiplomatDispatched':
      return recorded(record, facts, progressOf(dispatched + 1, onPost, at));
    case 'DiplomatArrived':
      return recorded(record, facts, progressOf(dispatched, onPost + 1, at));
    case 'TemporaryOfficeOpened':
      return recorded(
        record,
        {
          ...facts,
          temporaryOfficeOpenedOn: event.data.openedOn,
          temporaryOfficeAddress: event.data.address,
        },
        progressOf(dispatched, onPost, at),
      );
    case 'EmbassyOpened':
      return recorded(
        record,
        { ...facts, embassyOpenedOn: event.data.openedOn, embassyAddress: event.data.address },
        progressOf(dispatched, onPost, at),
      );
    case 'OperationsSuspended':
      return recorded(
        record,
        { ...facts, suspendedOn: event.data.suspendedOn, suspensionReason: event.data.reason },
        progressOf(dispatched, onPost, at),
      );
    case 'OperationsResumed':
      return recorded(
        record,
        { ...facts, suspendedOn: null, suspensionReason: null },
        progressOf(dispatched, onPost, at),
      );
    case 'MissionClosed':
      return recorded(
        record,
        {
          ...facts,
          closedOn: event.data.closedOn,
          closureReason: event.data.reason,
          suspendedOn: null,
          suspensionReason: null,
        },
        progressOf(dispatched, onPost, at),
      );
    default:
      return record;
  }
}

/** The record after an event of the mission's head-of-mission track: only its position moves. */
export function touchMissionStatus(
  record: MissionStatusRecord,
  position: string,
): MissionStatusRecord {
  const { row } = record;
  return row === null ? record : recorded(record, row.facts, { ...row.progress, position });
}

function progressOf(dispatched: number, onPost: number, at: RecordedAt): MissionProgress {
  return { dispatched, onPost, revision: at.revision, position: at.position };
}

function recorded(
  record: MissionStatusRecord,
  facts: MissionFacts,
  progress: MissionProgress,
): MissionStatusRecord {
  return { row: { facts, progress }, agreements: record.agreements };
}

/** A plan, a linked source or a revision: the targets in force and the agreement date move. */
function agreed(
  record: MissionStatusRecord,
  event: MissionEvent,
  agreement: MissionAgreement,
  at: RecordedAt,
): MissionStatusRecord {
  if (event.type === 'MissionReestablished') return reestablished(record, agreement, at);
  const agreements = [...record.agreements, agreement];
  const row = event.type === 'MissionPlanned' ? (record.row ?? planned(event, at)) : record.row;
  if (row === null) return { row, agreements };
  const targets = targetsInForce(agreements);
  const agreedOn = agreementDateOf(agreement);
  const facts: MissionFacts = {
    ...row.facts,
    temporaryOfficeBy: targets.temporaryOfficeBy,
    embassyBy: targets.embassyBy,
    agreedOn: agreedOn < row.facts.agreedOn ? agreedOn : row.facts.agreedOn,
  };
  const progress = progressOf(row.progress.dispatched, row.progress.onPost, at);
  return { row: { facts, progress }, agreements };
}

/** The facts of a lifecycle that has just begun: no premises, no suspension, no closure. */
const NOTHING_DONE = {
  temporaryOfficeOpenedOn: null,
  temporaryOfficeAddress: null,
  embassyOpenedOn: null,
  embassyAddress: null,
  suspendedOn: null,
  suspensionReason: null,
  closedOn: null,
  closureReason: null,
} as const satisfies Partial<MissionFacts>;

function planned(
  event: Extract<MissionEvent, { type: 'MissionPlanned' }>,
  at: RecordedAt,
): MissionStatusRow {
  const { data } = event;
  return {
    facts: {
      id: data.missionId,
      sendingState: data.sendingState,
      receivingState: data.receivingState,
      city: data.city,
      plannedOn: data.plannedOn,
      agreedOn: agreementDateOf(data),
      temporaryOfficeBy: null,
      embassyBy: null,
      ...NOTHING_DONE,
      lifecycleFrom: 0,
    },
    progress: progressOf(0, 0, at),
  };
}

/**
 * A closed mission starts a new lifecycle: the facts of the last one (premises, diplomats
 * counted, closure) are cleared, and its agreements no longer set targets. Its milestones stay
 * in the timeline. Like the decider, a mission that is not closed ignores it.
 */
function reestablished(
  record: MissionStatusRecord,
  agreement: MissionAgreement,
  at: RecordedAt,
): MissionStatusRecord {
  const { row } = record;
  if (row === null || row.facts.closedOn === null) return record;
  const targets = targetsInForce([agreement]);
  return {
    row: {
      facts: {
        ...row.facts,
        plannedOn: agreement.plannedOn,
        agreedOn: agreementDateOf(agreement),
        temporaryOfficeBy: targets.temporaryOfficeBy,
        embassyBy: targets.embassyBy,
        ...NOTHING_DONE,
        lifecycleFrom: at.revision,
      },
      progress: progressOf(0, 0, at),
    },
    agreements: [agreement],
  };
}
