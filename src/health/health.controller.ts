import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { Public } from '../auth/auth.decorators.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { ApiCorrelationIdHeader } from '../http/openapi/api-docs.decorators.js';
import { HealthReportSchema } from '../http/openapi/health.schema.js';

/** Liveness and store readiness, for scripts and load balancers waiting on the service. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'health',
    summary: 'Liveness and event-store readiness',
    description:
      'Answers 200 while the event store answers a ping, 503 (with Retry-After) while it does not.',
  })
  @ApiCorrelationIdHeader()
  @ApiResponse({
    status: 200,
    description: 'The service is up and the event store answers.',
    type: HealthReportSchema,
    example: { status: 'ok', store: { kind: 'sqlite', status: 'up' } },
  })
  @ApiResponse({
    status: 503,
    description:
      'The event store does not answer; retry after Retry-After seconds. A JSON health report, not a problem.',
    type: HealthReportSchema,
    headers: {
      'Retry-After': {
        description: 'Seconds to wait before asking again.',
        schema: { type: 'integer' },
        example: 5,
      },
    },
    example: {
      status: 'unavailable',
      store: { kind: 'kurrentdb', status: 'down', reason: 'connection refused' },
    },
  })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const store = this.config.store.kind;
    try {
      await this.store.ping();
      return { status: 'ok', store: { kind: store, status: 'up' } };
    } catch (error) {
      reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      reply.header('Retry-After', '5');
      const reason = error instanceof Error ? error.message : String(error);
      return { status: 'unavailable', store: { kind: store, status: 'down', reason } };
    }
  }
}

interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly store: {
    readonly kind: string;
    readonly status: 'up' | 'down';
    readonly reason?: string;
  };
}
