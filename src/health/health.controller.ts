import {
  Controller,
  Get,
  HttpStatus,
  Inject,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { Public } from '../auth/auth.decorators.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { ApiCorrelationIdHeader } from '../http/openapi/api-docs.decorators.js';
import {
  LivenessReportSchema,
  ProjectionReadinessSchema,
  ReadinessReportSchema,
} from '../http/openapi/health-check.schema.js';
import { HealthReportSchema } from '../http/openapi/health.schema.js';
import { Metrics } from '../operations/metrics.js';
import { Readiness } from './readiness.js';

const LIVE_EXAMPLE = {
  status: 'ok',
  info: { process: { status: 'up', pid: 4242, uptimeSeconds: 3600 } },
  error: {},
  details: { process: { status: 'up', pid: 4242, uptimeSeconds: 3600 } },
};

const READY_CHECKS = {
  node: { status: 'up' },
  store: { status: 'up', kind: 'sqlite' },
  writes: { status: 'up' },
  projections: {
    'mission-status': { state: 'live', lagEvents: 0, lagSeconds: 0 },
    'meeting-outcomes': { state: 'live', lagEvents: 0, lagSeconds: 0 },
    status: 'up',
  },
};
const READY_EXAMPLE = { status: 'ok', info: READY_CHECKS, error: {}, details: READY_CHECKS };

const STORE_DOWN = { status: 'down', kind: 'kurrentdb', message: 'connection refused' };
const NOT_READY_EXAMPLE = {
  status: 'error',
  info: {
    node: READY_CHECKS.node,
    writes: READY_CHECKS.writes,
    projections: READY_CHECKS.projections,
  },
  error: { store: STORE_DOWN },
  details: { ...READY_CHECKS, store: STORE_DOWN },
};

/** Liveness and store readiness, for scripts and load balancers waiting on the service. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Readiness) private readonly readiness: Readiness,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  @Get('live')
  @ApiOperation({
    operationId: 'healthLive',
    summary: 'Liveness: the process answers',
    description:
      'For an orchestrator deciding whether to restart the process: 200 while it answers at all.',
  })
  @ApiCorrelationIdHeader()
  @ApiResponse({
    status: 200,
    description: 'The process is alive.',
    type: LivenessReportSchema,
    example: LIVE_EXAMPLE,
  })
  live(): Promise<HealthCheckResult> {
    return this.readiness.live();
  }

  @Get('ready')
  @ApiExtraModels(ProjectionReadinessSchema)
  @ApiOperation({
    operationId: 'healthReady',
    summary: 'Readiness: this node should get traffic',
    description:
      'For a load balancer: 200 when the node is not shutting down, the event store answers and every projection lags by at most READY_MAX_LAG_EVENTS events and READY_MAX_LAG_SECONDS seconds; 503 with Retry-After otherwise. Failing writes show as `degraded` (still 200).',
  })
  @ApiCorrelationIdHeader()
  @ApiResponse({
    status: 200,
    description: 'Ready (`degraded` while appends fail).',
    type: ReadinessReportSchema,
    example: READY_EXAMPLE,
  })
  @ApiResponse({
    status: 503,
    description:
      'Not ready (the event store does not answer, or a projection lags beyond the bound): the terminus report as application/json, `status` `error`, its `error` member naming the checks that failed.',
    headers: {
      'Retry-After': {
        description: 'Seconds to wait before asking again.',
        schema: { type: 'integer' },
        example: 5,
      },
    },
    type: ReadinessReportSchema,
    example: NOT_READY_EXAMPLE,
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.readiness.ready();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      reply.header('Retry-After', '5');
      return error.getResponse() as HealthCheckResult;
    }
  }

  @Get()
  @ApiOperation({
    operationId: 'health',
    summary: 'Liveness and event-store readiness',
    description:
      'Answers 200 while the event store answers a ping (`degraded`, with `writes`, while its appends fail), 503 (with Retry-After) while it does not.',
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
      'The event store does not answer: a health report as application/json (`status` `unavailable`), not a problem; retry after Retry-After seconds.',
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
      // The store answers; if its last append failed (e.g. a full disk), say so: still 200.
      const failing = this.metrics.failingAppends;
      if (failing) {
        return {
          status: 'degraded',
          store: { kind: store, status: 'up' },
          writes: { status: 'failing', reason: failing.reason, since: failing.at.toISOString() },
        };
      }
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
  readonly status: 'ok' | 'degraded' | 'unavailable';
  readonly writes?: { readonly status: 'failing'; readonly reason: string; readonly since: string };
  readonly store: {
    readonly kind: string;
    readonly status: 'up' | 'down';
    readonly reason?: string;
  };
}
