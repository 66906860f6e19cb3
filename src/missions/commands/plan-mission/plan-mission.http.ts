import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiExtraModels, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import type { CommandContext } from '../../../command-handling/command-context.js';
import { DeciderCommandRunner } from '../../../command-handling/decider-command-runner.js';
import { Calendar } from '../../../command-handling/calendar.js';
import { CommandRequest } from '../../../http/command-context.factory.js';
import { commandResponse } from '../../../http/command-response.js';
import { ApiCommand } from '../../../http/openapi/api-docs.decorators.js';
import { MissionCommandResponseSchema } from '../../../http/openapi/command-response.schema.js';
import { PLAN_HAVANA_EXAMPLE, PLAN_SEOUL_EXAMPLE } from '../../../http/openapi/examples.js';
import { MissionRefusals } from '../../../http/openapi/mission-refusals.js';
import { MeetingSources } from '../../../meetings/meeting-sources.js';
import { missionIdOf, missionStreamOf } from '../../domain/mission-id.js';
import { missionDecider } from '../../domain/mission.decider.js';
import { ExecuteMissionCommand } from '../execute-mission-command.js';
import { PlanMissionRequest } from './plan-mission.request.js';

@ApiTags('missions')
@Controller('api/missions')
export class PlanMissionHttp {
  constructor(
    private readonly commands: CommandBus,
    private readonly meetings: MeetingSources,
    private readonly runner: DeciderCommandRunner,
    private readonly calendar: Calendar,
  ) {}

  /** Plans a mission, or links a further source to one already planned. */
  @Post()
  @Allow('staff')
  @ApiCommand({
    operationId: 'planMission',
    summary: 'Plan a mission, or link a further agreement to it',
    description:
      'Puts the mission of `sendingState` in `city` (`receivingState`) on the plan; its id is derived from the three (`kr-cu-havana`). When it is already planned, the request links a further source meeting or revises its targets; when it was closed, an agreement dated on or after the closure re-establishes it (a new lifecycle, 201). Missions a recorded meeting calls for are planned from it automatically.',
    response: MissionCommandResponseSchema,
    created: 'The mission was planned, or re-established after its closure; Location names it.',
    ok: 'The mission was already planned: the source was linked or the targets revised, or nothing needed recording.',
    ...MissionRefusals.planMission,
    examplePath: '/api/missions',
    exampleLocation: '/api/missions/kr-cu-havana',
  })
  @ApiExtraModels(PlanMissionRequest)
  @ApiBody({
    required: true,
    schema: { $ref: getSchemaPath(PlanMissionRequest) },
    examples: {
      'from-meeting': { summary: 'Havana, from the ROK–Cuba meeting', value: PLAN_HAVANA_EXAMPLE },
      'without-meeting': { summary: 'Seoul, agreed on 2024-06-12', value: PLAN_SEOUL_EXAMPLE },
    },
  })
  async plan(
    @Body() body: PlanMissionRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const missionId = missionIdOf(body.sendingState, body.receivingState, body.city);
    const today = this.calendar.today(context.now);
    const agreement = body.source
      ? await this.sourceAgreement(body.source, missionId, context)
      : undefined;
    const agreedOn = body.agreedOn ?? agreement?.heldOn ?? today;
    const outcome = await this.commands.execute(
      new ExecuteMissionCommand(
        missionId,
        {
          type: 'PlanMission',
          data: {
            missionId,
            sendingState: body.sendingState,
            receivingState: body.receivingState,
            city: body.city,
            targets: body.targets,
            source: body.source ?? null,
            plannedOn: agreedOn,
            agreedOn,
          },
          metadata: { today, ...(agreement && { sourceAgreement: agreement }) },
        },
        context,
      ),
    );
    const created = outcome.events.some(
      (e) => e.type === 'MissionPlanned' || e.type === 'MissionReestablished',
    );
    return commandResponse(reply, outcome, {
      created,
      location: `/api/missions/${missionId}`,
      body: { missionId },
    });
  }

  /** What the cited meeting agreed; its refusal comes after a stale If-Match's 412. */
  private async sourceAgreement(
    source: NonNullable<PlanMissionRequest['source']>,
    missionId: string,
    context: CommandContext,
  ) {
    try {
      return await this.meetings.agreementOf(source, missionId);
    } catch (refusal) {
      await this.runner.requireExpectedRevision(
        missionStreamOf(missionId),
        missionDecider,
        context,
      );
      throw refusal;
    }
  }
}
