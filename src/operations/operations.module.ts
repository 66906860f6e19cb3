import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../config/config.js';
import { LiveMissionsHub } from '../live/live-missions.hub.js';
import { ProjectionsService } from '../projections/projections.service.js';
import { AnswerEnds } from './answer-ends.js';
import { Drain } from './drain.js';
import { createLogs, type ServiceLogs } from './logging.js';
import { MetricsController } from './metrics.controller.js';
import { Metrics } from './metrics.js';
import { TokenRateLimit } from './token-rate-limit.js';

/** The service's logs, ServiceLogs (injection token). */
const SERVICE_LOGS = Symbol('SERVICE_LOGS');

export interface OperationsOptions {
  /** Where the JSON logs go instead of stdout (tests); `false` turns them off. */
  readonly logs?: DestinationStream | false;
  /** The logs, made before the application (so that Nest's own start-up lines are JSON too). */
  readonly serviceLogs?: ServiceLogs;
}

/** The service's logs as the configuration and OperationsOptions.logs say. */
export function serviceLogsOf(config: AppConfig, options: OperationsOptions = {}): ServiceLogs {
  return createLogs(
    options.logs === false ? 'silent' : config.operations.logLevel,
    options.logs === false ? undefined : options.logs,
  );
}

/** Connects the metrics' gauges to the projections and the live feeds once all exist. */
@Injectable()
class MetricsSourcesLink implements OnApplicationBootstrap {
  constructor(
    @Inject(Metrics) private readonly metrics: Metrics,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    const projections = this.moduleRef.get(ProjectionsService, { strict: false });
    const hub = this.moduleRef.get(LiveMissionsHub, { strict: false });
    this.metrics.attach({
      projections: () => projections.status(),
      sseClients: () => hub.size,
    });
  }
}

/**
 * What the ministry's operators get: JSON logs, Prometheus metrics, the per-token rate
 * limit, the drain state graceful shutdown and readiness share, and the hooks that log and
 * count an answer when it is over (AnswerEnds).
 */
@Global()
@Module({})
export class OperationsModule {
  static forRoot(config: AppConfig, options: OperationsOptions = {}): DynamicModule {
    const { operations } = config;
    return {
      module: OperationsModule,
      controllers: [MetricsController],
      providers: [
        {
          provide: SERVICE_LOGS,
          useValue: options.serviceLogs ?? serviceLogsOf(config, options),
        },
        { provide: Metrics, useValue: new Metrics() },
        { provide: Drain, useValue: new Drain() },
        { provide: AnswerEnds, useValue: new AnswerEnds() },
        MetricsSourcesLink,
        {
          provide: TokenRateLimit,
          useValue: new TokenRateLimit(
            operations.rateLimitRequests,
            operations.rateLimitWindowSeconds,
          ),
        },
      ],
      exports: [SERVICE_LOGS, Metrics, Drain, AnswerEnds, TokenRateLimit],
    };
  }
}
