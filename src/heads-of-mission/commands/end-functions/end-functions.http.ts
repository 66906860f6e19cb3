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
import { EndFunctionsRequest } from './end-functions.request.js';

@ApiTags('heads-of-mission')
@Controller('api/missions')
export class EndFunctionsHttp {
  constructor(private readonly route: HeadOfMissionCommandRoute) {}

  @Post(':missionId/head-of-mission/:headOfMissionId/end-of-functions')
  @Allow('staff')
  @ApiCommand({
    operationId: 'endFunctions',
    summary: 'End the head of mission’s functions',
    description:
      'Records that the functions ended on `endedOn` (recalled, declared persona non grata, end of term), at whatever stage the track was. Nothing further happens to this head; the post is vacant.',
    response: HeadOfMissionCommandResponseSchema,
    created: 'The end of functions was recorded.',
    ...HeadOfMissionRefusals.endFunctions,
    examplePath:
      '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d/end-of-functions',
    exampleLocation:
      '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d',
  })
  @ApiMissionIdParam()
  @ApiHeadOfMissionIdParam()
  record(
    @Param('missionId', CommandPathIdPipe) missionId: string,
    @Param('headOfMissionId', CommandPathIdPipe) headOfMissionId: string,
    @Body() body: EndFunctionsRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = { endedOn: body.endedOn, reason: body.reason, note: body.note ?? null };
    return this.route.record(reply, missionId, headOfMissionId, 'EndFunctions', data, context);
  }
}
