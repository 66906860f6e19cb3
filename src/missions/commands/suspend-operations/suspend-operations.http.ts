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
import { DatedReasonRequest } from '../operations.request.js';

@ApiTags('missions')
@Controller('api/missions')
export class SuspendOperationsHttp {
  constructor(private readonly route: MissionCommandRoute) {}

  @Post(':missionId/suspension')
  @Allow('staff')
  @ApiCommand({
    operationId: 'suspendOperations',
    summary: 'Suspend a mission’s operations',
    description:
      'Records that operations were suspended on `on`, and why. While suspended, the mission can be resumed or closed, its plan revised or linked to a meeting, and a milestone dated before or on `on` recorded; a milestone dated after `on` is 409 `mission-suspended` until it resumes.',
    response: MissionCommandResponseSchema,
    created: 'The suspension was recorded.',
    ...MissionRefusals.suspendOperations,
    examplePath: '/api/missions/kr-cu-havana/suspension',
    exampleLocation: '/api/missions/kr-cu-havana',
  })
  @ApiMissionIdParam()
  suspend(
    @Param('missionId', CommandPathIdPipe) missionId: string,
    @Body() body: DatedReasonRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = { on: body.on, reason: body.reason };
    return this.route.record(reply, missionId, 'SuspendOperations', data, context);
  }
}
