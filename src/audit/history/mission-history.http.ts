import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.decorators.js';
import { ApiRead } from '../../http/openapi/api-docs.decorators.js';
import { ApiMissionIdParam } from '../../http/openapi/path-params.js';
import { problem, ProblemException } from '../../http/problem.js';
import { MissionIdPipe } from '../../missions/commands/mission-id.pipe.js';
import { MissionHistorySchema } from '../openapi/audit.schemas.js';
import { MissionHistoryRequest } from './mission-history.request.js';
import { missionStream, StreamHistory } from './stream-history.js';

/** A mission's every event, from its stream (not from a read model). */
@ApiTags('audit')
@Controller('api/missions')
@Allow('auditor')
export class MissionHistoryHttp {
  constructor(private readonly history: StreamHistory) {}

  @Get(':missionId/history')
  @ApiRead({
    operationId: 'getMissionHistory',
    summary: 'A mission’s event history',
    description:
      'Every event of the mission’s stream in order: type, data (at its current schema version), revision, position, when it happened (`occurredOn`) and was recorded (`recordedAt`), by whom, its correlation and causation ids and its hash-chain link. Paged by revision.',
    response: MissionHistorySchema,
    ok: 'A page of the mission’s events.',
    notFound: [],
    examplePath: '/api/missions/kr-cu-havana/history',
  })
  @ApiMissionIdParam()
  async get(
    @Param('missionId', MissionIdPipe) missionId: string,
    @Query() query: MissionHistoryRequest,
  ) {
    const page = await this.history.page(
      missionStream(missionId),
      query.fromRevision ?? 0,
      query.limit ?? 100,
    );
    if (!page) {
      throw new ProblemException(problem('notFound', `No mission ${missionId} has been planned.`));
    }
    return { missionId, ...page };
  }
}
