import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandPathIdPipe } from '../../../http/command-path-id.pipe.js';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import type { CommandContext } from '../../../command-handling/command-context.js';
import { CommandRequest } from '../../../http/command-context.factory.js';
import { ApiCommand } from '../../../http/openapi/api-docs.decorators.js';
import { MissionCommandResponseSchema } from '../../../http/openapi/command-response.schema.js';
import { HeadOfMissionRefusals } from '../../../http/openapi/head-of-mission-refusals.js';
import { ApiMissionIdParam } from '../../../http/openapi/path-params.js';
import { HeadOfMissionCommandRoute } from '../head-of-mission-command.route.js';
import { DesignateChargeDAffairesRequest } from './designate-charge-d-affaires.request.js';

@ApiTags('heads-of-mission')
@Controller('api/missions')
export class DesignateChargeDAffairesHttp {
  constructor(private readonly route: HeadOfMissionCommandRoute) {}

  @Post(':missionId/charge-d-affaires')
  @Allow('staff')
  @ApiCommand({
    operationId: 'designateChargeDAffaires',
    summary: 'Designate a chargé d’affaires a.i.',
    description:
      'Records that a diplomat heads the mission ad interim from `designatedOn`, while the head’s post is vacant (VCDR art. 19); the interim ends when a head presents credentials. Recorded on the mission’s register of heads: `revision`, ETag and If-Match are the register’s (`headsOfMissionRevision` in the mission view).',
    response: MissionCommandResponseSchema,
    created: 'The designation was recorded.',
    ok: 'The same person was already designated with the same title and date: nothing new was recorded.',
    ...HeadOfMissionRefusals.designateChargeDAffaires,
    examplePath: '/api/missions/kr-cu-havana/charge-d-affaires',
    exampleLocation: '/api/missions/kr-cu-havana',
  })
  @ApiMissionIdParam()
  designate(
    @Param('missionId', CommandPathIdPipe) missionId: string,
    @Body() body: DesignateChargeDAffairesRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = { name: body.name, title: body.title, designatedOn: body.designatedOn };
    return this.route.designateChargeDAffaires(reply, missionId, data, context);
  }
}
