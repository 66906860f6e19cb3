import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../../auth/auth.decorators.js';
import { ApiRead } from '../../../http/openapi/api-docs.decorators.js';
import { requireOrderedRange } from '../../../http/queries/date-range.js';
import { MeetingPageSchema, MeetingSchema } from '../../../http/openapi/mission-view.schema.js';
import { ApiMinPositionQuery, ApiPagedReadQueries } from '../../../http/openapi/read-queries.js';
import { problem, ProblemException } from '../../../http/problem.js';
import { DEFAULT_PAGE_SIZE, ReadRequest } from '../../../http/queries/paging.request.js';
import { Calendar } from '../../../command-handling/calendar.js';
import { MISSION_STATUS } from '../../../missions/read-models/mission-status/mission-status.projection.js';
import { ProjectionsService } from '../../../projections/projections.service.js';
import { ReadYourWrites } from '../../../projections/read-your-writes.js';
import { ListMeetingsRequest } from './list-meetings.request.js';
import { MEETING_OUTCOMES } from './meeting-outcomes.projection.js';
import { MeetingOutcomesQueries } from './meeting-outcomes.queries.js';
import { meetingProgress } from './meeting-progress.js';
import { MeetingIdPipe } from './meeting-id.pipe.js';
import { etagOf } from '../../../http/request-headers.js';

const READ_MODELS = [MEETING_OUTCOMES, MISSION_STATUS];

/** Meetings and how far each of their outcomes has come. */
@ApiTags('meetings')
@Controller('api/meetings')
@Allow('staff', 'auditor', 'viewer')
export class MeetingOutcomesHttp {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly readYourWrites: ReadYourWrites,
    private readonly calendar: Calendar,
  ) {}

  @Get()
  @ApiRead({
    operationId: 'listMeetings',
    summary: 'List meetings',
    description:
      'A page of recorded meetings, latest first, each outcome with the progress of the missions it calls for.',
    response: MeetingPageSchema,
    ok: 'The page of meetings.',
    minPosition: true,
    examplePath: '/api/meetings',
  })
  @ApiPagedReadQueries(DEFAULT_PAGE_SIZE)
  async list(@Query() query: ListMeetingsRequest) {
    requireOrderedRange(query);
    await this.readYourWrites.wait(query.minPosition, READ_MODELS);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const offset = query.offset ?? 0;
    const { total, meetings } = MeetingOutcomesQueries.list(
      this.projections.database(MEETING_OUTCOMES).db,
      query,
      { limit, offset },
    );
    const missions = this.projections.database(MISSION_STATUS).db;
    const today = this.calendar.today();
    return {
      total,
      limit,
      offset,
      meetings: meetings.map((m) => meetingProgress(m, missions, today)),
    };
  }

  @Get(':meetingId')
  @ApiRead({
    operationId: 'getMeeting',
    summary: 'Get a meeting',
    description:
      'A recorded meeting, each outcome with the progress of the missions it calls for and whether it is fulfilled.',
    response: MeetingSchema,
    ok: 'The meeting; ETag is its stream’s revision.',
    etag: true,
    notFound: [],
    minPosition: true,
    examplePath: '/api/meetings/8d5e3f2a-6b1c-4d7e-9f0a-1b2c3d4e5f60',
  })
  @ApiParam({
    name: 'meetingId',
    description: 'The meetingId recording the meeting answered with; anything but a uuid is a 404.',
    schema: { type: 'string', format: 'uuid' },
    example: '8d5e3f2a-6b1c-4d7e-9f0a-1b2c3d4e5f60',
  })
  @ApiMinPositionQuery()
  async get(
    @Param('meetingId', MeetingIdPipe) meetingId: string,
    @Query() query: ReadRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.readYourWrites.wait(query.minPosition, READ_MODELS);
    const meeting = MeetingOutcomesQueries.get(
      this.projections.database(MEETING_OUTCOMES).db,
      meetingId,
    );
    if (!meeting)
      throw new ProblemException(problem('notFound', `No meeting ${meetingId} has been recorded.`));
    reply.header('ETag', etagOf(meeting.revision));
    return meetingProgress(
      meeting,
      this.projections.database(MISSION_STATUS).db,
      this.calendar.today(),
    );
  }
}
