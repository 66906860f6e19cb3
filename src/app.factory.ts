import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from './config/config.js';
import { AppModule } from './app.module.js';
import { registerCorrelationId } from './http/correlation-id.js';
import { setupOpenApi } from './http/openapi/setup-openapi.js';
import { ProblemDetailsFilter, sendProblem } from './http/problem-details.filter.js';
import { createValidationPipe } from './http/validation.pipe.js';

/** Body size limit for every request (1 MiB): larger bodies get 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the Nest application on Fastify; main.ts and the e2e specs share it. */
export async function createApp(
  config: AppConfig,
  options: { logger?: false } = {},
): Promise<NestFastifyApplication> {
  const logger = new Logger('HTTP');
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forConfig(config),
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      trustProxy: false,
      // Mission ids carry a city of up to 100 characters.
      routerOptions: { maxParamLength: 200 },
      // Errors Fastify raises before routing (a malformed URL) answer as problems too.
      frameworkErrors: (error: unknown, request: FastifyRequest, reply: FastifyReply) =>
        sendProblem(error, request, reply, logger),
    }),
    { logger: options.logger ?? ['error', 'warn', 'log'], abortOnError: false },
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  registerCorrelationId(app.getHttpAdapter().getInstance());
  // Swagger UI at /api/docs and the document at /api/docs-json, reachable without a token.
  setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
