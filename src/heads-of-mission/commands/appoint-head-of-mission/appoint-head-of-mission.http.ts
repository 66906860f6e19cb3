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
import { AppointHeadOfMissionRequest } from './appoint-head-of-mission.request.js';

@ApiTags('heads-of-mission')
@Controller('api/missions')
export class AppointHeadOfMissionHttp {
  constructor(private readonly route: HeadOfMissionCommandRoute) {}

  @Post(':missionId/head-of-mission/:headOfMissionId/appointment')
  @Allow('staff')
  @ApiCommand({
    operationId: 'appointHeadOfMission',
    summary: 'Appoint the head of mission',
    description:
      'Records that the sending state appointed (named) the nominee on `appointedOn`. Appointment without agrément is refused (VCDR art. 4).',
    response: HeadOfMissionCommandResponseSchema,
    created: 'The appointment was recorded.',
    ...HeadOfMissionRefusals.appointHeadOfMission,
    examplePath:
      '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d/appointment',
    exampleLocation:
      '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d',
  })
  @ApiMissionIdParam()
  @ApiHeadOfMissionIdParam()
  record(
    @Param('missionId', CommandPathIdPipe) missionId: string,
    @Param('headOfMissionId', CommandPathIdPipe) headOfMissionId: string,
    @Body() body: AppointHeadOfMissionRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = { appointedOn: body.appointedOn };
    return this.route.record(
      reply,
      missionId,
      headOfMissionId,
      'AppointHeadOfMission',
      data,
      context,
    );
  }
}
