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
import { PresentCredentialsRequest } from './present-credentials.request.js';

@ApiTags('heads-of-mission')
@Controller('api/missions')
export class PresentCredentialsHttp {
  constructor(private readonly route: HeadOfMissionCommandRoute) {}

  @Post(':missionId/head-of-mission/:headOfMissionId/credentials')
  @Allow('staff')
  @ApiCommand({
    operationId: 'presentCredentials',
    summary: 'Record the credentials: functions commence',
    description:
      'Records that the head presented credentials to the head of state on `presentedOn`: functions commence and the date is the head’s precedence date. Needs the agrément (art. 4) and the arrival (art. 13); refused while another head of the mission is in office.',
    response: HeadOfMissionCommandResponseSchema,
    created: 'The credentials were recorded.',
    ...HeadOfMissionRefusals.presentCredentials,
    examplePath:
      '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d/credentials',
    exampleLocation:
      '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d',
  })
  @ApiMissionIdParam()
  @ApiHeadOfMissionIdParam()
  record(
    @Param('missionId', CommandPathIdPipe) missionId: string,
    @Param('headOfMissionId', CommandPathIdPipe) headOfMissionId: string,
    @Body() body: PresentCredentialsRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = { presentedOn: body.presentedOn };
    return this.route.record(
      reply,
      missionId,
      headOfMissionId,
      'PresentCredentials',
      data,
      context,
    );
  }
}
