import { DomainRuleError } from '../../shared/domain-rule.error.js';
import {
  endedBeforeOffice,
  inOfficeOn,
  isUnderWay,
  ofCurrentLifecycle,
} from './head-of-mission.context.js';
import {
  requireFact,
  requireNotBeforeAgreement,
  requireOpenMission,
} from './head-of-mission.guards.js';
import { HeadOfMissionRules as R } from './head-of-mission.rules.js';
import type {
  DesignateChargeDAffaires,
  MissionHeadsCommand,
  RegisterNominee,
} from './mission-heads.commands.js';
import type { MissionHeadsEvent } from './mission-heads.events.js';
import type { MissionHeadsState } from './mission-heads.state.js';

/*
 * One head of mission at a time. The register is the one stream every nomination of a mission
 * is appended to, with the revision it was decided against: two nominations racing for the same
 * mission cannot both append, and the loser is decided again against the register it lost to.
 * Each decision looks at every nominee already registered and at how far each one's own track
 * has got (passed in with the command). Those facts only ever move forward (under way →
 * in office → ended, or → refused), so a nominee seen as no longer under way stays so, and a
 * registered nominee the command knows nothing about counts as under way. Hence at most one
 * nominee is under way at any time, and since only that nominee can present credentials, and
 * credentials are refused while another head is in office, at most one head is in office.
 */

/** Decides what a command on a mission's register of heads causes, or throws a DomainRuleError. */
export function decideMissionHeads(
  command: MissionHeadsCommand,
  state: MissionHeadsState,
): MissionHeadsEvent[] {
  switch (command.type) {
    case 'RegisterNominee':
      return registerNominee(command, state);
    case 'DesignateChargeDAffaires':
      return designateChargeDAffaires(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown register command ${JSON.stringify(unknown)}`);
    }
  }
}

function registerNominee(command: RegisterNominee, state: MissionHeadsState): MissionHeadsEvent[] {
  const { data, metadata } = command;
  const { mission } = metadata;
  const agreedOn = requireOpenMission(mission);
  // The same nominee again (a retried request): nothing to record.
  if (state.nominees.some((n) => n.headOfMissionId === data.headOfMissionId)) return [];
  requireFact('nominatedOn', data.nominatedOn, metadata.today);
  requireNotBeforeAgreement(mission, agreedOn, 'nominatedOn', data.nominatedOn);
  for (const nominee of state.nominees) {
    if (!ofCurrentLifecycle(mission, nominee.nominatedOn)) continue;
    const tenure = metadata.nominees.find((t) => t.headOfMissionId === nominee.headOfMissionId);
    if (tenure === undefined || isUnderWay(tenure)) {
      throw new DomainRuleError(
        R.nomineeInProgress,
        `${nominee.name} (head of mission ${nominee.headOfMissionId}) is already nominated to mission ${mission.missionId}` +
          `${tenure?.stage ? ` (${tenure.stage})` : ''}: one nominee at a time, until accredited, refused or ended`,
      );
    }
    if (tenure.functionsCommencedOn !== null && data.nominatedOn < tenure.functionsCommencedOn) {
      throw new DomainRuleError(
        R.dateBeforePreviousStep,
        `nominatedOn ${data.nominatedOn} is before ${nominee.name} took up functions on ${tenure.functionsCommencedOn}: one nominee at a time, a successor is nominated once the head is in office`,
        'unprocessable',
      );
    }
    const ended = endedBeforeOffice(tenure);
    if (ended !== null && data.nominatedOn < ended) {
      throw new DomainRuleError(
        R.dateBeforePreviousStep,
        `nominatedOn ${data.nominatedOn} is before the track of ${nominee.name} ended on ${ended} (${tenure.stage}): one nominee at a time`,
        'unprocessable',
      );
    }
  }
  return [
    {
      type: 'NomineeRegistered',
      data: {
        missionId: mission.missionId,
        headOfMissionId: data.headOfMissionId,
        name: data.name,
        title: data.title,
        nominatedOn: data.nominatedOn,
        occurredOn: data.nominatedOn,
      },
    },
  ];
}

/**
 * Only while the head's post is vacant: no head of mission in office on that date (art. 19).
 * The same designation again (same person, title and date) records nothing.
 */
function designateChargeDAffaires(
  command: DesignateChargeDAffaires,
  state: MissionHeadsState,
): MissionHeadsEvent[] {
  const { data, metadata } = command;
  const { mission } = metadata;
  const agreedOn = requireOpenMission(mission);
  // Only a designation of this lifecycle: an earlier one's ended with it, and its date is
  // refused below like any other.
  const again = state.chargesDAffaires.some(
    (charge) =>
      charge.name === data.name &&
      charge.title === data.title &&
      charge.designatedOn === data.designatedOn &&
      ofCurrentLifecycle(mission, charge.designatedOn),
  );
  if (again) return [];
  requireFact('designatedOn', data.designatedOn, metadata.today);
  requireNotBeforeAgreement(mission, agreedOn, 'designatedOn', data.designatedOn);
  const inOffice = metadata.nominees.find((tenure) => inOfficeOn(tenure, data.designatedOn));
  if (inOffice !== undefined) {
    throw new DomainRuleError(
      R.headOfMissionInOffice,
      `head of mission ${inOffice.headOfMissionId} was in office on ${data.designatedOn} (since ${inOffice.functionsCommencedOn}): a chargé d'affaires a.i. heads a mission only while the post is vacant`,
    );
  }
  return [
    {
      type: 'ChargeDAffairesDesignated',
      data: {
        missionId: mission.missionId,
        name: data.name,
        title: data.title,
        designatedOn: data.designatedOn,
        occurredOn: data.designatedOn,
      },
    },
  ];
}
