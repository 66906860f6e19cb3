import { Injectable } from '@nestjs/common';
import { DeciderCommandRunner } from '../command-handling/decider-command-runner.js';
import { DomainRuleError } from '../shared/domain-rule.error.js';
import type { MissionSource } from '../missions/domain/mission.commands.js';
import type { MissionTargets, MissionTargetsInput } from '../missions/domain/mission-targets.js';
import type { IsoDate } from '../shared/iso-date.js';
import { meetingDecider, meetingStreamOf } from './domain/meeting.decider.js';

export const SourceRules = {
  unknownSource: 'unknown-source',
  sourceDoesNotCallForMission: 'source-does-not-call-for-mission',
  agreementBeforeSource: 'agreement-before-source',
  targetsDifferFromSource: 'targets-differ-from-source',
} as const;

/** What a source meeting agreed for one mission: when, and the targets it set. */
export interface SourceAgreement {
  readonly heldOn: IsoDate;
  readonly targets: MissionTargets;
}

/** Checks a mission's source against the meeting it names. */
@Injectable()
export class MeetingSources {
  constructor(private readonly runner: DeciderCommandRunner) {}

  /** What the source meeting agreed for the mission; refused unless its outcome calls for it. */
  async agreementOf(source: MissionSource, missionId: string): Promise<SourceAgreement> {
    const { state } = await this.runner.current(meetingStreamOf(source.meetingId), meetingDecider);
    if (state.status !== 'recorded') {
      throw new DomainRuleError(
        SourceRules.unknownSource,
        `no meeting ${source.meetingId} has been recorded`,
        'unprocessable',
      );
    }
    const outcome = state.outcomes.find((o) => o.outcomeId === source.outcomeId);
    if (!outcome) {
      throw new DomainRuleError(
        SourceRules.unknownSource,
        `meeting ${source.meetingId} has no outcome ${source.outcomeId}`,
        'unprocessable',
      );
    }
    const mission =
      outcome.kind === 'establish-missions'
        ? outcome.missions.find((m) => m.missionId === missionId)
        : undefined;
    if (mission === undefined) {
      throw new DomainRuleError(
        SourceRules.sourceDoesNotCallForMission,
        `outcome ${source.outcomeId} of meeting ${source.meetingId} does not call for mission ${missionId}`,
        'unprocessable',
      );
    }
    return { heldOn: state.heldOn, targets: mission.targets };
  }
}

/**
 * A plan that cites a source agrees what the source agreed: not before the meeting was held,
 * and with the targets the outcome set for the mission (a target the outcome left open may be
 * stated). Returns the targets the plan carries: the outcome's, completed by the request's.
 */
export function targetsAgreedWith(
  source: MissionSource,
  agreement: SourceAgreement,
  agreedOn: IsoDate,
  stated: MissionTargetsInput | undefined,
): MissionTargetsInput {
  if (agreedOn < agreement.heldOn) {
    throw new DomainRuleError(
      SourceRules.agreementBeforeSource,
      `agreedOn ${agreedOn} is before meeting ${source.meetingId} was held on ${agreement.heldOn}: a mission is not agreed before the meeting that agreed it`,
      'unprocessable',
    );
  }
  const targets = { ...stated };
  for (const name of ['temporaryOfficeBy', 'embassyBy'] as const) {
    const agreed = agreement.targets[name];
    if (agreed === null) continue;
    const own = stated?.[name];
    if (own !== undefined && own !== null && own !== agreed) {
      throw new DomainRuleError(
        SourceRules.targetsDifferFromSource,
        `targets.${name} ${own} is not the ${agreed} that outcome ${source.outcomeId} of meeting ${source.meetingId} set: cite the meeting with its own targets, or plan without it`,
        'unprocessable',
      );
    }
    targets[name] = agreed;
  }
  return targets;
}
