import { earliestOf, latestOf, type IsoDate } from '../../shared/iso-date.js';
import type { MissionEvent } from './mission.events.js';
import {
  activeStatusOf,
  agreementDateOf,
  agreementOf,
  isActive,
  targetsInForce,
  type MissionAgreement,
  type MissionRecord,
  type MissionState,
  type PlannedMission,
} from './mission.state.js';

/** Folds one event into the mission's state. Events a state cannot take leave it unchanged. */
export function evolveMission(state: MissionState, event: MissionEvent): MissionState {
  if (event.type === 'MissionPlanned') {
    const { data } = event;
    return {
      status: 'planned',
      missionId: data.missionId,
      sendingState: data.sendingState,
      receivingState: data.receivingState,
      city: data.city,
      ...freshLifecycle(agreementOf(event)),
      lifecycle: 1,
      previousClosedOn: null,
      earlierSources: [],
      earlierDiplomatIds: [],
      earlierClosures: [],
    };
  }
  if (state.status === 'unplanned') return state;

  switch (event.type) {
    case 'MissionReestablished': {
      if (state.status !== 'closed') return state;
      const { data } = event;
      return {
        status: 'planned',
        missionId: state.missionId,
        sendingState: state.sendingState,
        receivingState: state.receivingState,
        city: state.city,
        ...freshLifecycle(agreementOf(event)),
        lifecycle: data.lifecycle,
        previousClosedOn: data.previousClosedOn,
        earlierSources: [
          ...state.earlierSources,
          ...state.agreements.flatMap((agreement) => (agreement.source ? [agreement.source] : [])),
        ],
        earlierDiplomatIds: [
          ...state.earlierDiplomatIds,
          ...state.diplomats.map((diplomat) => diplomat.diplomatId),
        ],
        earlierClosures: [...state.earlierClosures, state.closedOn],
      };
    }
    case 'MissionSourceLinked':
    case 'MissionPlanRevised': {
      const agreement = agreementOf(event);
      const agreements = [...state.agreements, agreement];
      return withRecord(state, {
        agreements,
        targets: targetsInForce(agreements),
        agreedOn: earliestOf(state.agreedOn, agreementDateOf(agreement)),
      });
    }
    case 'DiplomatDispatched': {
      const { data } = event;
      return withMilestone(state, data.occurredOn, {
        diplomats: [
          ...state.diplomats,
          {
            diplomatId: data.diplomatId,
            name: data.name,
            title: data.title,
            role: data.role,
            rank: data.rank,
            dispatchedOn: data.dispatchedOn,
            expectedArrivalOn: data.expectedArrivalOn,
            arrivedOn: null,
          },
        ],
      });
    }
    case 'DiplomatArrived': {
      const { data } = event;
      return withMilestone(state, data.occurredOn, {
        diplomats: state.diplomats.map((diplomat) =>
          diplomat.diplomatId === data.diplomatId
            ? { ...diplomat, arrivedOn: data.arrivedOn }
            : diplomat,
        ),
      });
    }
    case 'TemporaryOfficeOpened':
      return withMilestone(state, event.data.occurredOn, {
        temporaryOffice: { openedOn: event.data.openedOn, address: event.data.address },
      });
    case 'EmbassyOpened':
      return withMilestone(state, event.data.occurredOn, {
        embassy: { openedOn: event.data.openedOn, address: event.data.address },
      });
    case 'OperationsSuspended': {
      if (!isActive(state)) return state;
      const { data } = event;
      return {
        ...recordOf(state),
        status: 'suspended',
        resumesAs: state.status,
        suspensions: [
          ...state.suspensions,
          { suspendedOn: data.suspendedOn, reason: data.reason, resumedOn: null },
        ],
        latestMilestoneOn: latestMilestone(state, data.occurredOn),
      };
    }
    case 'OperationsResumed': {
      if (state.status !== 'suspended') return state;
      const { data } = event;
      return {
        ...recordOf(state),
        status: state.resumesAs,
        suspensions: state.suspensions.map((suspension, index) =>
          index === state.suspensions.length - 1
            ? { ...suspension, resumedOn: data.resumedOn }
            : suspension,
        ),
        latestMilestoneOn: latestMilestone(state, data.occurredOn),
      };
    }
    case 'MissionClosed': {
      const { data } = event;
      return {
        ...recordOf(state),
        status: 'closed',
        closedOn: data.closedOn,
        closureReason: data.reason,
        latestMilestoneOn: latestMilestone(state, data.occurredOn),
      };
    }
    default: {
      const unknown: never = event;
      return unknownEvent(unknown, state);
    }
  }
}

/** What a lifecycle starts from: its first agreement, and nothing done yet. */
function freshLifecycle(agreement: MissionAgreement) {
  return {
    targets: targetsInForce([agreement]),
    agreements: [agreement],
    plannedOn: agreement.plannedOn,
    agreedOn: agreementDateOf(agreement),
    diplomats: [],
    temporaryOffice: null,
    embassy: null,
    suspensions: [],
    latestMilestoneOn: null,
  } satisfies Partial<MissionRecord>;
}

/** The record part of a planned mission, without its status-specific fields. */
function recordOf(mission: PlannedMission): MissionRecord {
  return {
    missionId: mission.missionId,
    sendingState: mission.sendingState,
    receivingState: mission.receivingState,
    city: mission.city,
    targets: mission.targets,
    agreements: mission.agreements,
    plannedOn: mission.plannedOn,
    agreedOn: mission.agreedOn,
    diplomats: mission.diplomats,
    temporaryOffice: mission.temporaryOffice,
    embassy: mission.embassy,
    suspensions: mission.suspensions,
    latestMilestoneOn: mission.latestMilestoneOn,
    lifecycle: mission.lifecycle,
    previousClosedOn: mission.previousClosedOn,
    earlierSources: mission.earlierSources,
    earlierDiplomatIds: mission.earlierDiplomatIds,
    earlierClosures: mission.earlierClosures,
  };
}

/**
 * The mission with part of its record replaced. An operating mission's status follows its
 * facts, and so does the status a suspended one resumes as (a milestone dated before the
 * suspension may be recorded while it lasts).
 */
function withRecord(mission: PlannedMission, changes: Partial<MissionRecord>): PlannedMission {
  if (mission.status === 'closed') return { ...mission, ...changes };
  const status = activeStatusOf({ ...mission, ...changes });
  return mission.status === 'suspended'
    ? { ...mission, ...changes, resumesAs: status }
    : { ...mission, ...changes, status };
}

function withMilestone(
  mission: PlannedMission,
  occurredOn: IsoDate,
  changes: Partial<MissionRecord>,
): PlannedMission {
  return withRecord(mission, {
    ...changes,
    latestMilestoneOn: latestMilestone(mission, occurredOn),
  });
}

function latestMilestone(mission: MissionRecord, occurredOn: IsoDate): IsoDate {
  return mission.latestMilestoneOn === null
    ? occurredOn
    : latestOf(mission.latestMilestoneOn, occurredOn);
}

/** An event type this code does not know (a newer writer): the state is left as it was. */
function unknownEvent(_event: never, state: MissionState): MissionState {
  return state;
}
