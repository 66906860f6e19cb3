import { Inject, Injectable } from '@nestjs/common';
import {
  HealthCheckService,
  type HealthCheckResult,
  HealthIndicatorService,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { Drain } from '../operations/drain.js';
import { Metrics } from '../operations/metrics.js';
import { withTimeout } from '../shared/with-timeout.js';
import { ProjectionsService } from '../projections/projections.service.js';

/** How long one indicator may take before it counts as down. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * Liveness: the process answers. Readiness: this node should get traffic: it is not
 * shutting down, the event store answers, and every projection is within the lag bound
 * (READY_MAX_LAG_EVENTS, READY_MAX_LAG_SECONDS) so reads are fresh. Failing writes (the
 * last append could not be stored) show as `degraded`, which keeps the node ready: a
 * node taken out of the balancer would never see the store come back.
 */
@Injectable()
export class Readiness {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projections: ProjectionsService,
    @Inject(Drain) private readonly drain: Drain,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  live(): Promise<HealthCheckResult> {
    return this.health.check([
      () =>
        this.indicators.check('process').up({
          pid: process.pid,
          uptimeSeconds: Math.round(process.uptime()),
        }),
    ]);
  }

  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.node(),
      () => this.storeIndicator(),
      () => this.writes(),
      () => this.projectionsIndicator(),
    ]);
  }

  private node(): HealthIndicatorResult {
    const check = this.indicators.check('node');
    return this.drain.draining
      ? check.down({ message: 'shutting down', inFlight: this.drain.inFlight })
      : check.up();
  }

  private async storeIndicator(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('store');
    const kind = this.config.store.kind;
    try {
      await withTimeout(this.store.ping(), CHECK_TIMEOUT_MS);
      return check.up({ kind });
    } catch (error) {
      return check.down({ kind, message: error instanceof Error ? error.message : String(error) });
    }
  }

  private writes(): HealthIndicatorResult {
    const check = this.indicators.check('writes');
    const failing = this.metrics.failingAppends;
    return failing
      ? check.degraded({ message: failing.reason, since: failing.at.toISOString() })
      : check.up();
  }

  private async projectionsIndicator(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('projections');
    const { readyMaxLagEvents, readyMaxLagSeconds } = this.config.operations;
    try {
      const statuses = await withTimeout(this.projections.status(), CHECK_TIMEOUT_MS);
      const report = Object.fromEntries(
        statuses.map((s) => [
          s.name,
          { state: s.state, lagEvents: s.lag.events, lagSeconds: s.lag.milliseconds / 1000 },
        ]),
      );
      const behind = statuses.filter(
        (s) => s.lag.events > readyMaxLagEvents || s.lag.milliseconds > readyMaxLagSeconds * 1000,
      );
      if (behind.length === 0) return check.up(report);
      return check.down({
        ...report,
        message: `${behind.map((s) => s.name).join(', ')} lag beyond ${readyMaxLagEvents} events or ${readyMaxLagSeconds} s`,
      });
    } catch (error) {
      return check.down({
        message: `lag unknown: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
}
