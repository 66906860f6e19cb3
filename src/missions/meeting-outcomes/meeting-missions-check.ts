import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeciderCommandRunner } from '../../command-handling/decider-command-runner.js';
import { Calendar } from '../../command-handling/calendar.js';
import { missionPathsOf, missionPlansOf } from '../../meetings/domain/meeting-mission-plans.js';
import { meetingDecider, meetingStreamOf } from '../../meetings/domain/meeting.decider.js';
import type {
  MeetingRecorded,
  MissionLeftUnplanned,
} from '../../meetings/domain/meeting.events.js';
import { missionStreamOf } from '../domain/mission-id.js';
import { missionDecider } from '../domain/mission.decider.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import type { Position } from '../../event-store/position.js';
import { CatchUpTimeoutError } from '../../subscriptions/catch-up-waiters.js';
import { judgedAsFound, refusalOf } from './mission-as-recorded.js';
import { PlanMissionsFromMeetings } from './plan-missions-from-meetings.js';

/** How long a meeting's answer waits for the planner to reach the meeting (as reads wait). */
const PLANNER_WAIT_MS = 5_000;

/**
 * The missions a meeting calls for that it could not plan (closed after the meeting was held,
 * targets out of order with those in force, another meeting recorded at the same moment
 * planned first, …), as PlanMissionsFromMeetings recorded them in the meeting's stream once it
 * handled the meeting: a retry of the meeting's request, after a restore too, is told what
 * the first answer said. The meeting is a fact and is recorded all the same; its answer names
 * these so the caller is not told a mission was handled when it was left as it was. Should
 * the planner not reach the meeting in time, or a meeting handled before refusals were
 * recorded have none, each mission is judged as it stands, without appending anything.
 */
@Injectable()
export class MeetingMissionsCheck {
  private readonly logger = new Logger('meeting-missions-check');

  constructor(
    private readonly runner: DeciderCommandRunner,
    private readonly planner: PlanMissionsFromMeetings,
    private readonly calendar: Calendar,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async notPlanned(
    meeting: MeetingRecorded,
    position: Position,
    now: Date,
  ): Promise<MissionLeftUnplanned[]> {
    try {
      await this.planner.whenCaughtUp(position, PLANNER_WAIT_MS);
    } catch (error) {
      if (!(error instanceof CatchUpTimeoutError)) throw error;
      this.logger.warn(
        `the planner has not reached meeting ${meeting.data.meetingId} in ${PLANNER_WAIT_MS} ms: its missions are judged as they stand`,
      );
      return this.judgedAsThePlannerJudges(meeting, position, now);
    }
    const { state } = await this.runner.current(
      meetingStreamOf(meeting.data.meetingId),
      meetingDecider,
    );
    const recorded = state.status === 'recorded' ? state.missionsNotPlanned : [];
    // None recorded: every mission was planned or linked (each is then judged so again), or the
    // meeting was handled before refusals were recorded, and its missions are judged as they
    // stand, as they were then.
    return recorded.length > 0
      ? [...recorded]
      : this.judgedAsThePlannerJudges(meeting, position, now);
  }

  /**
   * Each mission as the planner judges it, without appending anything: nothing left to decide
   * when it has the meeting as a source already; else refused by the mission as the meeting
   * found it (its events before `position`), or by the mission as it stands.
   */
  private async judgedAsThePlannerJudges(
    meeting: MeetingRecorded,
    position: Position,
    now: Date,
  ): Promise<MissionLeftUnplanned[]> {
    const paths = missionPathsOf(meeting);
    const today = this.calendar.today(now);
    const refused: MissionLeftUnplanned[] = [];
    for (const [index, plan] of missionPlansOf(meeting).entries()) {
      const { state } = await this.runner.current(missionStreamOf(plan.missionId), missionDecider);
      const found = await judgedAsFound(this.store, plan, state, position, today);
      if (found === 'linked') continue;
      const refusal = found ?? refusalOf(plan, state, today);
      if (refusal === undefined) continue;
      refused.push({
        missionId: plan.missionId,
        path: paths[index],
        rule: refusal.rule,
        detail: refusal.detail,
      });
    }
    return refused;
  }
}
