import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CommandContext } from '../../command-handling/command-context.js';
import { DeciderCommandRunner } from '../../command-handling/decider-command-runner.js';
import { Calendar } from '../../command-handling/calendar.js';
import { StreamNotFoundError } from '../../event-store/event-store.errors.js';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
} from '../../event-store/event-store.port.js';
import { missionStreamOf } from '../../missions/domain/mission-id.js';
import type { IsoDate } from '../../shared/iso-date.js';
import { missionDecider } from '../../missions/domain/mission.decider.js';
import { headOfMissionStreamOf, missionHeadsStreamOf } from '../domain/head-of-mission-streams.js';
import {
  ofCurrentLifecycle,
  tenureOf,
  type HeadOfMissionMetadata,
  type MissionFacts,
  type NomineeTenure,
} from '../domain/head-of-mission.context.js';
import { headOfMissionDecider } from '../domain/head-of-mission.decider.js';
import { latestStepOn } from '../domain/head-of-mission.state.js';
import { missionHeadsDecider } from '../domain/mission-heads.decider.js';
import type { RegisteredNominee } from '../domain/mission-heads.state.js';
import { nominationEventIdOf } from './nomination-event-id.js';

/**
 * Reads what the head-of-mission deciders need from other streams: the mission (planned?
 * closed? agreed when?) and every nominee of its register with how far each one's own track
 * has got. The streams are folded through the runner, which remembers them, so a command
 * reads only what was appended since.
 *
 * A nomination is two appends: the register's NomineeRegistered, then the nominee's own
 * HeadOfMissionNominated. When the second never happened (the service stopped between them,
 * the store failed), the register names a nominee without a track, who would block the mission
 * for good. Reading such a register completes the nomination from what the register recorded,
 * with the original request's metadata and the same event id the original write uses, so the
 * nomination is recorded once whoever writes it.
 */
@Injectable()
export class HeadOfMissionContextLoader {
  private readonly logger = new Logger('heads-of-mission');

  constructor(
    private readonly runner: DeciderCommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly calendar: Calendar,
  ) {}

  async load(missionId: string, now: Date): Promise<HeadOfMissionMetadata> {
    const today = this.calendar.today(now);
    const mission = await this.missionFacts(missionId);
    if (mission.agreedOn === null) return { today, mission, nominees: [], chargesDesignatedOn: [] };
    const register = await this.runner.current(
      missionHeadsStreamOf(missionId),
      missionHeadsDecider,
    );
    // Nominees of earlier lifecycles ended with them: they neither block nor head this one.
    const nominees = await Promise.all(
      register.state.nominees
        .filter((nominee) => ofCurrentLifecycle(mission, nominee.nominatedOn))
        .map((nominee) => this.tenure(missionId, nominee, now)),
    );
    const chargesDesignatedOn = register.state.chargesDAffaires
      .map((charge) => charge.designatedOn)
      .filter((on) => ofCurrentLifecycle(mission, on));
    return { today, mission, nominees, chargesDesignatedOn };
  }

  /**
   * The latest date on the mission's heads-of-mission record in its current lifecycle: its
   * nominees' steps and ends of functions, and its chargés d'affaires' designations; null
   * when there is none. A closure may not be dated before it. Only reads: a nomination left
   * half-written counts by the date its register recorded.
   */
  async latestFactOn(missionId: string): Promise<IsoDate | null> {
    const mission = await this.missionFacts(missionId);
    if (mission.agreedOn === null) return null;
    const { state: register } = await this.runner.current(
      missionHeadsStreamOf(missionId),
      missionHeadsDecider,
    );
    const nominees = register.nominees.filter((n) => ofCurrentLifecycle(mission, n.nominatedOn));
    const dates = [
      ...register.chargesDAffaires
        .map((charge) => charge.designatedOn)
        .filter((on) => ofCurrentLifecycle(mission, on)),
      ...nominees.map((nominee) => nominee.nominatedOn),
    ];
    for (const { headOfMissionId } of nominees) {
      const { state } = await this.runner.current(
        headOfMissionStreamOf(headOfMissionId),
        headOfMissionDecider,
      );
      if (state.stage === 'not-nominated') continue;
      dates.push(latestStepOn(state));
      if (state.functionsEnded !== null) dates.push(state.functionsEnded.endedOn);
    }
    return dates.reduce<IsoDate | null>(
      (latest, on) => (latest === null || on > latest ? on : latest),
      null,
    );
  }

  private async missionFacts(missionId: string): Promise<MissionFacts> {
    const { state } = await this.runner.current(missionStreamOf(missionId), missionDecider);
    if (state.status === 'unplanned') {
      return { missionId, agreedOn: null, closedOn: null, previousClosedOn: null, closures: [] };
    }
    return {
      missionId,
      agreedOn: state.agreedOn,
      closedOn: state.status === 'closed' ? state.closedOn : null,
      previousClosedOn: state.previousClosedOn,
      closures:
        state.status === 'closed'
          ? [...state.earlierClosures, state.closedOn]
          : state.earlierClosures,
    };
  }

  private async tenure(
    missionId: string,
    nominee: RegisteredNominee,
    now: Date,
  ): Promise<NomineeTenure> {
    const stream = headOfMissionStreamOf(nominee.headOfMissionId);
    let { state } = await this.runner.current(stream, headOfMissionDecider);
    if (state.stage === 'not-nominated') {
      await this.completeNomination(missionId, nominee, now);
      ({ state } = await this.runner.current(stream, headOfMissionDecider));
    }
    return tenureOf(nominee.headOfMissionId, state);
  }

  /** Records the nominee's HeadOfMissionNominated from the register, as its request would have. */
  private async completeNomination(
    missionId: string,
    nominee: RegisteredNominee,
    now: Date,
  ): Promise<void> {
    const registered = await this.registration(missionId, nominee.headOfMissionId);
    if (registered === undefined) return;
    const text = (key: string) => {
      const value = registered.metadata[key];
      return typeof value === 'string' ? value : undefined;
    };
    const context: CommandContext = {
      actor: { name: text('actor') ?? 'unknown', role: text('actorRole') ?? 'unknown' },
      correlationId: text('correlationId') ?? `event:${registered.id}`,
      causationId: `event:${registered.id}`,
      idempotencyKey: text('idempotencyKey'),
      requestHash: text('requestHash'),
      now,
    };
    try {
      await this.runner.run({
        stream: headOfMissionStreamOf(nominee.headOfMissionId),
        decider: headOfMissionDecider,
        command: {
          type: 'NominateHeadOfMission',
          data: {
            headOfMissionId: nominee.headOfMissionId,
            missionId,
            name: nominee.name,
            title: nominee.title,
            nominatedOn: nominee.nominatedOn,
          },
          metadata: {
            today: this.calendar.today(now),
            mission: await this.missionFacts(missionId),
            nominees: [],
            chargesDesignatedOn: [],
          },
        },
        commandName: 'NominateHeadOfMission',
        context,
        eventIds: nominationEventIdOf(nominee.headOfMissionId),
      });
      this.logger.warn(
        `completed the interrupted nomination of ${nominee.headOfMissionId} to ${missionId}`,
      );
    } catch (error) {
      // Left as it is: the nominee counts as under way, and the next command tries again.
      this.logger.warn(
        `could not complete the nomination of ${nominee.headOfMissionId}: ${String(error)}`,
      );
    }
  }

  private async registration(
    missionId: string,
    headOfMissionId: string,
  ): Promise<RecordedEvent | undefined> {
    try {
      for await (const event of this.store.readStream(missionHeadsStreamOf(missionId))) {
        if (event.type === 'NomineeRegistered' && event.data.headOfMissionId === headOfMissionId) {
          return event;
        }
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return undefined;
  }
}
