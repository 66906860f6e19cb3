import { DomainRuleError } from '../../shared/domain-rule.error.js';
import type { IsoDate } from '../../shared/iso-date.js';
import type {
  AppointHeadOfMission,
  EndFunctions,
  GrantAgrement,
  HeadOfMissionCommand,
  NominateHeadOfMission,
  PresentCopyOfCredentials,
  PresentCredentials,
  RecordHeadOfMissionArrival,
  RefuseAgrement,
  RequestAgrement,
} from './head-of-mission.commands.js';
import { ofCurrentLifecycle, type HeadOfMissionMetadata } from './head-of-mission.context.js';
import type { HeadOfMissionEvent } from './head-of-mission.events.js';
import {
  requireFact,
  requireNotBefore,
  requireOpenMission,
  requirePlannedMission,
} from './head-of-mission.guards.js';
import { HeadOfMissionRules as R } from './head-of-mission.rules.js';
import {
  latestStepOn,
  type HeadOfMission,
  type HeadOfMissionState,
} from './head-of-mission.state.js';

/*
 * One nominee's track (VCDR art. 4, 10, 13): agrément requested, then granted (or refused:
 * the end of this nominee) → appointed → arrives → copy of credentials to the foreign ministry
 * → credentials to the head of state, when functions commence. Appointment and credentials need
 * the agrément; credentials need the arrival; nothing happens after the end. Like a mission's
 * milestones, steps may be recorded late, but each step needs the one before it recorded, and
 * no step is dated before the one it follows.
 *
 * Whether a nomination may happen at all (the mission planned and open, no other nominee under
 * way) is the mission's register's decision (mission-heads.decide.ts); the one rule here that
 * looks at other nominees is that only one head is in office at a time.
 */

/** Decides what a command on a nominee's track causes, or throws a DomainRuleError. */
export function decideHeadOfMission(
  command: HeadOfMissionCommand,
  state: HeadOfMissionState,
): HeadOfMissionEvent[] {
  switch (command.type) {
    case 'NominateHeadOfMission':
      return nominate(command, state);
    case 'RequestAgrement':
      return requestAgrement(command, underWay(state, command.metadata));
    case 'GrantAgrement':
      return grantAgrement(command, underWay(state, command.metadata));
    case 'RefuseAgrement':
      return refuseAgrement(command, underWay(state, command.metadata));
    case 'AppointHeadOfMission':
      return appoint(command, underWay(state, command.metadata));
    case 'RecordHeadOfMissionArrival':
      return recordArrival(command, underWay(state, command.metadata));
    case 'PresentCopyOfCredentials':
      return presentCopyOfCredentials(command, underWay(state, command.metadata));
    case 'PresentCredentials':
      return presentCredentials(command, underWay(state, command.metadata));
    case 'EndFunctions':
      return endFunctions(command, notEnded(state, command.metadata));
    default: {
      const unknown: never = command;
      throw new Error(`unknown head-of-mission command ${JSON.stringify(unknown)}`);
    }
  }
}

function nominate(command: NominateHeadOfMission, state: HeadOfMissionState): HeadOfMissionEvent[] {
  const { data, metadata } = command;
  // The register accepted the nomination; recording it again (a retry, or a repair of a
  // nomination whose write was interrupted) records nothing.
  if (state.stage !== 'not-nominated') return [];
  requireFact('nominatedOn', data.nominatedOn, metadata.today);
  return [
    {
      type: 'HeadOfMissionNominated',
      data: {
        missionId: data.missionId,
        headOfMissionId: data.headOfMissionId,
        name: data.name,
        title: data.title,
        nominatedOn: data.nominatedOn,
        occurredOn: data.nominatedOn,
      },
    },
  ];
}

function requestAgrement(command: RequestAgrement, head: HeadOfMission): HeadOfMissionEvent[] {
  const { data, metadata } = command;
  if (head.agrementRequestedOn !== null) {
    throw new DomainRuleError(
      R.agrementAlreadyRequested,
      `the agrément for ${head.name} was already requested on ${head.agrementRequestedOn}`,
    );
  }
  requireFact('requestedOn', data.requestedOn, metadata.today);
  requireNotBefore('requestedOn', data.requestedOn, {
    what: 'the nomination',
    on: head.nominatedOn,
  });
  return [
    {
      type: 'AgrementRequested',
      data: { ...idsOf(head), requestedOn: data.requestedOn, occurredOn: data.requestedOn },
    },
  ];
}

function grantAgrement(command: GrantAgrement, head: HeadOfMission): HeadOfMissionEvent[] {
  const { data, metadata } = command;
  if (head.agrementGrantedOn !== null) {
    throw new DomainRuleError(
      R.agrementAlreadyGranted,
      `the agrément for ${head.name} was already granted on ${head.agrementGrantedOn}`,
    );
  }
  const requestedOn = requireRequested(head);
  requireFact('grantedOn', data.grantedOn, metadata.today);
  requireNotBefore('grantedOn', data.grantedOn, { what: 'the request', on: requestedOn });
  return [
    {
      type: 'AgrementGranted',
      data: { ...idsOf(head), grantedOn: data.grantedOn, occurredOn: data.grantedOn },
    },
  ];
}

function refuseAgrement(command: RefuseAgrement, head: HeadOfMission): HeadOfMissionEvent[] {
  const { data, metadata } = command;
  if (head.agrementGrantedOn !== null) {
    throw new DomainRuleError(
      R.agrementAlreadyGranted,
      `the agrément for ${head.name} was granted on ${head.agrementGrantedOn}: it can no longer be refused (declaring the head persona non grata ends the functions)`,
    );
  }
  const requestedOn = requireRequested(head);
  requireFact('refusedOn', data.refusedOn, metadata.today);
  requireNotBefore('refusedOn', data.refusedOn, { what: 'the request', on: requestedOn });
  return [
    {
      type: 'AgrementRefused',
      data: {
        ...idsOf(head),
        refusedOn: data.refusedOn,
        reason: data.reason ?? null,
        occurredOn: data.refusedOn,
      },
    },
  ];
}

/** Appointment without agrément is illegal (VCDR art. 4). */
function appoint(command: AppointHeadOfMission, head: HeadOfMission): HeadOfMissionEvent[] {
  const { data, metadata } = command;
  if (head.appointedOn !== null) {
    throw new DomainRuleError(
      R.alreadyAppointed,
      `${head.name} was already appointed on ${head.appointedOn}`,
    );
  }
  const grantedOn = requireAgrement(head, 'appointed');
  requireFact('appointedOn', data.appointedOn, metadata.today);
  requireNotBefore('appointedOn', data.appointedOn, { what: 'the agrément', on: grantedOn });
  return [
    {
      type: 'HeadOfMissionAppointed',
      data: { ...idsOf(head), appointedOn: data.appointedOn, occurredOn: data.appointedOn },
    },
  ];
}

function recordArrival(
  command: RecordHeadOfMissionArrival,
  head: HeadOfMission,
): HeadOfMissionEvent[] {
  const { data, metadata } = command;
  if (head.arrivedOn !== null) {
    throw new DomainRuleError(
      R.alreadyArrived,
      `${head.name} already arrived on ${head.arrivedOn}`,
    );
  }
  if (head.appointedOn === null) {
    throw new DomainRuleError(
      R.notAppointed,
      `${head.name} has not been appointed: a head of mission arrives once appointed`,
    );
  }
  requireFact('arrivedOn', data.arrivedOn, metadata.today);
  requireNotBefore('arrivedOn', data.arrivedOn, { what: 'the appointment', on: head.appointedOn });
  return [
    {
      type: 'HeadOfMissionArrived',
      data: { ...idsOf(head), arrivedOn: data.arrivedOn, occurredOn: data.arrivedOn },
    },
  ];
}

function presentCopyOfCredentials(
  command: PresentCopyOfCredentials,
  head: HeadOfMission,
): HeadOfMissionEvent[] {
  const { data, metadata } = command;
  if (head.copyOfCredentialsPresentedOn !== null) {
    throw new DomainRuleError(
      R.copyOfCredentialsAlreadyPresented,
      `${head.name} already presented a copy of credentials on ${head.copyOfCredentialsPresentedOn}`,
    );
  }
  const arrivedOn = requireArrived(head, 'present a copy of credentials');
  requireFact('presentedOn', data.presentedOn, metadata.today);
  requireNotBefore('presentedOn', data.presentedOn, { what: 'the arrival', on: arrivedOn });
  if (head.credentialsPresentedOn !== null && data.presentedOn > head.credentialsPresentedOn) {
    throw new DomainRuleError(
      R.copyAfterCredentials,
      `a copy of credentials on ${data.presentedOn} comes after the credentials themselves on ${head.credentialsPresentedOn}`,
      'unprocessable',
    );
  }
  return [
    {
      type: 'CopyOfCredentialsPresented',
      data: { ...idsOf(head), presentedOn: data.presentedOn, occurredOn: data.presentedOn },
    },
  ];
}

/**
 * Credentials need the agrément (art. 4) and the arrival (art. 13); functions commence then,
 * so no other head of the mission may be in office that day or later.
 */
function presentCredentials(
  command: PresentCredentials,
  head: HeadOfMission,
): HeadOfMissionEvent[] {
  const { data, metadata } = command;
  if (head.credentialsPresentedOn !== null) {
    throw new DomainRuleError(
      R.credentialsAlreadyPresented,
      `${head.name} already presented credentials on ${head.credentialsPresentedOn}`,
    );
  }
  requireAgrement(head, 'accredited');
  const arrivedOn = requireArrived(head, 'present credentials');
  requireFact('presentedOn', data.presentedOn, metadata.today);
  requireNotBefore('presentedOn', data.presentedOn, { what: 'the arrival', on: arrivedOn });
  if (head.copyOfCredentialsPresentedOn !== null) {
    requireNotBefore('presentedOn', data.presentedOn, {
      what: 'the copy of credentials',
      on: head.copyOfCredentialsPresentedOn,
    });
  }
  const vacantLater = metadata.chargesDesignatedOn.find((on) => on >= data.presentedOn);
  if (vacantLater !== undefined) {
    throw new DomainRuleError(
      R.chargeDAffairesLater,
      `a chargé d'affaires a.i. was designated on ${vacantLater}, when the post was vacant: functions cannot have commenced on ${data.presentedOn}`,
    );
  }
  for (const other of metadata.nominees) {
    if (other.headOfMissionId === head.headOfMissionId || other.functionsCommencedOn === null) {
      continue;
    }
    const endedBy = other.functionsEndedOn !== null && other.functionsEndedOn <= data.presentedOn;
    if (!endedBy) {
      throw new DomainRuleError(
        R.anotherHeadInOffice,
        other.functionsEndedOn === null
          ? `head of mission ${other.headOfMissionId} is in office since ${other.functionsCommencedOn}: one head of mission at a time; end those functions first`
          : `head of mission ${other.headOfMissionId} was in office until ${other.functionsEndedOn}: functions cannot commence on ${data.presentedOn}`,
      );
    }
  }
  return [
    {
      type: 'CredentialsPresented',
      data: { ...idsOf(head), presentedOn: data.presentedOn, occurredOn: data.presentedOn },
    },
  ];
}

function endFunctions(command: EndFunctions, head: HeadOfMission): HeadOfMissionEvent[] {
  const { data, metadata } = command;
  requireFact('endedOn', data.endedOn, metadata.today);
  requireNotBefore('endedOn', data.endedOn, {
    what: 'the latest step of the track',
    on: latestStepOn(head),
  });
  const { mission } = metadata;
  // The closure that ended the nominee's lifecycle: the first on or after the nomination.
  const closedOn = mission.closures.find((on) => on >= head.nominatedOn) ?? null;
  if (closedOn !== null && data.endedOn > closedOn) {
    throw new DomainRuleError(
      R.endAfterClosure,
      `endedOn ${data.endedOn} is after mission ${mission.missionId} closed on ${closedOn}: functions end with the mission at the latest`,
      'unprocessable',
    );
  }
  return [
    {
      type: 'FunctionsEnded',
      data: {
        ...idsOf(head),
        endedOn: data.endedOn,
        reason: data.reason,
        note: data.note ?? null,
        occurredOn: data.endedOn,
      },
    },
  ];
}

// ---- guards -------------------------------------------------------------------------------

function nominated(state: HeadOfMissionState, metadata: HeadOfMissionMetadata): HeadOfMission {
  const { mission } = metadata;
  requirePlannedMission(mission);
  if (state.stage === 'not-nominated' || state.missionId !== mission.missionId) {
    throw new DomainRuleError(
      R.notNominated,
      `no such head of mission was nominated to mission ${mission.missionId}`,
      'not-found',
    );
  }
  return state;
}

/** Nothing happens after the end: not after a refused agrément, not after the functions ended. */
function notEnded(state: HeadOfMissionState, metadata: HeadOfMissionMetadata): HeadOfMission {
  const head = nominated(state, metadata);
  if (head.agrementRefusal !== null) {
    throw new DomainRuleError(
      R.agrementRefused,
      `the agrément for ${head.name} was refused on ${head.agrementRefusal.refusedOn}: nothing further happens to this nominee`,
    );
  }
  if (head.functionsEnded !== null) {
    throw new DomainRuleError(
      R.functionsEnded,
      `the functions of ${head.name} ended on ${head.functionsEnded.endedOn} (${head.functionsEnded.reason}): nothing further happens to this head`,
    );
  }
  return head;
}

/**
 * A track that goes on: not ended, on a mission that is not closed, and of the mission's
 * current lifecycle (a track under way when the mission closed ended with it).
 */
function underWay(state: HeadOfMissionState, metadata: HeadOfMissionMetadata): HeadOfMission {
  const head = notEnded(state, metadata);
  const { mission } = metadata;
  requireOpenMission(mission);
  if (!ofCurrentLifecycle(mission, head.nominatedOn)) {
    throw new DomainRuleError(
      R.nomineeOfEarlierLifecycle,
      `${head.name} was nominated on ${head.nominatedOn}, before mission ${mission.missionId} closed on ${mission.previousClosedOn}: that track ended with the closure; nominate again in the re-established mission`,
    );
  }
  return head;
}

function requireRequested(head: HeadOfMission): IsoDate {
  if (head.agrementRequestedOn === null) {
    throw new DomainRuleError(R.agrementNotRequested, `no agrément was requested for ${head.name}`);
  }
  return head.agrementRequestedOn;
}

function requireAgrement(head: HeadOfMission, what: string): IsoDate {
  if (head.agrementGrantedOn === null) {
    throw new DomainRuleError(
      R.agrementNotGranted,
      `${head.name} cannot be ${what} without the receiving state's agrément (VCDR art. 4)`,
    );
  }
  return head.agrementGrantedOn;
}

function requireArrived(head: HeadOfMission, what: string): IsoDate {
  if (head.arrivedOn === null) {
    throw new DomainRuleError(
      R.notArrived,
      `${head.name} has not arrived: a head of mission cannot ${what} before arriving (VCDR art. 13)`,
    );
  }
  return head.arrivedOn;
}

/** The ids every event of this head's track carries. */
function idsOf(head: HeadOfMission): { missionId: string; headOfMissionId: string } {
  return { missionId: head.missionId, headOfMissionId: head.headOfMissionId };
}
