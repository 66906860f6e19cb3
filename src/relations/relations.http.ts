import { Controller, Get, Param, Query } from '@nestjs/common';
import { Allow } from '../auth/auth.decorators.js';
import { problem, ProblemException } from '../http/problem.js';
import { ReadRequest } from '../http/queries/paging.request.js';
import { Calendar } from '../command-handling/calendar.js';
import { MEETING_OUTCOMES } from '../meetings/read-models/meeting-outcomes/meeting-outcomes.projection.js';
import { MeetingOutcomesQueries } from '../meetings/read-models/meeting-outcomes/meeting-outcomes.queries.js';
import { meetingProgress } from '../meetings/read-models/meeting-outcomes/meeting-progress.js';
import { MISSION_STATUS } from '../missions/read-models/mission-status/mission-status.projection.js';
import { MissionStatusQueries } from '../missions/read-models/mission-status/mission-status.queries.js';
import { ProjectionsService } from '../projections/projections.service.js';
import { ReadYourWrites } from '../projections/read-your-writes.js';
import { type RelationPair, RelationPairPipe } from './relation-pair.pipe.js';
import { ApiRead } from '../http/openapi/api-docs.decorators.js';
import { RelationSchema } from '../http/openapi/mission-view.schema.js';
import { countryName, inProse, relationSummary } from './relation-summary.js';

/** A bilateral relation: both directions' missions, the meetings, and a summary line. */
@Controller('api/relations')
@Allow('staff', 'auditor', 'viewer')
export class RelationsHttp {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly readYourWrites: ReadYourWrites,
    private readonly calendar: Calendar,
  ) {}

  @Get(':pair')
  @ApiRead({
    operationId: 'getRelation',
    summary: 'Get a bilateral relation',
    description:
      'Both directions’ missions between two states, their meetings in date order, and a summary line. `kr-cu` and `cu-kr` are the same view; a malformed, unassigned or same-state pair, or one with nothing recorded yet, is a 404 saying which.',
    response: RelationSchema,
    ok: 'The relation.',
    notFound: [],
    minPosition: true,
    examplePath: '/api/relations/kr-cu',
  })
  async get(@Param('pair', RelationPairPipe) pair: RelationPair, @Query() query: ReadRequest) {
    await this.readYourWrites.wait(query.minPosition, [MISSION_STATUS, MEETING_OUTCOMES]);
    const [a, b] = [pair.a, pair.b].sort();
    const missionsDb = this.projections.database(MISSION_STATUS).db;
    const today = this.calendar.today();
    const page = { limit: 500, offset: 0 };
    const missions = [
      ...MissionStatusQueries.list(missionsDb, { sendingState: a, receivingState: b }, page, today)
        .missions,
      ...MissionStatusQueries.list(missionsDb, { sendingState: b, receivingState: a }, page, today)
        .missions,
    ];
    const meetings = MeetingOutcomesQueries.between(
      this.projections.database(MEETING_OUTCOMES).db,
      a,
      b,
    );
    if (missions.length === 0 && meetings.length === 0) {
      throw new ProblemException(
        problem('notFound', `Nothing is recorded between ${inProse(a)} and ${inProse(b)}.`),
      );
    }
    return {
      id: `${a.toLowerCase()}-${b.toLowerCase()}`,
      states: [
        { code: a, name: countryName(a) },
        { code: b, name: countryName(b) },
      ],
      summary: relationSummary(a, b, missions, meetings),
      missions,
      meetings: meetings.map((m) => meetingProgress(m, missionsDb, today)),
    };
  }
}
