import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandPathIdPipe } from '../../../http/command-path-id.pipe.js';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import type { CommandContext } from '../../../command-handling/command-context.js';
import { CommandRequest } from '../../../http/command-context.factory.js';
import { ApiCommand } from '../../../http/openapi/api-docs.decorators.js';
import { MissionCommandResponseSchema } from '../../../http/openapi/command-response.schema.js';
import { MissionRefusals } from '../../../http/openapi/mission-refusals.js';
import { ApiDiplomatIdParam, ApiMissionIdParam } from '../../../http/openapi/path-params.js';
import { MissionCommandRoute } from '../mission-command.route.js';
import { RecordDiplomatArrivalRequest } from './record-diplomat-arrival.request.js';

@ApiTags('missions')
@Controller('api/missions')
export class RecordDiplomatArrivalHttp {
  constructor(private readonly route: MissionCommandRoute) {}

  @Post(':missionId/diplomats/:diplomatId/arrival')
  @Allow('staff')
  @ApiCommand({
    operationId: 'recordDiplomatArrival',
    summary: 'Record a diplomat’s arrival on post',
    description:
      'Records that a dispatched diplomat arrived on post on `arrivedOn`, not before the dispatch.',
    response: MissionCommandResponseSchema,
    created: 'The arrival was recorded; Location names the diplomat.',
    ...MissionRefusals.recordDiplomatArrival,
    examplePath:
      '/api/missions/kr-cu-havana/diplomats/3b241101-e2bb-4255-8caf-4136c566a962/arrival',
    exampleLocation: '/api/missions/kr-cu-havana/diplomats/3b241101-e2bb-4255-8caf-4136c566a962',
  })
  @ApiMissionIdParam()
  @ApiDiplomatIdParam()
  arrive(
    @Param('missionId', CommandPathIdPipe) missionId: string,
    @Param('diplomatId', CommandPathIdPipe) diplomatId: string,
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
