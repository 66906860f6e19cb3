import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../auth/auth.decorators.js';
import { Metrics } from './metrics.js';

/** Prometheus metrics of this node; any role's token may read them (give Prometheus a viewer token). */
@ApiTags('operations')
@Controller('metrics')
@Allow('staff', 'auditor', 'viewer')
export class MetricsController {
  constructor(@Inject(Metrics) private readonly metrics: Metrics) {}

  @Get()
  @ApiOperation({
    operationId: 'metrics',
    summary: 'Prometheus metrics',
    description:
      'Commands by type and outcome, append latency, projection positions and lag, open live feeds, idempotency hits, HTTP requests, process metrics; in the Prometheus text format.',
  })
  @ApiProduces('text/plain')
  @ApiResponse({
    status: 200,
    description: 'The metrics, in the Prometheus text format.',
    schema: { type: 'string' },
  })
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const { contentType, body } = await this.metrics.render();
    await reply.header('Content-Type', contentType).send(body);
  }
}
