import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../auth/auth.decorators.js';
import { DeciderCommandRunner } from '../../command-handling/decider-command-runner.js';
import { problem, ProblemException } from '../../http/problem.js';
import { MissionIdPipe } from '../commands/mission-id.pipe.js';
import { missionStreamOf } from '../domain/mission-id.js';
import { missionDecider } from '../domain/mission.decider.js';

/** The mission as its events say now, folded from its stream. */
@Controller('api/missions')
export class GetMissionHttp {
  constructor(private readonly runner: DeciderCommandRunner) {}

  @Get(':missionId')
  @Allow('staff', 'auditor', 'viewer')
  async get(
    @Param('missionId', MissionIdPipe) missionId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { state, revision, position } = await this.runner.current(
      missionStreamOf(missionId),
      missionDecider,
    );
    if (state.status === 'unplanned' || revision === undefined) {
      throw new ProblemException(problem('notFound', `No mission ${missionId} has been planned.`));
    }
    reply.header('ETag', `"${revision}"`);
    return {
      id: state.missionId,
      sendingState: state.sendingState,
      receivingState: state.receivingState,
      city: state.city,
      status: state.status,
      agreedOn: state.agreedOn,
      targets: state.targets,
      diplomats: state.diplomats,
      temporaryOffice: state.temporaryOffice,
      embassy: state.embassy,
      suspensions: state.suspensions,
      sources: state.agreements.flatMap((a) => (a.source ? [a.source] : [])),
      revision,
      position,
    };
  }
}
