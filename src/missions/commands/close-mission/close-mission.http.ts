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
import { HeadOfMissionContextLoader } from '../../../heads-of-mission/commands/head-of-mission-context.loader.js';
import { HeadsRecordQueue } from '../../../heads-of-mission/commands/heads-record-queue.js';
import { MissionCommandRoute } from '../mission-command.route.js';
import { DatedReasonRequest } from '../operations.request.js';

@ApiTags('missions')
@Controller('api/missions')
export class CloseMissionHttp {
  constructor(
    private readonly route: MissionCommandRoute,
    private readonly heads: HeadOfMissionContextLoader,
    private readonly headsQueue: HeadsRecordQueue,
  ) {}

  @Post(':missionId/closure')
  @Allow('staff')
  @ApiCommand({
    operationId: 'closeMission',
    summary: 'Close a mission',
    description:
      'Records that the mission closed on `on`, and why. A closed mission accepts nothing further. `on` may not be before the latest milestone of the mission, nor before the latest date on its heads-of-mission record (a nominee’s step, an end of functions, a chargé d’affaires’ designation): 422 `date-before-latest-milestone`.',
    response: MissionCommandResponseSchema,
    created: 'The closure was recorded.',
    ...MissionRefusals.closeMission,
    examplePath: '/api/missions/kr-cu-havana/closure',
    exampleLocation: '/api/missions/kr-cu-havana',
  })
  @ApiMissionIdParam()
  async close(
    @Param('missionId', CommandPathIdPipe) missionId: string,
    @Body() body: DatedReasonRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = { on: body.on, reason: body.reason };
    // In turn with the mission's head-of-mission steps: dated against the record as it stands.
    return this.headsQueue.run(missionId, async () => {
      const headsLatestOn = await this.heads.latestFactOn(missionId);
      return this.route.record(reply, missionId, 'CloseMission', data, context, undefined, {
        headsLatestOn,
      });
    });
  }
}
