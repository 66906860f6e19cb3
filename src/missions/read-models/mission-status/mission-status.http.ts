import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import { ApiRead } from '../../../http/openapi/api-docs.decorators.js';
import { HeadOfMissionIdPipe } from '../../../heads-of-mission/commands/head-of-mission-id.pipe.js';
import {
  ApiHeadOfMissionIdParam,
  HeadOfMissionSchema,
} from '../../../http/openapi/head-of-mission.schema.js';
import {
  DiplomatSchema,
  MissionPageSchema,
  MissionSchema,
} from '../../../http/openapi/mission-view.schema.js';
import { ApiDiplomatIdParam, ApiMissionIdParam } from '../../../http/openapi/path-params.js';
import { ApiMinPositionQuery, ApiPagedReadQueries } from '../../../http/openapi/read-queries.js';
import { problem, ProblemException } from '../../../http/problem.js';
import { DEFAULT_PAGE_SIZE, ReadRequest } from '../../../http/queries/paging.request.js';
import { Calendar } from '../../../command-handling/calendar.js';
import { ProjectionsService } from '../../../projections/projections.service.js';
import { ReadYourWrites } from '../../../projections/read-your-writes.js';
import { DiplomatIdPipe } from '../../commands/diplomat-id.pipe.js';
import { MissionIdPipe } from '../../commands/mission-id.pipe.js';
import { ListMissionsRequest } from './list-missions.request.js';
import { diplomatsOf } from './mission-diplomats.js';
import { MISSION_STATUS } from './mission-status.projection.js';
import { MissionStatusQueries } from './mission-status.queries.js';
import { etagOf } from '../../../http/request-headers.js';

/** The mission status read model: one mission, or a filtered page of them. */
@ApiTags('missions')
@Controller('api/missions')
@Allow('staff', 'auditor', 'viewer')
export class MissionStatusHttp {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly readYourWrites: ReadYourWrites,
    private readonly calendar: Calendar,
  ) {}

  @Get()
  @ApiRead({
    operationId: 'listMissions',
    summary: 'List missions',
    description:
      'A page of missions from the mission status read model, filtered by state, status or overdue targets, ordered by mission id: sending state, receiving state, then the city as its id spells it (`kr-cu-havana`; `Đà Nẵng` sorts as `da-nang`).',
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
      this.calendar.today(),
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
    const mission = await this.missionAt(missionId, query);
    reply.header('ETag', etagOf(mission.revision));
    return mission;
  }

  @Get(':missionId/diplomats/:diplomatId')
  @ApiRead({
    operationId: 'getDiplomat',
    summary: 'Get a diplomat of a mission',
    description:
      'One diplomat of the mission, as the mission status read model has it: where the dispatch’s `Location` points.',
    response: DiplomatSchema,
    ok: 'The diplomat; ETag is the mission’s revision, for If-Match on the arrival.',
    etag: true,
    notFound: [],
    minPosition: true,
    examplePath: '/api/missions/kr-cu-havana/diplomats/3b241101-e2bb-4255-8caf-4136c566a962',
  })
  @ApiMissionIdParam()
  @ApiDiplomatIdParam()
  @ApiMinPositionQuery()
  async diplomat(
    @Param('missionId', MissionIdPipe) missionId: string,
    @Param('diplomatId', DiplomatIdPipe) diplomatId: string,
    @Query() query: ReadRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const mission = await this.missionAt(missionId, query);
    // A diplomat of an earlier lifecycle is still found (the dispatch's Location stays valid).
    const diplomat =
      mission.diplomats.find((d) => d.diplomatId === diplomatId) ??
      diplomatsOf(mission.milestones.filter((m) => m.type !== 'MissionReestablished')).find(
        (d) => d.diplomatId === diplomatId,
      );
    if (!diplomat) {
      throw new ProblemException(
        problem('notFound', `Mission ${missionId} has dispatched no diplomat ${diplomatId}.`),
      );
    }
    reply.header('ETag', etagOf(mission.revision));
    return diplomat;
  }

  @Get(':missionId/head-of-mission/:headOfMissionId')
  @ApiRead({
    operationId: 'getHeadOfMission',
    summary: 'Get a head of mission or nominee',
    description:
      'One nominee of the mission, from nomination to the end of functions, as the mission status read model has it: where the nomination’s `Location` points.',
    response: HeadOfMissionSchema,
    ok: 'The nominee; ETag is the nominee’s track’s revision, for If-Match on its next step.',
    etag: true,
    notFound: [],
    minPosition: true,
    examplePath: '/api/missions/kr-cu-havana/head-of-mission/7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d',
  })
  @ApiMissionIdParam()
  @ApiHeadOfMissionIdParam()
  @ApiMinPositionQuery()
  async headOfMission(
    @Param('missionId', MissionIdPipe) missionId: string,
    @Param('headOfMissionId', HeadOfMissionIdPipe) headOfMissionId: string,
    @Query() query: ReadRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const mission = await this.missionAt(missionId, query);
    const head = mission.headsOfMission.find((h) => h.headOfMissionId === headOfMissionId);
    if (!head) {
      throw new ProblemException(
        problem('notFound', `Mission ${missionId} has no nominee ${headOfMissionId}.`),
      );
    }
    if (head.revision !== null) reply.header('ETag', etagOf(head.revision));
    return head;
  }

  /** The mission's read model once it has passed minPosition; 404 when it was never planned. */
  private async missionAt(missionId: string, query: ReadRequest) {
    await this.readYourWrites.wait(query.minPosition, [MISSION_STATUS]);
    const mission = MissionStatusQueries.get(
      this.projections.database(MISSION_STATUS).db,
      missionId,
      this.calendar.today(),
    );
    if (!mission) {
      throw new ProblemException(problem('notFound', `No mission ${missionId} has been planned.`));
    }
    return mission;
  }
}
