import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import type { CommandContext } from '../../../command-handling/command-context.js';
import { CommandRequest } from '../../../http/command-context.factory.js';
import { MissionCommandRoute } from '../mission-command.route.js';
import { MissionIdPipe } from '../mission-id.pipe.js';
import { OpenPremisesRequest } from '../premises.request.js';

@Controller('api/missions')
export class OpenEmbassyHttp {
  constructor(private readonly route: MissionCommandRoute) {}

  @Post(':missionId/embassy')
  @Allow('staff')
  open(
    @Param('missionId', MissionIdPipe) missionId: string,
    @Body() body: OpenPremisesRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = { openedOn: body.openedOn, address: body.address ?? null };
    return this.route.record(reply, missionId, 'OpenEmbassy', data, context);
  }
}
