import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import type { CommandContext } from '../../../command-handling/command-context.js';
import { CommandRequest } from '../../../http/command-context.factory.js';
import { MissionCommandRoute } from '../mission-command.route.js';
import { MissionIdPipe } from '../mission-id.pipe.js';
import { DatedRequest } from '../operations.request.js';

@Controller('api/missions')
export class ResumeOperationsHttp {
  constructor(private readonly route: MissionCommandRoute) {}

  @Post(':missionId/resumption')
  @Allow('staff')
  resume(
    @Param('missionId', MissionIdPipe) missionId: string,
    @Body() body: DatedRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.route.record(reply, missionId, 'ResumeOperations', { on: body.on }, context);
  }
}
