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
import { PresentCopyOfCredentialsRequest } from './present-copy-of-credentials.request.js';

@ApiTags('heads-of-mission')
@Controller('api/missions')
export class PresentCopyOfCredentialsHttp {
  constructor(private readonly route: HeadOfMissionCommandRoute) {}

  @Post(':missionId/head-of-mission/:headOfMissionId/copy-of-credentials')
  @Allow('staff')
  @ApiCommand({
    operationId: 'presentCopyOfCredentials',
    summary: 'Record the copy of credentials',
    description:
      'Records that the head presented a copy of credentials to the foreign ministry on `presentedOn`, after arriving (VCDR art. 13).',
    response: HeadOfMissionCommandResponseSchema,
    created: 'The copy of credentials was recorded.',
    ...HeadOfMissionRefusals.presentCopyOfCredentials,
    examplePath:
      '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d/copy-of-credentials',
    exampleLocation:
      '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d',
  })
  @ApiMissionIdParam()
  @ApiHeadOfMissionIdParam()
  record(
    @Param('missionId', CommandPathIdPipe) missionId: string,
    @Param('headOfMissionId', CommandPathIdPipe) headOfMissionId: string,
    @Body() body: PresentCopyOfCredentialsRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = { presentedOn: body.presentedOn };
    return this.route.record(
      reply,
      missionId,
      headOfMissionId,
      'PresentCopyOfCredentials',
      data,
      context,
    );
  }
}
