import type {
  AppointHeadOfMission,
  EndFunctions,
  GrantAgrement,
  NominateHeadOfMission,
  PresentCopyOfCredentials,
  PresentCredentials,
  RecordHeadOfMissionArrival,
  RefuseAgrement,
  RequestAgrement,
} from '../../src/heads-of-mission/domain/head-of-mission.commands.js';
import type {
  HeadOfMissionMetadata,
  MissionFacts,
  NomineeTenure,
} from '../../src/heads-of-mission/domain/head-of-mission.context.js';
import type {
  AgrementGranted,
  AgrementRefused,
  AgrementRequested,
  CopyOfCredentialsPresented,
  CredentialsPresented,
  FunctionsEnded,
  HeadOfMissionAppointed,
  HeadOfMissionArrived,
  HeadOfMissionEvent,
  HeadOfMissionNominated,
} from '../../src/heads-of-mission/domain/head-of-mission.events.js';
import type {
  DesignateChargeDAffaires,
  RegisterNominee,
} from '../../src/heads-of-mission/domain/mission-heads.commands.js';
import type {
  ChargeDAffairesDesignated,
  NomineeRegistered,
} from '../../src/heads-of-mission/domain/mission-heads.events.js';
import type { FunctionsEndReason } from '../../src/heads-of-mission/domain/head-of-mission.state.js';

/*
 * The seed case: Cuba's first ambassador in Seoul, Claudio Monzón Baeza, who presented a copy
 * of credentials on 2025-01-06 and credentials on 2025-01-07. The mission cu-kr-seoul was agreed
 * in Havana on 2024-04-27; the earlier dates of the track are not public and are estimates.
 */

export const TODAY = '2025-07-01';
export const missionId = 'cu-kr-seoul';
export const AGREED_ON = '2024-04-27';
export const headOfMissionId = 'head-1';
export const successorId = 'head-2';

export const openMission: MissionFacts = {
  missionId,
  agreedOn: AGREED_ON,
  closedOn: null,
  previousClosedOn: null,
  closures: [],
};
export const closedMission: MissionFacts = {
  ...openMission,
  closedOn: '2025-05-01',
  closures: ['2025-05-01'],
};
/** Closed on 2025-05-01, re-established by an agreement of 2025-06-01 (lifecycle 2). */
export const reestablishedMission: MissionFacts = {
  ...openMission,
  agreedOn: '2025-06-01',
  previousClosedOn: '2025-05-01',
  closures: ['2025-05-01'],
};
export const unplannedMission: MissionFacts = { ...openMission, agreedOn: null };

export function metadata(
  overrides: Partial<Omit<HeadOfMissionMetadata, 'today'>> = {},
): HeadOfMissionMetadata {
  return {
    today: TODAY,
    mission: openMission,
    nominees: [],
    chargesDesignatedOn: [],
    ...overrides,
  };
}

/** A nominee of the register, as far as its own track has got. */
export function tenure(
  id: string,
  stage: NomineeTenure['stage'],
  functionsCommencedOn: string | null = null,
  functionsEndedOn: string | null = null,
  refusedOn: string | null = null,
): NomineeTenure {
  return { headOfMissionId: id, stage, functionsCommencedOn, functionsEndedOn, refusedOn };
}

// ---- the head's track ---------------------------------------------------------------------

const ids = { missionId, headOfMissionId };

export function nominate(
  data: Partial<NominateHeadOfMission['data']> = {},
  meta = metadata(),
): NominateHeadOfMission {
  return {
    type: 'NominateHeadOfMission',
    data: {
      headOfMissionId,
      missionId,
      name: 'Claudio Monzón Baeza',
      title: 'Ambassador Extraordinary and Plenipotentiary',
      nominatedOn: '2024-08-01',
      ...data,
    },
    metadata: meta,
  };
}

export function nominated(nominatedOn = '2024-08-01'): HeadOfMissionNominated {
  return {
    type: 'HeadOfMissionNominated',
    data: {
      ...ids,
      name: 'Claudio Monzón Baeza',
      title: 'Ambassador Extraordinary and Plenipotentiary',
      nominatedOn,
      occurredOn: nominatedOn,
    },
  };
}

export function requestAgrement(requestedOn = '2024-08-15', meta = metadata()): RequestAgrement {
  return { type: 'RequestAgrement', data: { requestedOn }, metadata: meta };
}

export function agrementRequested(requestedOn = '2024-08-15'): AgrementRequested {
  return { type: 'AgrementRequested', data: { ...ids, requestedOn, occurredOn: requestedOn } };
}

export function grantAgrement(grantedOn = '2024-09-20', meta = metadata()): GrantAgrement {
  return { type: 'GrantAgrement', data: { grantedOn }, metadata: meta };
}

export function agrementGranted(grantedOn = '2024-09-20'): AgrementGranted {
  return { type: 'AgrementGranted', data: { ...ids, grantedOn, occurredOn: grantedOn } };
}

export function refuseAgrement(
  refusedOn = '2024-09-20',
  reason?: string | null,
  meta = metadata(),
): RefuseAgrement {
  return { type: 'RefuseAgrement', data: { refusedOn, reason }, metadata: meta };
}

export function agrementRefused(
  refusedOn = '2024-09-20',
  reason: string | null = null,
): AgrementRefused {
  return { type: 'AgrementRefused', data: { ...ids, refusedOn, reason, occurredOn: refusedOn } };
}

export function appoint(appointedOn = '2024-10-15', meta = metadata()): AppointHeadOfMission {
  return { type: 'AppointHeadOfMission', data: { appointedOn }, metadata: meta };
}

export function appointed(appointedOn = '2024-10-15'): HeadOfMissionAppointed {
  return {
    type: 'HeadOfMissionAppointed',
    data: { ...ids, appointedOn, occurredOn: appointedOn },
  };
}

export function recordArrival(
  arrivedOn = '2024-12-20',
  meta = metadata(),
): RecordHeadOfMissionArrival {
  return { type: 'RecordHeadOfMissionArrival', data: { arrivedOn }, metadata: meta };
}

export function arrived(arrivedOn = '2024-12-20'): HeadOfMissionArrived {
  return { type: 'HeadOfMissionArrived', data: { ...ids, arrivedOn, occurredOn: arrivedOn } };
}

export function presentCopy(
  presentedOn = '2025-01-06',
  meta = metadata(),
): PresentCopyOfCredentials {
  return { type: 'PresentCopyOfCredentials', data: { presentedOn }, metadata: meta };
}

export function copyPresented(presentedOn = '2025-01-06'): CopyOfCredentialsPresented {
  return {
    type: 'CopyOfCredentialsPresented',
    data: { ...ids, presentedOn, occurredOn: presentedOn },
  };
}

export function presentCredentials(
  presentedOn = '2025-01-07',
  meta = metadata(),
): PresentCredentials {
  return { type: 'PresentCredentials', data: { presentedOn }, metadata: meta };
}

export function credentialsPresented(presentedOn = '2025-01-07'): CredentialsPresented {
  return {
    type: 'CredentialsPresented',
    data: { ...ids, presentedOn, occurredOn: presentedOn },
  };
}

export function endFunctions(
  endedOn = '2025-06-30',
  reason: FunctionsEndReason = 'end-of-term',
  note?: string | null,
  meta = metadata(),
): EndFunctions {
  return { type: 'EndFunctions', data: { endedOn, reason, note }, metadata: meta };
}

export function functionsEnded(
  endedOn = '2025-06-30',
  reason: FunctionsEndReason = 'end-of-term',
  note: string | null = null,
): FunctionsEnded {
  return {
    type: 'FunctionsEnded',
    data: { ...ids, endedOn, reason, note, occurredOn: endedOn },
  };
}

/** The track up to each step. */
export const upToRequest: HeadOfMissionEvent[] = [nominated(), agrementRequested()];
export const upToAgrement: HeadOfMissionEvent[] = [...upToRequest, agrementGranted()];
export const upToAppointment: HeadOfMissionEvent[] = [...upToAgrement, appointed()];
export const upToArrival: HeadOfMissionEvent[] = [...upToAppointment, arrived()];
export const upToCopy: HeadOfMissionEvent[] = [...upToArrival, copyPresented()];
export const inOffice: HeadOfMissionEvent[] = [...upToCopy, credentialsPresented()];

// ---- the mission's register ---------------------------------------------------------------

export function registerNominee(
  data: Partial<RegisterNominee['data']> = {},
  meta = metadata(),
): RegisterNominee {
  return {
    type: 'RegisterNominee',
    data: {
      headOfMissionId,
      name: 'Claudio Monzón Baeza',
      title: 'Ambassador Extraordinary and Plenipotentiary',
      nominatedOn: '2024-08-01',
      ...data,
    },
    metadata: meta,
  };
}

export function nomineeRegistered(
  id = headOfMissionId,
  name = 'Claudio Monzón Baeza',
  nominatedOn = '2024-08-01',
): NomineeRegistered {
  return {
    type: 'NomineeRegistered',
    data: {
      missionId,
      headOfMissionId: id,
      name,
      title: 'Ambassador Extraordinary and Plenipotentiary',
      nominatedOn,
      occurredOn: nominatedOn,
    },
  };
}

export function designateCharge(
  designatedOn = '2024-06-20',
  meta = metadata(),
): DesignateChargeDAffaires {
  return {
    type: 'DesignateChargeDAffaires',
    data: { name: 'Mario Alzugaray Rodríguez', title: 'Counsellor', designatedOn },
    metadata: meta,
  };
}

export function chargeDesignated(designatedOn = '2024-06-20'): ChargeDAffairesDesignated {
  return {
    type: 'ChargeDAffairesDesignated',
    data: {
      missionId,
      name: 'Mario Alzugaray Rodríguez',
      title: 'Counsellor',
      designatedOn,
      occurredOn: designatedOn,
    },
  };
}
