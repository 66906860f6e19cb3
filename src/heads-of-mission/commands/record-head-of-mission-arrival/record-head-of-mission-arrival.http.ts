import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandPathIdPipe } from '../../../http/command-path-id.pipe.js';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import type { CommandContext } from '../../../command-handling/command-context.js';
import { CommandRequest } from '../../../http/command-context.factory.js';
import { ApiCommand } from '../../../http/openapi/api-docs.decorators.js';
import { HeadOfMissionRefusals } from '../../../http/openapi/head-of-mission-refusals.js';
import {
  ApiHeadOfMissionIdParam,
  HeadOfMissionCommandResponseSchema,
} from '../../../http/openapi/head-of-mission.schema.js';
import { ApiMissionIdParam } from '../../../http/openapi/path-params.js';
import { HeadOfMissionCommandRoute } from '../head-of-mission-command.route.js';
import { RecordHeadOfMissionArrivalRequest } from './record-head-of-mission-arrival.request.js';

@ApiTags('heads-of-mission')
@Controller('api/missions')
export class RecordHeadOfMissionArrivalHttp {
  constructor(private readonly route: HeadOfMissionCommandRoute) {}

  @Post(':missionId/head-of-mission/:headOfMissionId/arrival')
  @Allow('staff')
  @ApiCommand({
    operationId: 'recordHeadOfMissionArrival',
    summary: 'Record the head of mission’s arrival',
    description:
      'Records that the appointed head arrived in the receiving state on `arrivedOn`, not before the appointment.',
    response: HeadOfMissionCommandResponseSchema,
    created: 'The arrival was recorded.',
    ...HeadOfMissionRefusals.recordHeadOfMissionArrival,
    examplePath:
      '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d/arrival',
    exampleLocation:
      '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d',
  })
  @ApiMissionIdParam()
  @ApiHeadOfMissionIdParam()
  record(
    @Param('missionId', CommandPathIdPipe) missionId: string,
    @Param('headOfMissionId', CommandPathIdPipe) headOfMissionId: string,
    @Body() body: RecordHeadOfMissionArrivalRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = { arrivedOn: body.arrivedOn };
    return this.route.record(
      reply,
      missionId,
      headOfMissionId,
      'RecordHeadOfMissionArrival',
      data,
      context,
    );
  }
}
