import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.decorators.js';
import { ApiRead } from '../../http/openapi/api-docs.decorators.js';
import { ApiMissionIdParam } from '../../http/openapi/path-params.js';
import { invalidFields, problem, ProblemException } from '../../http/problem.js';
import { MissionIdPipe } from '../../missions/commands/mission-id.pipe.js';
import { MissionRules } from '../../missions/domain/mission.rules.js';
import { MissionReplaySchema } from '../openapi/audit.schemas.js';
import { MissionReplay } from './mission-replay.js';
import { MissionReplayRequest } from './mission-replay.request.js';

/** A mission re-folded from its events as known at a point in time. */
@ApiTags('audit')
@Controller('api/missions')
@Allow('auditor')
export class MissionReplayHttp {
  constructor(private readonly replays: MissionReplay) {}

  @Get(':missionId/replay')
  @ApiRead({
    operationId: 'replayMission',
    summary: 'A mission as known at a point in time',
    description:
      'The mission’s state re-folded from its events: `asOf` (an instant) as the service knew it then, by `recordedAt`; or `revision`; and/or `occurredBy` (a date): counting only the facts that had happened by then, whenever recorded. A milestone recorded late changes the second view, not the first. `mission.overdue` is judged on `today`: occurredBy, else the asOf date, else the date the revision was recorded. An `asOf` or `occurredBy` after now is refused (422 date-in-the-future): the service cannot say what it will know.',
    response: MissionReplaySchema,
    ok: 'The replayed mission.',
    notFound: [],
    unprocessable: [MissionRules.dateInTheFuture],
    examplePath: '/api/missions/kr-cu-havana/replay',
  })
  @ApiMissionIdParam()
  async replay(
    @Param('missionId', MissionIdPipe) missionId: string,
    @Query() query: MissionReplayRequest,
  ) {
    if (
      query.asOf === undefined &&
      query.revision === undefined &&
      query.occurredBy === undefined
    ) {
      throw invalid('asOf', 'give asOf, revision or occurredBy');
    }
    if (query.asOf !== undefined && query.revision !== undefined) {
      throw invalid('revision', 'give asOf or revision, not both');
    }
    const outcome = await this.replays.replay(missionId, {
      ...(query.asOf !== undefined && { asOf: new Date(query.asOf).toISOString() }),
      ...(query.revision !== undefined && { revision: query.revision }),
      ...(query.occurredBy !== undefined && { occurredBy: query.occurredBy }),
    });
    if (outcome.found) return outcome.view;
    throw new ProblemException(
      problem(
        'notFound',
        outcome.reason === 'no-mission'
          ? `No mission ${missionId} has been planned.`
          : `Mission ${missionId} has revisions 0 to ${outcome.head ?? -1} only.`,
      ),
    );
  }
}

function invalid(path: string, message: string): ProblemException {
  return invalidFields([{ path, message }]);
}
