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
import { RefuseAgrementRequest } from './refuse-agrement.request.js';

@ApiTags('heads-of-mission')
@Controller('api/missions')
export class RefuseAgrementHttp {
  constructor(private readonly route: HeadOfMissionCommandRoute) {}

  @Post(':missionId/head-of-mission/:headOfMissionId/agrement-refusal')
  @Allow('staff')
  @ApiCommand({
    operationId: 'refuseAgrement',
    summary: 'Record a refused agrément',
    description:
      'Records that the receiving state refused its agrément on `refusedOn`; it need give no reason. Nothing further happens to this nominee: another may be nominated.',
    response: HeadOfMissionCommandResponseSchema,
    created: 'The refusal was recorded.',
    ...HeadOfMissionRefusals.refuseAgrement,
    examplePath:
      '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d/agrement-refusal',
    exampleLocation:
      '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d',
  })
  @ApiMissionIdParam()
  @ApiHeadOfMissionIdParam()
  record(
    @Param('missionId', CommandPathIdPipe) missionId: string,
    @Param('headOfMissionId', CommandPathIdPipe) headOfMissionId: string,
    @Body() body: RefuseAgrementRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = { refusedOn: body.refusedOn, reason: body.reason ?? null };
    return this.route.record(reply, missionId, headOfMissionId, 'RefuseAgrement', data, context);
  }
}
