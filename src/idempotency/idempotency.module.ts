import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { join } from 'node:path';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { JsonBodyGuard } from '../http/json-body.guard.js';
import { AnswersInFlight } from './answers-in-flight.js';
import { IdempotencyGuard } from './idempotency.guard.js';
import { IdempotencyRecords } from './idempotency-records.js';

@Global()
@Module({
  providers: [
    {
      provide: IdempotencyRecords,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new IdempotencyRecords(join(config.dataDir, 'idempotency.sqlite')),
    },
    { provide: AnswersInFlight, useValue: new AnswersInFlight() },
    // After the AuthGuard and the rate limit (AppModule imports this module later); the body
    // check first, so the idempotency check hashes only a body that passed it.
    { provide: APP_GUARD, useClass: JsonBodyGuard },
    { provide: APP_GUARD, useClass: IdempotencyGuard },
  ],
})
export class IdempotencyModule implements OnApplicationShutdown {
  constructor(@Inject(IdempotencyRecords) private readonly records: IdempotencyRecords) {}

  onApplicationShutdown(): void {
    this.records.close();
  }
}
