import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { CheckpointStore } from '../../checkpoints/checkpoint-store.js';
import type { CommandContext } from '../../command-handling/command-context.js';
import { Calendar } from '../../command-handling/calendar.js';
import { DeciderCommandRunner } from '../../command-handling/decider-command-runner.js';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
} from '../../event-store/event-store.port.js';
import type { Position } from '../../event-store/position.js';
import {
  missionPathsOf,
  missionPlansOf,
  type MissionPlan,
} from '../../meetings/domain/meeting-mission-plans.js';
import { meetingDecider, meetingStreamOf } from '../../meetings/domain/meeting.decider.js';
import type { RecordMissionNotPlanned } from '../../meetings/domain/meeting.commands.js';
import type { MeetingRecorded } from '../../meetings/domain/meeting.events.js';
import { DomainRuleError } from '../../shared/domain-rule.error.js';
import type { IsoDate } from '../../shared/iso-date.js';
import { stringOr } from '../../shared/json.js';
import { CheckpointedSubscriber } from '../../subscriptions/checkpointed-subscriber.js';
import { ProcessManagerRegistry } from '../../subscriptions/process-manager-registry.js';
import { ExecuteMissionCommand } from '../commands/execute-mission-command.js';
import { MissionRules } from '../domain/mission.rules.js';
import { missionStreamOf } from '../domain/mission-id.js';
import { missionDecider } from '../domain/mission.decider.js';
import { judgedAsFound } from './mission-as-recorded.js';

const NAME = 'plan-missions-from-meetings';
/** Namespace for the ids of events this process manager appends. */
const EVENT_ID_NAMESPACE = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

/**
 * The process manager from meeting outcomes to missions: for every MeetingRecorded in
 * $all (from its checkpoint) it plans each mission an establish-missions outcome calls
 * for. Idempotent by construction: event ids derive from the meeting event and the
 * mission, and the mission decider links a source it already has to nothing, so a
 * replay, a restart or a second node never plans or links twice. A mission it cannot plan
 * is recorded as such in the meeting's stream (MissionNotPlannedFromMeeting), so that
 * handling the meeting again (a restart, a restore, another node) decides it no more: not
 * against a mission that has moved on since, where the meeting could plan what it was once
 * refused.
 */
@Injectable()
export class PlanMissionsFromMeetings implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NAME);
  private readonly subscriber: CheckpointedSubscriber;
  private appended: Position | undefined;
  readonly name = NAME;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    checkpoints: CheckpointStore,
    private readonly commands: CommandBus,
    registry: ProcessManagerRegistry,
    private readonly calendar: Calendar,
    private readonly runner: DeciderCommandRunner,
  ) {
    registry.register(this);
    this.subscriber = new CheckpointedSubscriber(store, {
      name: NAME,
      handle: (event) => this.handle(event),
      loadCheckpoint: () => checkpoints.load(NAME),
      saveCheckpoint: (position) => checkpoints.save(NAME, position),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // What it appended before a restart is not remembered: until it appends again, reads
    // that wait on its output wait for everything stored at start-up.
    this.appended = await this.store.headPosition().catch(() => undefined);
    this.subscriber.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber.stop();
  }

  get lastAppended(): Position | undefined {
    return this.appended;
  }

  whenCaughtUp(position: Position, timeoutMs?: number): Promise<void> {
    return this.subscriber.whenCaughtUp(position, timeoutMs);
  }

  private async handle(event: RecordedEvent): Promise<boolean> {
    if (event.type !== 'MeetingRecorded' || !event.stream.startsWith('meeting-')) return false;
    const meeting = { type: 'MeetingRecorded', data: event.data } as MeetingRecorded;
    const now = new Date();
    const context: CommandContext = {
      actor: { name: NAME, role: 'system' },
      correlationId: stringOr(event.metadata.correlationId, event.id),
      causationId: event.id,
      now,
    };
    const stream = meetingStreamOf(meeting.data.meetingId);
    const { state } = await this.runner.current(stream, meetingDecider);
    const decided = new Set(
      state.status === 'recorded' ? state.missionsNotPlanned.map(({ missionId }) => missionId) : [],
    );
    const paths = missionPathsOf(meeting);
    const today = this.calendar.today(now);
    for (const [index, plan] of missionPlansOf(meeting).entries()) {
      if (decided.has(plan.missionId)) continue;
      const current = await this.runner.current(missionStreamOf(plan.missionId), missionDecider);
      // Judged first on the mission as the meeting found it, then planned on the mission as
      // it stands: a meeting handled late (after a lost checkpoint) finds what it found then.
      const found = await judgedAsFound(this.store, plan, current.state, event.position, today);
      if (found === 'linked') continue;
      const refusal = found ?? (await this.plan(event, plan, context, today));
      if (refusal === undefined) continue;
      this.logger.warn(
        `meeting ${plan.source?.meetingId} cannot plan mission ${plan.missionId}: ${refusal.detail}`,
      );
      // Judged on this node's clock, not on the mission: another node's (or a later) check
      // may find the meeting's date today. Not a fact about the meeting to record.
      if (refusal.rule === MissionRules.dateInTheFuture) continue;
      await this.recordNotPlanned(event, stream, context, today, {
        meetingId: meeting.data.meetingId,
        missionId: plan.missionId,
        path: paths[index],
        rule: refusal.rule,
        detail: refusal.detail,
      });
    }
    return true;
  }

  /** Plans (or links) the mission from the meeting; the rule that refuses it, if one does. */
  private async plan(
    event: RecordedEvent,
    plan: MissionPlan,
    context: CommandContext,
    today: IsoDate,
  ): Promise<DomainRuleError | undefined> {
    const command = new ExecuteMissionCommand(
      plan.missionId,
      { type: 'PlanMission', data: plan, metadata: { today } },
      context,
      (i) => uuidv5(`${event.id}/${plan.missionId}/${i}`, EVENT_ID_NAMESPACE),
    );
    try {
      const outcome = await this.commands.execute(command);
      if (outcome.events.length > 0) this.appended = outcome.position;
      return undefined;
    } catch (error) {
      if (error instanceof DomainRuleError) return error;
      throw error;
    }
  }

  private async recordNotPlanned(
    event: RecordedEvent,
    stream: string,
    context: CommandContext,
    today: IsoDate,
    data: RecordMissionNotPlanned['data'],
  ): Promise<void> {
    const outcome = await this.runner.run({
      stream,
      decider: meetingDecider,
      command: { type: 'RecordMissionNotPlanned', data, metadata: { today } },
      commandName: 'RecordMissionNotPlanned',
      context,
      eventIds: (i) => uuidv5(`${event.id}/${data.missionId}/not-planned/${i}`, EVENT_ID_NAMESPACE),
    });
    if (outcome.events.length > 0) this.appended = outcome.position;
  }
}
