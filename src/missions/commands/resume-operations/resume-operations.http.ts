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
import { DatedRequest } from '../operations.request.js';

@ApiTags('missions')
@Controller('api/missions')
export class ResumeOperationsHttp {
  constructor(private readonly route: MissionCommandRoute) {}

  @Post(':missionId/resumption')
  @Allow('staff')
  @ApiCommand({
    operationId: 'resumeOperations',
    summary: 'Resume a suspended mission’s operations',
    description:
      'Records that operations resumed on `on`; the mission returns to the status its milestones give, those recorded during the suspension included.',
    response: MissionCommandResponseSchema,
    created: 'The resumption was recorded.',
    ...MissionRefusals.resumeOperations,
    examplePath: '/api/missions/kr-cu-havana/resumption',
    exampleLocation: '/api/missions/kr-cu-havana',
  })
  @ApiMissionIdParam()
  resume(
    @Param('missionId', CommandPathIdPipe) missionId: string,
    @Body() body: DatedRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.route.record(reply, missionId, 'ResumeOperations', { on: body.on }, context);
  }
}
