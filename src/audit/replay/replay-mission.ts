import type { Calendar } from '../../command-handling/calendar.js';
import type { MissionEvent } from '../../missions/domain/mission.events.js';
import { overdueTargetsOf, type OverdueTarget } from '../../missions/domain/mission-overdue.js';
import { evolveMission } from '../../missions/domain/mission.evolve.js';
import {
  agreementDateOf,
  agreementOf,
  initialMissionState,
  type MissionState,
} from '../../missions/domain/mission.state.js';
import type { IsoDate } from '../../shared/iso-date.js';
import type { JsonObject } from '../../shared/json.js';

/** One event of a mission's stream, at its current schema version, as replay needs it. */
export interface ReplayEvent {
  readonly revision: number;
  readonly position: string;
  readonly type: string;
  readonly data: JsonObject;
  /** When the fact happened; null for an event that does not say. */
  readonly occurredOn: IsoDate | null;
  /** When the service recorded it (ISO 8601 instant). */
  readonly recordedAt: string;
}

/**
 * Which moment to replay. `asOf` (an instant) or `revision` picks what the service knew:
 * the events recorded by then. `occurredBy` (a date) keeps, of those, the facts that had
 * happened by that date, whenever they were recorded. At least one is given.
 */
export interface ReplayPoint {
  readonly asOf?: string;
  readonly revision?: number;
  readonly occurredBy?: IsoDate;
}

export interface ReplayEventSummary {
  readonly revision: number;
  readonly type: string;
  readonly occurredOn: IsoDate | null;
  readonly recordedAt: string;
}

export type ReplayedMission = MissionState & { readonly overdue: readonly OverdueTarget[] };

export interface MissionReplayView {
  readonly missionId: string;
  readonly asOf: string | null;
  readonly revision: number | null;
  readonly occurredBy: IsoDate | null;
  /** The day overdue targets are judged on: occurredBy, else the asOf date, else the date the revision was recorded (in TIME_ZONE). */
  readonly today: IsoDate;
  /** The last event the service had recorded at that point; null when it knew nothing yet. */
  readonly knownThrough: {
    readonly revision: number;
    readonly position: string;
    readonly recordedAt: string;
  } | null;
  /** How many events were folded into `mission`. */
  readonly eventsApplied: number;
  /** Events known at that point but left out because they happened after `occurredBy`. */
  readonly notYetOccurred: readonly ReplayEventSummary[];
  /**
   * Events that had happened by `occurredBy` but that the mission as it stood then could not
   * take: an opening team sent ahead of the earliest agreement of its lifecycle that had
   * happened by then.
   */
  readonly beforeAgreement: readonly ReplayEventSummary[];
  readonly mission: ReplayedMission;
}

/**
 * A mission re-folded with the domain's own evolve from its events as known at a point.
 * "Known by asOf" is every revision up to the last one recorded at or before asOf (a
 * later revision implies the earlier ones existed, whatever the writers' clocks said).
 */
export function replayMission(
  missionId: string,
  events: readonly ReplayEvent[],
  point: ReplayPoint,
  calendar: Pick<Calendar, 'today'>,
): MissionReplayView {
  const known = knownAt(events, point);
  const counted =
    point.occurredBy === undefined
      ? known
      : known.filter((e) => e.occurredOn === null || e.occurredOn <= point.occurredBy!);
  const beforeAgreement: ReplayEvent[] = [];
  const state = foldedAt(known, counted).reduce<MissionState>((mission, { event, folded }) => {
    if (folded === null) {
      beforeAgreement.push(event);
      return mission;
    }
    const next = evolveMission(mission, folded);
    if (next === mission && mission.status === 'unplanned') beforeAgreement.push(event);
    return next;
  }, initialMissionState());
  const last = known[known.length - 1];
  const today =
    point.occurredBy ??
    calendar.today(new Date(point.asOf ?? last?.recordedAt ?? new Date(0).toISOString()));
  return {
    missionId,
    asOf: point.asOf ?? null,
    revision: point.revision ?? null,
    occurredBy: point.occurredBy ?? null,
    today,
    knownThrough: last
      ? { revision: last.revision, position: last.position, recordedAt: last.recordedAt }
      : null,
    eventsApplied: counted.length - beforeAgreement.length,
    notYetOccurred: known.filter((e) => !counted.includes(e)).map(summaryOf),
    beforeAgreement: beforeAgreement.map(summaryOf),
    mission: { ...state, overdue: overdueTargetsOf(state, today) },
  };
}

/** A counted event, and what is folded for it (null: a fact of a lifecycle not yet agreed). */
interface Step {
  readonly event: ReplayEvent;
  readonly folded: MissionEvent | null;
}

/**
 * What to fold, in stream order, for the counted events. A lifecycle (the first plan, or a
 * re-establishment, and the events recorded after it) was agreed by occurredBy if its first
 * event had happened by then, or any agreement recorded in it since (a meeting linked later,
 * a revision moving the agreement back). When only such a later agreement had happened, the
 * lifecycle starts from it, the earliest one by its date: the first event as that agreement
 * made it (its source, targets and dates), in the first event's place. The facts of a
 * lifecycle with no agreement yet are not folded (never into the lifecycle before it).
 */
function foldedAt(known: readonly ReplayEvent[], counted: readonly ReplayEvent[]): Step[] {
  const isCounted = new Set(counted);
  const startOf = lifecycleStarts(known);
  // The event each lifecycle agreed by then starts from: its first, else its earliest agreement.
  const opening = new Map<ReplayEvent, ReplayEvent>();
  for (const event of counted) {
    const start = startOf.get(event);
    if (start === undefined || !isAgreement(event)) continue;
    const earliest = opening.get(start);
    if (
      event === start ||
      earliest === undefined ||
      (earliest !== start && agreementDate(event) < agreementDate(earliest))
    ) {
      opening.set(start, event);
    }
  }
  const steps: Step[] = [];
  for (const event of known) {
    const start = startOf.get(event);
    const opener = start && opening.get(start);
    if (event === start) {
      if (opener !== undefined) steps.push({ event: opener, folded: startFrom(start, opener) });
    } else if (isCounted.has(event) && event !== opener) {
      const agreed = start === undefined || opener !== undefined;
      steps.push({ event, folded: agreed ? asMissionEvent(event) : null });
    }
  }
  return steps;
}

/** Each event of a lifecycle, with the MissionPlanned or MissionReestablished that began it. */
function lifecycleStarts(events: readonly ReplayEvent[]): Map<ReplayEvent, ReplayEvent> {
  const starts = new Map<ReplayEvent, ReplayEvent>();
  let start: ReplayEvent | undefined;
  for (const event of events) {
    if (event.type === 'MissionPlanned' || event.type === 'MissionReestablished') start = event;
    if (start !== undefined) starts.set(event, start);
  }
  return starts;
}

function asMissionEvent(event: ReplayEvent): MissionEvent {
  return { type: event.type, data: event.data } as MissionEvent;
}

function isAgreement(event: ReplayEvent): boolean {
  return agreementOf(asMissionEvent(event)) !== null;
}

function agreementDate(event: ReplayEvent): IsoDate {
  return agreementDateOf(agreementOf(asMissionEvent(event))!);
}

/** A lifecycle's first event as the agreement `opener` (recorded later in it) made it. */
function startFrom(start: ReplayEvent, opener: ReplayEvent): MissionEvent {
  if (opener === start) return asMissionEvent(start);
  const { source, plannedOn, agreedOn, targets } = agreementOf(asMissionEvent(opener))!;
  return {
    type: start.type,
    data: { ...start.data, source, targets, plannedOn, agreedOn, occurredOn: plannedOn },
  } as MissionEvent;
}

function summaryOf(event: ReplayEvent): ReplayEventSummary {
  return {
    revision: event.revision,
    type: event.type,
    occurredOn: event.occurredOn,
    recordedAt: event.recordedAt,
  };
}

/** The events the service knew at the point: every revision up to the last one recorded by then. */
export function knownAt(
  events: readonly ReplayEvent[],
  point: ReplayPoint,
): readonly ReplayEvent[] {
  let through = Number.POSITIVE_INFINITY;
  if (point.revision !== undefined) through = point.revision;
  if (point.asOf !== undefined) {
    const asOf = Date.parse(point.asOf);
    const recorded = events.filter((e) => Date.parse(e.recordedAt) <= asOf);
    const lastKnown = recorded.length === 0 ? -1 : Math.max(...recorded.map((e) => e.revision));
    through = Math.min(through, lastKnown);
  }
  return events.filter((e) => e.revision <= through);
}
