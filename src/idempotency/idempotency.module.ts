import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { join } from 'node:path';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { JsonBodyInterceptor } from '../http/json-body.interceptor.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
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
    // Registered first, so it runs before the idempotency check hashes the body.
    { provide: APP_INTERCEPTOR, useClass: JsonBodyInterceptor },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule implements OnApplicationShutdown {
  constructor(@Inject(IdempotencyRecords) private readonly records: IdempotencyRecords) {}

  onApplicationShutdown(): void {
    this.records.close();
  }
}
