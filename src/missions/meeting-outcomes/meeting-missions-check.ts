import { Injectable, Logger } from '@nestjs/common';
import { DeciderCommandRunner } from '../../command-handling/decider-command-runner.js';
import { Calendar } from '../../command-handling/calendar.js';
import { missionPlansOf } from '../../meetings/domain/meeting-mission-plans.js';
import type { MeetingRecorded } from '../../meetings/domain/meeting.events.js';
import { DomainRuleError } from '../../shared/domain-rule.error.js';
import { missionStreamOf } from '../domain/mission-id.js';
import { missionDecider } from '../domain/mission.decider.js';
import type { Position } from '../../event-store/position.js';
import { CatchUpTimeoutError } from '../../subscriptions/catch-up-waiters.js';
import { PlanMissionsFromMeetings } from './plan-missions-from-meetings.js';

/** How long a meeting's answer waits for the planner to reach the meeting (as reads wait). */
const PLANNER_WAIT_MS = 5_000;

/** A mission a meeting calls for that it cannot plan as the mission stands. */
export interface MissionNotPlanned {
  readonly missionId: string;
  /** Where the meeting calls for it, e.g. `outcomes[0].missions[1]`. */
  readonly path: string;
  /** The mission rule that refuses it (as `/problems/<rule>` on POST /api/missions). */
  readonly rule: string;
  readonly detail: string;
}

/**
 * Each mission a meeting calls for, decided against the mission as it stands once
 * PlanMissionsFromMeetings has handled the meeting, without appending anything: the missions
 * the meeting could not plan (closed after the meeting was held, targets out of order with
 * those in force, another meeting recorded at the same moment planned first, …). A mission
 * the planner linked decides to nothing. The meeting is a fact and is recorded all the same;
 * its answer names these so the caller is not told a mission was handled when it was left as
 * it was. Should the planner not reach the meeting in time, the missions are judged as they
 * stand, as the planner will judge them.
 */
@Injectable()
export class MeetingMissionsCheck {
  private readonly logger = new Logger('meeting-missions-check');

  constructor(
    private readonly runner: DeciderCommandRunner,
    private readonly planner: PlanMissionsFromMeetings,
    private readonly calendar: Calendar,
  ) {}

  async notPlanned(
    meeting: MeetingRecorded,
    position: Position,
    now: Date,
  ): Promise<MissionNotPlanned[]> {
    await this.planner.whenCaughtUp(position, PLANNER_WAIT_MS).catch((error: unknown) => {
      if (!(error instanceof CatchUpTimeoutError)) throw error;
      this.logger.warn(
        `the planner has not reached meeting ${meeting.data.meetingId} in ${PLANNER_WAIT_MS} ms: its missions are judged as they stand`,
      );
    });
    const paths = meeting.data.outcomes.flatMap((outcome, i) =>
      outcome.kind === 'establish-missions'
        ? outcome.missions.map((_, j) => `outcomes[${i}].missions[${j}]`)
        : [],
    );
    const today = this.calendar.today(now);
    const refused: MissionNotPlanned[] = [];
    for (const [index, plan] of missionPlansOf(meeting).entries()) {
      const { state } = await this.runner.current(missionStreamOf(plan.missionId), missionDecider);
      try {
        missionDecider.decide({ type: 'PlanMission', data: plan, metadata: { today } }, state);
      } catch (error) {
        if (!(error instanceof DomainRuleError)) throw error;
        refused.push({
          missionId: plan.missionId,
          path: paths[index],
          rule: error.rule,
          detail: error.detail,
        });
      }
    }
    return refused;
  }
}
