import type {
  CloseMission,
  DispatchDiplomat,
  OpenEmbassy,
  OpenTemporaryOffice,
  PlanMission,
  RecordDiplomatArrival,
  ResumeOperations,
  SuspendOperations,
} from '../../src/missions/domain/mission.commands.js';
import type {
  DiplomatArrived,
  DiplomatDispatched,
  EmbassyOpened,
  MissionClosed,
  MissionPlanned,
  MissionReestablished,
  OperationsResumed,
  OperationsSuspended,
  TemporaryOfficeOpened,
} from '../../src/missions/domain/mission.events.js';

/*
 * The seed case: the Korean mission in Havana, agreed at the 2024-06-12 meeting in Seoul
 * (temporary office "within the first half of the year"), opened on 2025-01-17.
 */

export const TODAY = '2025-07-01';
export const metadata = { today: TODAY };

export const missionId = 'kr-cu-havana';
export const seoulMeeting = { meetingId: 'meeting-seoul-2024-06-12', outcomeId: 'missions' };
export const havanaMeeting = { meetingId: 'meeting-havana-2024-04-27', outcomeId: 'missions' };
export const AGREED_ON = '2024-06-12';

export function plan(data: Partial<PlanMission['data']> = {}): PlanMission {
  return {
    type: 'PlanMission',
    data: {
      missionId,
      sendingState: 'KR',
      receivingState: 'CU',
      city: 'Havana',
      targets: { temporaryOfficeBy: '2024-06-30' },
      source: seoulMeeting,
      plannedOn: AGREED_ON,
      agreedOn: AGREED_ON,
      ...data,
    },
    metadata,
  };
}

export const planned: MissionPlanned = {
  type: 'MissionPlanned',
  data: {
    missionId,
    sendingState: 'KR',
    receivingState: 'CU',
    city: 'Havana',
    targets: { temporaryOfficeBy: '2024-06-30', embassyBy: null },
    source: seoulMeeting,
    plannedOn: AGREED_ON,
    agreedOn: AGREED_ON,
    occurredOn: AGREED_ON,
  },
};

export function dispatch(data: Partial<DispatchDiplomat['data']> = {}): DispatchDiplomat {
  return {
    type: 'DispatchDiplomat',
    data: {
      diplomatId: 'diplomat-1',
      name: 'Kim Min-ji',
      title: 'Counsellor',
      role: 'head-of-office',
      dispatchedOn: '2024-06-13',
      ...data,
    },
    metadata,
  };
}

export function dispatched(
  diplomatId = 'diplomat-1',
  dispatchedOn = '2024-06-13',
): DiplomatDispatched {
  return {
    type: 'DiplomatDispatched',
    data: {
      missionId,
      diplomatId,
      name: 'Kim Min-ji',
      title: 'Counsellor',
      role: 'head-of-office',
      rank: { grade: 'counsellor', inferredFromTitle: true },
      dispatchedOn,
      expectedArrivalOn: null,
      occurredOn: dispatchedOn,
    },
  };
}

export function recordArrival(
  arrivedOn = '2024-06-15',
  diplomatId = 'diplomat-1',
): RecordDiplomatArrival {
  return { type: 'RecordDiplomatArrival', data: { diplomatId, arrivedOn }, metadata };
}

export function arrived(arrivedOn = '2024-06-15', diplomatId = 'diplomat-1'): DiplomatArrived {
  return {
    type: 'DiplomatArrived',
    data: { missionId, diplomatId, arrivedOn, occurredOn: arrivedOn },
  };
}

export function openTemporaryOffice(
  openedOn = '2024-06-28',
  address: string | null = 'Miramar Trade Center, Havana',
): OpenTemporaryOffice {
  return { type: 'OpenTemporaryOffice', data: { openedOn, address }, metadata };
}

export function temporaryOfficeOpened(
  openedOn = '2024-06-28',
  address: string | null = 'Miramar Trade Center, Havana',
): TemporaryOfficeOpened {
  return {
    type: 'TemporaryOfficeOpened',
    data: { missionId, openedOn, address, occurredOn: openedOn },
  };
}

export function openEmbassy(openedOn = '2025-01-17', address: string | null = null): OpenEmbassy {
  return { type: 'OpenEmbassy', data: { openedOn, address }, metadata };
}

export function embassyOpened(
  openedOn = '2025-01-17',
  address: string | null = null,
): EmbassyOpened {
  return { type: 'EmbassyOpened', data: { missionId, openedOn, address, occurredOn: openedOn } };
}

export function suspend(on = '2025-03-01', reason = 'ordered departure'): SuspendOperations {
  return { type: 'SuspendOperations', data: { on, reason }, metadata };
}

export function suspended(on = '2025-03-01', reason = 'ordered departure'): OperationsSuspended {
  return {
    type: 'OperationsSuspended',
    data: { missionId, suspendedOn: on, reason, occurredOn: on },
  };
}

export function resume(on = '2025-04-01'): ResumeOperations {
  return { type: 'ResumeOperations', data: { on }, metadata };
}

export function resumed(on = '2025-04-01'): OperationsResumed {
  return { type: 'OperationsResumed', data: { missionId, resumedOn: on, occurredOn: on } };
}

export function close(on = '2025-05-01', reason = 'relations severed'): CloseMission {
  return { type: 'CloseMission', data: { on, reason }, metadata };
}

export function closed(on = '2025-05-01', reason = 'relations severed'): MissionClosed {
  return { type: 'MissionClosed', data: { missionId, closedOn: on, reason, occurredOn: on } };
}

/** Planned, one diplomat dispatched on 2024-06-13 who arrived on 2024-06-15. */
export const onPost = [planned, dispatched(), arrived()];

/** Relations restored on `on`: the mission closed on `previousClosedOn` starts `lifecycle`. */
export function reestablished(
  data: Partial<MissionReestablished['data']> = {},
): MissionReestablished {
  return {
    type: 'MissionReestablished',
    data: {
      missionId,
      source: null,
      targets: { temporaryOfficeBy: null, embassyBy: '2025-12-31' },
      plannedOn: '2025-06-20',
      agreedOn: '2025-06-20',
      occurredOn: '2025-06-20',
      lifecycle: 2,
      previousClosedOn: '2025-05-01',
      ...data,
    },
  };
}
