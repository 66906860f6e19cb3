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
import { ApiMissionIdParam } from '../../../http/openapi/path-params.js';
import { MissionCommandRoute } from '../mission-command.route.js';
import { OpenPremisesRequest } from '../premises.request.js';

@ApiTags('missions')
@Controller('api/missions')
export class OpenEmbassyHttp {
  constructor(private readonly route: MissionCommandRoute) {}

  @Post(':missionId/embassy')
  @Allow('staff')
  @ApiCommand({
    operationId: 'openEmbassy',
    summary: 'Open the embassy',
    description:
      'Records that the embassy opened on `openedOn`: someone must have been on post by then, and not before the temporary office opened.',
    response: MissionCommandResponseSchema,
    created: 'The opening was recorded.',
    ...MissionRefusals.openEmbassy,
    examplePath: '/api/missions/kr-cu-havana/embassy',
    exampleLocation: '/api/missions/kr-cu-havana',
  })
  @ApiMissionIdParam()
  open(
    @Param('missionId', CommandPathIdPipe) missionId: string,
    @Body() body: OpenPremisesRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = { openedOn: body.openedOn, address: body.address ?? null };
    return this.route.record(reply, missionId, 'OpenEmbassy', data, context);
  }
}
