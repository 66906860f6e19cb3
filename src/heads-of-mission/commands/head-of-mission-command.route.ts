import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '../../command-handling/command-context.js';
import { newResourceId } from '../../command-handling/new-resource-id.js';
import { commandResponse } from '../../http/command-response.js';
import type { HeadOfMissionMetadata } from '../domain/head-of-mission.context.js';
import type { HeadOfMissionCommand } from '../domain/head-of-mission.commands.js';
import type {
  DesignateChargeDAffaires,
  RegisterNominee,
} from '../domain/mission-heads.commands.js';
import { ExecuteHeadOfMissionCommand } from './execute-head-of-mission-command.js';
import { ExecuteMissionHeadsCommand } from './execute-mission-heads-command.js';
import { HeadOfMissionContextLoader } from './head-of-mission-context.loader.js';
import { HeadsRecordQueue } from './heads-record-queue.js';
import { nominationEventIdOf } from './nomination-event-id.js';

/** Namespace for head-of-mission ids derived from an idempotency key. */
const HEAD_OF_MISSION_ID_NAMESPACE = 'c4a1e8d2-3f6b-4a9c-8e7d-5b2f1a0c9d84';

type Step = Exclude<HeadOfMissionCommand['type'], 'NominateHeadOfMission'>;
type StepOf<Type extends Step> = Extract<HeadOfMissionCommand, { type: Type }>;

/** Where a head of mission is answered from. */
function headOfMissionLocation(missionId: string, headOfMissionId: string): string {
  return `/api/missions/${missionId}/head-of-mission/${headOfMissionId}`;
}

/**
 * What every head-of-mission route does once its body is valid: read the facts the deciders
 * need from the mission and its register, send the command with the caller's "today", and
 * answer 201 when it recorded something and 200 when nothing needed recording.
 */
@Injectable()
export class HeadOfMissionCommandRoute {
  constructor(
    private readonly commands: CommandBus,
    private readonly facts: HeadOfMissionContextLoader,
    private readonly perMission: HeadsRecordQueue,
  ) {}

  /**
   * Registers the nominee with the mission (where one-at-a-time is decided), then opens the
   * nominee's own track. If-Match guards the register; the answer's revision and ETag are the
   * new track's.
   */
  async nominate(
    reply: FastifyReply,
    missionId: string,
    data: Omit<RegisterNominee['data'], 'headOfMissionId'>,
    context: CommandContext,
  ) {
    const headOfMissionId = newResourceId(context, HEAD_OF_MISSION_ID_NAMESPACE);
    const { registered, outcome } = await this.decided(missionId, context, async (metadata) => {
      const registered = await this.commands.execute(
        new ExecuteMissionHeadsCommand(
          missionId,
          { type: 'RegisterNominee', data: { headOfMissionId, ...data }, metadata },
          onRegister(context),
        ),
      );
      const outcome = await this.commands.execute(
        new ExecuteHeadOfMissionCommand(
          headOfMissionId,
          {
            type: 'NominateHeadOfMission',
            data: { headOfMissionId, missionId, ...data },
            metadata,
          },
          { ...context, expectedRevision: undefined },
          nominationEventIdOf(headOfMissionId),
        ),
      );
      return { registered, outcome };
    });
    return commandResponse(reply, outcome, {
      created: registered.events.length > 0 || outcome.events.length > 0,
      location: headOfMissionLocation(missionId, headOfMissionId),
      body: { missionId, headOfMissionId },
    });
  }

  /** A step of one nominee's track; If-Match and the answer's revision are the track's. */
  async record<Type extends Step>(
    reply: FastifyReply,
    missionId: string,
    headOfMissionId: string,
    type: Type,
    data: StepOf<Type>['data'],
    context: CommandContext,
  ) {
    const outcome = await this.decided(missionId, context, (metadata) =>
      this.commands.execute(
        new ExecuteHeadOfMissionCommand(
          headOfMissionId,
          { type, data, metadata } as StepOf<Type>,
          context,
        ),
      ),
    );
    return commandResponse(reply, outcome, {
      created: outcome.events.length > 0,
      location: headOfMissionLocation(missionId, headOfMissionId),
      body: { missionId, headOfMissionId },
    });
  }

  /** A chargé d'affaires a.i., on the mission's register; If-Match and revision are the register's. */
  async designateChargeDAffaires(
    reply: FastifyReply,
    missionId: string,
    data: DesignateChargeDAffaires['data'],
    context: CommandContext,
  ) {
    const outcome = await this.decided(missionId, context, (metadata) =>
      this.commands.execute(
        new ExecuteMissionHeadsCommand(
          missionId,
          { type: 'DesignateChargeDAffaires', data, metadata },
          onRegister(context),
        ),
      ),
    );
    return commandResponse(reply, outcome, {
      created: outcome.events.length > 0,
      location: `/api/missions/${missionId}`,
      body: { missionId },
    });
  }

  /** Runs `decide` on the facts read now, after the mission's earlier commands on this node. */
  private decided<T>(
    missionId: string,
    context: CommandContext,
    decide: (metadata: HeadOfMissionMetadata) => Promise<T>,
  ): Promise<T> {
    return this.perMission.run(missionId, async () =>
      decide(await this.facts.load(missionId, context.now)),
    );
  }
}

/**
 * The caller's If-Match, applied to the mission's register of heads. The register is there as
 * soon as the mission is (the facts loaded first answer 404 for one never planned), empty
 * until its first nomination or chargé d'affaires: `If-Match: *` asks no more of it.
 */
function onRegister(context: CommandContext): CommandContext {
  return context.expectedRevision === 'exists'
    ? { ...context, expectedRevision: undefined }
    : context;
}
