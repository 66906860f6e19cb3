import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import { ApiRead } from '../../../http/openapi/api-docs.decorators.js';
import { MissionPageSchema, MissionSchema } from '../../../http/openapi/mission-view.schema.js';
import { ApiMissionIdParam } from '../../../http/openapi/path-params.js';
import { ApiMinPositionQuery, ApiPagedReadQueries } from '../../../http/openapi/read-queries.js';
import { problem, ProblemException } from '../../../http/problem.js';
import { ReadRequest } from '../../../http/queries/paging.request.js';
import { todayUtc } from '../../../http/queries/today.js';
import { ProjectionsService } from '../../../projections/projections.service.js';
import { ReadYourWrites } from '../../../projections/read-your-writes.js';
import { MissionIdPipe } from '../../commands/mission-id.pipe.js';
import { ListMissionsRequest } from './list-missions.request.js';
import { MISSION_STATUS } from './mission-status.projection.js';
import { MissionStatusQueries } from './mission-status.queries.js';

const DEFAULT_PAGE_SIZE = 50;

/** The mission status read model: one mission, or a filtered page of them. */
@ApiTags('missions')
@Controller('api/missions')
@Allow('staff', 'auditor', 'viewer')
export class MissionStatusHttp {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @ApiRead({
    operationId: 'listMissions',
    summary: 'List missions',
    description:
      'A page of missions from the mission status read model, filtered by state, status or overdue targets, ordered by sending state, receiving state and city.',
    response: MissionPageSchema,
    ok: 'The page of missions.',
    minPosition: true,
    examplePath: '/api/missions',
  })
  @ApiPagedReadQueries(DEFAULT_PAGE_SIZE)
  async list(@Query() query: ListMissionsRequest) {
    await this.readYourWrites.wait(query.minPosition, [MISSION_STATUS]);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const offset = query.offset ?? 0;
    const { total, missions } = MissionStatusQueries.list(
      this.projections.database(MISSION_STATUS).db,
      query,
      { limit, offset },
      todayUtc(),
    );
    return { total, limit, offset, missions };
  }

  @Get(':missionId')
  @ApiRead({
    operationId: 'getMission',
    summary: 'Get a mission',
    description:
      'The mission as the mission status read model has it: status, targets and overdue ones, diplomats, premises, suspension or closure, every milestone and its sources.',
    response: MissionSchema,
    ok: 'The mission; ETag is its revision, for If-Match on the next command.',
    etag: true,
    notFound: [],
    minPosition: true,
    examplePath: '/api/missions/kr-cu-havana',
  })
  @ApiMissionIdParam()
  @ApiMinPositionQuery()
  async get(
    @Param('missionId', MissionIdPipe) missionId: string,
    @Query() query: ReadRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.readYourWrites.wait(query.minPosition, [MISSION_STATUS]);
    const mission = MissionStatusQueries.get(
      this.projections.database(MISSION_STATUS).db,
      missionId,
      todayUtc(),
    );
    if (!mission) {
      throw new ProblemException(problem('notFound', `No mission ${missionId} has been planned.`));
    }
    reply.header('ETag', `"${mission.revision}"`);
    return mission;
  }
}
