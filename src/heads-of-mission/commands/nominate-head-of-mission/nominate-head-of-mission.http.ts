import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandPathIdPipe } from '../../../http/command-path-id.pipe.js';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import type { CommandContext } from '../../../command-handling/command-context.js';
import { CommandRequest } from '../../../http/command-context.factory.js';
import { ApiCommand } from '../../../http/openapi/api-docs.decorators.js';
import { HeadOfMissionRefusals } from '../../../http/openapi/head-of-mission-refusals.js';
import { HeadOfMissionCommandResponseSchema } from '../../../http/openapi/head-of-mission.schema.js';
import { ApiMissionIdParam } from '../../../http/openapi/path-params.js';
import { HeadOfMissionCommandRoute } from '../head-of-mission-command.route.js';
import { NominateHeadOfMissionRequest } from './nominate-head-of-mission.request.js';

@ApiTags('heads-of-mission')
@Controller('api/missions')
export class NominateHeadOfMissionHttp {
  constructor(private readonly route: HeadOfMissionCommandRoute) {}

  @Post(':missionId/head-of-mission')
  @Allow('staff')
  @ApiCommand({
    operationId: 'nominateHeadOfMission',
    summary: 'Nominate a head of mission',
    description:
      'Opens a nominee’s head-of-mission track on a planned mission, independent of its premises. A mission has one nominee under way at a time (until accredited, refused or ended); a successor may be nominated while the head is in office. The answer names the nominee (`headOfMissionId`, also in Location); its `revision` and ETag are the new track’s, while If-Match, when sent, guards the mission’s register of heads (`headsOfMissionRevision` in the mission view).',
    response: HeadOfMissionCommandResponseSchema,
    created: 'The nomination was recorded; Location names the nominee.',
    ...HeadOfMissionRefusals.nominateHeadOfMission,
    examplePath: '/api/missions/kr-cu-havana/head-of-mission',
    exampleLocation:
      '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d',
  })
  @ApiMissionIdParam()
  nominate(
    @Param('missionId', CommandPathIdPipe) missionId: string,
    @Body() body: NominateHeadOfMissionRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = { name: body.name, title: body.title, nominatedOn: body.nominatedOn };
    return this.route.nominate(reply, missionId, data, context);
  }
}
