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
import { RequestAgrementRequest } from './request-agrement.request.js';

@ApiTags('heads-of-mission')
@Controller('api/missions')
export class RequestAgrementHttp {
  constructor(private readonly route: HeadOfMissionCommandRoute) {}

  @Post(':missionId/head-of-mission/:headOfMissionId/agrement-request')
  @Allow('staff')
  @ApiCommand({
    operationId: 'requestAgrement',
    summary: 'Request the agrément for a nominee',
    description:
      'Records that the sending state asked the receiving state for its agrément to the nominee on `requestedOn` (VCDR art. 4), not before the nomination.',
    response: HeadOfMissionCommandResponseSchema,
    created: 'The request was recorded.',
    ...HeadOfMissionRefusals.requestAgrement,
    examplePath:
      '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d/agrement-request',
    exampleLocation:
      '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d',
  })
  @ApiMissionIdParam()
  @ApiHeadOfMissionIdParam()
  record(
    @Param('missionId', CommandPathIdPipe) missionId: string,
    @Param('headOfMissionId', CommandPathIdPipe) headOfMissionId: string,
    @Body() body: RequestAgrementRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = { requestedOn: body.requestedOn };
    return this.route.record(reply, missionId, headOfMissionId, 'RequestAgrement', data, context);
  }
}
