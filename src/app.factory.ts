import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from './config/config.js';
import { AppModule } from './app.module.js';
import { registerCorrelationId } from './http/correlation-id.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { createValidationPipe } from './http/validation.pipe.js';

/** Body size limit for every request (1 MiB): larger bodies get 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the Nest application on Fastify; main.ts and the e2e specs share it. */
export async function createApp(
  config: AppConfig,
  options: { logger?: false } = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forConfig(config),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: false }),
    { logger: options.logger ?? ['error', 'warn', 'log'] },
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  registerCorrelationId(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  return app;
}
