import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { Public } from '../auth/auth.decorators.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';

/** Liveness and store readiness, for scripts and load balancers waiting on the service. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
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
