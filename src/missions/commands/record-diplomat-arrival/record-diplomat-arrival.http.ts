import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import type { CommandContext } from '../../../command-handling/command-context.js';
import { CommandRequest } from '../../../http/command-context.factory.js';
import { DiplomatIdPipe } from '../diplomat-id.pipe.js';
import { MissionCommandRoute } from '../mission-command.route.js';
import { MissionIdPipe } from '../mission-id.pipe.js';
import { RecordDiplomatArrivalRequest } from './record-diplomat-arrival.request.js';

@Controller('api/missions')
export class RecordDiplomatArrivalHttp {
  constructor(private readonly route: MissionCommandRoute) {}

  @Post(':missionId/diplomats/:diplomatId/arrival')
  @Allow('staff')
  arrive(
    @Param('missionId', MissionIdPipe) missionId: string,
    @Param('diplomatId', DiplomatIdPipe) diplomatId: string,
    @Body() body: RecordDiplomatArrivalRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.route.record(
      reply,
      missionId,
      'RecordDiplomatArrival',
      { diplomatId, arrivedOn: body.arrivedOn },
      context,
      () => `/api/missions/${missionId}/diplomats/${diplomatId}`,
    );
  }
}
