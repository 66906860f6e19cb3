import {
  Controller,
  Get,
  HttpCode,
  Injectable,
  Param,
  type PipeTransform,
  Post,
} from '@nestjs/common';
import { Allow } from '../auth/auth.decorators.js';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblemResponses } from '../http/openapi/api-docs.decorators.js';
import { REPLAYED_RESPONSE_HEADER } from '../http/openapi/headers.js';
import { problem, ProblemException } from '../http/problem.js';
import { ProjectionsService } from '../projections/projections.service.js';
import {
  DeadLetterSchema,
  ProjectionRebuildStartedSchema,
  ProjectionRetryStartedSchema,
  ProjectionStatusSchema,
} from './projections-admin.schema.js';

@Injectable()
class ProjectionNamePipe implements PipeTransform<string, string> {
  constructor(private readonly projections: ProjectionsService) {}

  transform(value: string): string {
    if (!this.projections.has(value)) {
      throw new ProblemException(
        problem(
          'notFound',
          `No projection ${JSON.stringify(value).slice(0, 80)}; see GET /api/admin/projections.`,
        ),
      );
    }
    return value;
  }
}

/** Operating the projections: status and lag, zero-downtime rebuild, retry after a failure. */
@Controller('api/admin/projections')
@Allow('admin')
export class ProjectionsAdminHttp {
  constructor(private readonly projections: ProjectionsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listProjections',
    summary: 'Each projection’s position, lag, state and last error',
  })
  @ApiOkResponse({ type: [ProjectionStatusSchema], description: 'One entry per projection.' })
  status() {
    return this.projections.status();
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'rebuildProjection',
    summary: 'Rebuild a projection beside the live copy and swap it in once caught up',
  })
  @ApiAcceptedResponse({ type: ProjectionRebuildStartedSchema, headers: REPLAYED_RESPONSE_HEADER })
  @ApiProblemResponses([400, 401, 403, 404, 413, 415, 422, 429, 500], {
    body: true,
    replayable: true,
    examplePath: '/api/admin/projections/mission-status/rebuild',
  })
  rebuild(@Param('name', ProjectionNamePipe) name: string) {
    const { generation, alreadyRunning } = this.projections.rebuild(name);
    return {
      name,
      generation,
      alreadyRunning,
      detail: 'A fresh copy is being built beside the live one; it is swapped in once caught up.',
    };
  }

  @Post(':name/retry')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'retryProjection',
    summary: 'Resume a failed projection from where it stopped',
  })
  @ApiAcceptedResponse({ type: ProjectionRetryStartedSchema, headers: REPLAYED_RESPONSE_HEADER })
  @ApiProblemResponses([400, 401, 403, 404, 409, 413, 415, 422, 429, 500], {
    rules: { 409: ['projection-not-failed'] },
    body: true,
    replayable: true,
    examplePath: '/api/admin/projections/mission-status/retry',
  })
  retry(@Param('name', ProjectionNamePipe) name: string) {
    if (!this.projections.retry(name)) {
      throw new ProblemException(
        problem('conflict', `Projection ${name} has not failed: there is nothing to retry.`, {
          type: '/problems/projection-not-failed',
          rule: 'projection-not-failed',
        }),
      );
    }
    return { name };
  }

  @Get(':name/dead-letters')
  @ApiOperation({
    operationId: 'listDeadLetters',
    summary: 'The events a projection could not apply',
  })
  @ApiOkResponse({ type: [DeadLetterSchema], description: 'In log order.' })
  deadLetters(@Param('name', ProjectionNamePipe) name: string) {
    return this.projections.deadLetters(name);
  }
}
