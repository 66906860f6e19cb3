import { DomainRuleError } from '../../shared/domain-rule.error.js';
import { dateGuards } from '../../shared/date-guards.js';
import type { IsoDate } from '../../shared/iso-date.js';
import type { MissionFacts } from './head-of-mission.context.js';
import { HeadOfMissionRules as R } from './head-of-mission.rules.js';

/** Guards both head-of-mission deciders share. */

/** The mission was planned; its agreement date is returned. */
export function requirePlannedMission(mission: MissionFacts): IsoDate {
  if (mission.agreedOn === null) {
    throw new DomainRuleError(
      R.missionNotPlanned,
      `mission ${mission.missionId} was never planned: it has no head of mission`,
      'not-found',
    );
  }
  return mission.agreedOn;
}

/** The mission was planned and is not closed; its agreement date is returned. */
export function requireOpenMission(mission: MissionFacts): IsoDate {
  const agreedOn = requirePlannedMission(mission);
  if (mission.closedOn !== null) {
    throw new DomainRuleError(
      R.missionClosed,
      `mission ${mission.missionId} was closed on ${mission.closedOn}: it accepts nothing further`,
    );
  }
  return agreedOn;
}

/** A recorded fact: a real date, not after `today`. */
export const { requireFact } = dateGuards(R);

/** Nominations and designations are not dated before the mission was agreed. */
export function requireNotBeforeAgreement(
  mission: MissionFacts,
  agreedOn: IsoDate,
  field: string,
  date: IsoDate,
): void {
  if (date < agreedOn) {
    throw new DomainRuleError(
      R.dateBeforeAgreement,
      `${field} ${date} is before mission ${mission.missionId} was agreed on ${agreedOn}`,
      'unprocessable',
    );
  }
  if (mission.previousClosedOn !== null && date <= mission.previousClosedOn) {
    throw new DomainRuleError(
      R.onPreviousClosureDay,
      `${field} ${date} is the day mission ${mission.missionId} closed: a fact of the heads-of-mission record dated that day belongs to the lifecycle that closed, so the re-established mission's record starts the day after`,
      'unprocessable',
    );
  }
}

/** A step is not dated before the step it follows. */
export function requireNotBefore(
  field: string,
  date: IsoDate,
  previous: { readonly what: string; readonly on: IsoDate },
): void {
  if (date < previous.on) {
    throw new DomainRuleError(
      R.dateBeforePreviousStep,
      `${field} ${date} is before ${previous.what} on ${previous.on}`,
      'unprocessable',
    );
  }
}
