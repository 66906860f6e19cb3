import { Injectable } from '@nestjs/common';
import { DeciderCommandRunner } from '../command-handling/decider-command-runner.js';
import { DomainRuleError } from '../shared/domain-rule.error.js';
import type { MissionSource, SourceAgreement } from '../missions/domain/mission.commands.js';
import { meetingDecider, meetingStreamOf } from './domain/meeting.decider.js';

export const SourceRules = {
  unknownSource: 'unknown-source',
  sourceDoesNotCallForMission: 'source-does-not-call-for-mission',
} as const;

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
