import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import type { CommandContext } from '../../../command-handling/command-context.js';
import { CommandRequest } from '../../../http/command-context.factory.js';
import { MissionCommandRoute } from '../mission-command.route.js';
import { MissionIdPipe } from '../mission-id.pipe.js';
import { DatedReasonRequest } from '../operations.request.js';

@Controller('api/missions')
export class CloseMissionHttp {
  constructor(private readonly route: MissionCommandRoute) {}

  @Post(':missionId/closure')
  @Allow('staff')
  close(
    @Param('missionId', MissionIdPipe) missionId: string,
    @Body() body: DatedReasonRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = { on: body.on, reason: body.reason };
    return this.route.record(reply, missionId, 'CloseMission', data, context);
  }
}
