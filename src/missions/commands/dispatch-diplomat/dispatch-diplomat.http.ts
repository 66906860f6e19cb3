import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandPathIdPipe } from '../../../http/command-path-id.pipe.js';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import type { CommandContext } from '../../../command-handling/command-context.js';
import { newResourceId } from '../../../command-handling/new-resource-id.js';
import { CommandRequest } from '../../../http/command-context.factory.js';
import { ApiCommand } from '../../../http/openapi/api-docs.decorators.js';
import { DispatchDiplomatResponseSchema } from '../../../http/openapi/command-response.schema.js';
import { MissionRefusals } from '../../../http/openapi/mission-refusals.js';
import { ApiMissionIdParam } from '../../../http/openapi/path-params.js';
import { MissionCommandRoute } from '../mission-command.route.js';
import { DispatchDiplomatRequest } from './dispatch-diplomat.request.js';

/** Namespace for diplomat ids derived from an idempotency key. */
const DIPLOMAT_ID_NAMESPACE = '6f9a3c1e-5b8d-4e2a-9c7f-1d2e3f4a5b6c';

@ApiTags('missions')
@Controller('api/missions')
export class DispatchDiplomatHttp {
  constructor(private readonly route: MissionCommandRoute) {}

  @Post(':missionId/diplomats')
  @Allow('staff')
  @ApiCommand({
    operationId: 'dispatchDiplomat',
    summary: 'Dispatch a diplomat to a mission',
    description:
      'Records that a diplomat left for the mission. The answer names the new diplomat (`diplomatId`, also in Location); with an Idempotency-Key a retry names the same diplomat.',
    response: DispatchDiplomatResponseSchema,
    created: 'The dispatch was recorded; Location names the diplomat.',
    ...MissionRefusals.dispatchDiplomat,
    examplePath: '/api/missions/kr-cu-havana/diplomats',
    exampleLocation: '/api/missions/kr-cu-havana/diplomats/3b241101-e2bb-4255-8caf-4136c566a962',
  })
  @ApiMissionIdParam()
  async dispatch(
    @Param('missionId', CommandPathIdPipe) missionId: string,
    @Body() body: DispatchDiplomatRequest,
    @CommandRequest() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const diplomatId = newResourceId(context, DIPLOMAT_ID_NAMESPACE);
    const response = await this.route.record(
      reply,
      missionId,
      'DispatchDiplomat',
      {
        diplomatId,
        name: body.name,
        title: body.title,
        role: body.role,
        rank: body.rank ?? null,
        dispatchedOn: body.dispatchedOn,
        expectedArrivalOn: body.expectedArrivalOn ?? null,
      },
      context,
      () => `/api/missions/${missionId}/diplomats/${diplomatId}`,
    );
    return { ...response, diplomatId };
  }
}
