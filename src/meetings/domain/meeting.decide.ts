import { DomainRuleError, invalidField } from '../../shared/domain-rule.error.js';
import { dateGuards } from '../../shared/date-guards.js';
import type { IsoDate } from '../../shared/iso-date.js';
import { isStateCode } from '../../shared/state-code.js';
import { missionIdOf } from '../../missions/domain/mission-id.js';
import {
  targetDatesOf,
  targetsFrom,
  targetsOrderRefusal,
} from '../../missions/domain/mission-targets.js';
import type {
  AgreedMissionInput,
  MeetingCommand,
  MeetingOutcomeInput,
  RecordMeeting,
  RecordMissionNotPlanned,
} from './meeting.commands.js';
import type { AgreedMission, MeetingEvent, MeetingOutcome } from './meeting.events.js';
import { meetingFieldRefusals } from './meeting-fields.js';
import { MeetingRules } from './meeting.rules.js';
import type { MeetingState } from './meeting.state.js';

const { requireDate } = dateGuards(MeetingRules);

/** Decides what a command on a meeting causes, or throws a DomainRuleError. */
export function decideMeeting(command: MeetingCommand, state: MeetingState): MeetingEvent[] {
  switch (command.type) {
    case 'RecordMeeting':
      return recordMeeting(command, state);
    case 'RecordMissionNotPlanned':
      return recordMissionNotPlanned(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown meeting command ${JSON.stringify(unknown)}`);
    }
  }
}

/** Once per mission of the meeting: what the planner found is not decided twice. */
function recordMissionNotPlanned(
  command: RecordMissionNotPlanned,
  state: MeetingState,
): MeetingEvent[] {
  const { data } = command;
  if (state.status !== 'recorded') {
    throw new DomainRuleError(
      MeetingRules.notRecorded,
      `meeting ${data.meetingId} was never recorded`,
      'not-found',
    );
  }
  if (state.missionsNotPlanned.some(({ missionId }) => missionId === data.missionId)) return [];
  return [{ type: 'MissionNotPlannedFromMeeting', data: { ...data } }];
}

function recordMeeting(command: RecordMeeting, state: MeetingState): MeetingEvent[] {
  const { data, metadata } = command;
  if (state.status === 'recorded') {
    throw new DomainRuleError(
      MeetingRules.alreadyRecorded,
      `meeting ${state.meetingId} was already recorded`,
    );
  }
  requireHeldOn(data.heldOn, metadata.today);
  const [first, second] = data.parties;
  requireStateCode('parties[0]', first);
  requireStateCode('parties[1]', second);
  data.participants.forEach((participant, i) =>
    requireStateCode(`participants[${i}].state`, participant.state),
  );
  const [invalid] = meetingFieldRefusals(data);
  if (invalid !== undefined) throw invalidField(invalid);

  const outcomes = data.outcomes.map((outcome, i) =>
    outcomeOf(outcome, data.heldOn, `outcomes[${i}]`),
  );

  return [
    {
      type: 'MeetingRecorded',
      data: {
        meetingId: data.meetingId,
        title: data.title,
        heldOn: data.heldOn,
        place: data.place ?? null,
        parties: [first, second],
        participants: data.participants.map(({ name, title, state: party }) => ({
          name,
          title,
          state: party,
        })),
        outcomes,
        occurredOn: data.heldOn,
      },
    },
  ];
}

/** The outcome as recorded; its fields passed the field rules (meetingFieldRefusals). */
function outcomeOf(outcome: MeetingOutcomeInput, heldOn: IsoDate, at: string): MeetingOutcome {
  switch (outcome.kind) {
    case 'establish-missions':
      return {
        outcomeId: outcome.outcomeId,
        kind: outcome.kind,
        summary: outcome.summary,
        missions: outcome.missions.map((mission, j) =>
          agreedMissionOf(mission, heldOn, `${at}.missions[${j}]`),
        ),
      };
    case 'cooperation':
      return {
        outcomeId: outcome.outcomeId,
        kind: outcome.kind,
        summary: outcome.summary,
        areas: [...outcome.areas],
      };
    case 'other':
      return { outcomeId: outcome.outcomeId, kind: outcome.kind, summary: outcome.summary };
    default: {
      const unknown: never = outcome;
      throw new Error(`unknown meeting outcome ${JSON.stringify(unknown)}`);
    }
  }
}

/** The mission as agreed at `at` in the meeting (`outcomes[0].missions[1]`). */
function agreedMissionOf(mission: AgreedMissionInput, heldOn: IsoDate, at: string): AgreedMission {
  const { sendingState, receivingState, city } = mission;
  const missionId = missionIdOf(sendingState, receivingState, city);
  const targets = targetsFrom(mission.targets);
  for (const { name, date } of targetDatesOf(targets)) {
    requireDate(`${missionId} targets.${name}`, date);
    if (date < heldOn) {
      throw new DomainRuleError(
        MeetingRules.targetBeforeMeeting,
        `${missionId} targets.${name} ${date} is before the meeting on ${heldOn}`,
        'unprocessable',
        `${at}.targets.${name}`,
      );
    }
  }
  const outOfOrder = targetsOrderRefusal(targets);
  if (outOfOrder !== undefined) {
    throw new DomainRuleError(
      MeetingRules.targetsOutOfOrder,
      `${missionId} ${outOfOrder}`,
      'unprocessable',
      `${at}.targets`,
    );
  }
  return { missionId, sendingState, receivingState, city, targets };
}

function requireHeldOn(heldOn: IsoDate, today: IsoDate): void {
  requireDate('heldOn', heldOn);
  if (heldOn > today) {
    throw new DomainRuleError(
      MeetingRules.dateInTheFuture,
      `heldOn ${heldOn} is in the future (today is ${today}): only a meeting that took place can be recorded`,
      'unprocessable',
      'heldOn',
    );
  }
}

function requireStateCode(field: string, code: string): void {
  if (!isStateCode(code)) {
    throw new DomainRuleError(
      MeetingRules.invalidStateCode,
      `${field} ${JSON.stringify(code)} is not an upper-case ISO 3166-1 alpha-2 code`,
      'unprocessable',
    );
  }
}
