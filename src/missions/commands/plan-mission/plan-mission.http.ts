import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import type { CommandContext } from '../../../command-handling/command-context.js';
import { todayAnywhere } from '../../../command-handling/today.js';
import { CommandRequest } from '../../../http/command-context.factory.js';
import { commandResponse } from '../../../http/command-response.js';
import { MeetingSources } from '../../../meetings/meeting-sources.js';
import { missionIdOf } from '../../domain/mission-id.js';
import { ExecuteMissionCommand } from '../execute-mission-command.js';
import { PlanMissionRequest } from './plan-mission.request.js';

@Controller('api/missions')
export class PlanMissionHttp {
  constructor(
    private readonly commands: CommandBus,
    private readonly meetings: MeetingSources,
  ) {}

  /** Plans a mission, or links a further source to one already planned. */
  @Post()
  @Allow('staff')
  async plan(
    @Body() body: PlanMissionRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const missionId = missionIdOf(body.sendingState, body.receivingState, body.city);
    const today = todayAnywhere(context.now);
    const meetingDate = body.source
      ? await this.meetings.heldOn(body.source, missionId)
      : undefined;
    const agreedOn = body.agreedOn ?? meetingDate ?? today;
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
          metadata: { today },
        },
        context,
      ),
    );
    const created = outcome.events.some((e) => e.type === 'MissionPlanned');
    return commandResponse(reply, outcome, {
      created,
      location: `/api/missions/${missionId}`,
      body: { missionId },
    });
  }
}
