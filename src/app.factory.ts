import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import type { AppConfig } from './config/config.js';
import { AppModule } from './app.module.js';
import { recordKeptAnswers } from './idempotency/record-kept-answers.js';
import { authorizeBeforeBody } from './auth/authorize-before-body.js';
import { answerUnroutedBeforeBody } from './http/unrouted-requests.js';
import { refuseUnreadInput } from './http/unread-input.js';
import { continueOnceAccepted } from './http/expect-continue.js';
import { AllowedMethods, registeredRoutes } from './http/allowed-methods.js';
import { parseJsonBody } from './http/json-body.parser.js';
import { correlationIdOfRaw, registerCorrelationId } from './http/correlation-id.js';
import { setupOpenApi } from './http/openapi/setup-openapi.js';
import { ProblemDetailsFilter, sendProblem } from './http/problem-details.filter.js';
import { createValidationPipe } from './http/validation.pipe.js';
import { AnswerEnds } from './operations/answer-ends.js';
import { answerClientErrors, answerOutsideFastify } from './operations/client-errors.js';
import { refuseMalformedRequests } from './http/malformed-requests.js';
import { Drain } from './operations/drain.js';
import { registerOperationsHooks } from './operations/http-hooks.js';
import { PinoNestLogger, registerRequestLog } from './operations/logging.js';
import { Metrics } from './operations/metrics.js';
import { serviceLogsOf } from './operations/operations.module.js';
import { commandRoutesOf } from './operations/route-commands.js';
import { CORS_PREFLIGHT_ROUTE, registerSecurity } from './operations/security.js';

/** Body size limit for every request (1 MiB): larger bodies get 413. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface CreateAppOptions {
  /** `false`: no logs at all (tests); a stream: the JSON logs go there instead of stdout. */
  readonly logger?: false | DestinationStream;
}

/** Builds the Nest application on Fastify; main.ts and the e2e specs share it. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const logger = new Logger('HTTP');
  const logs = options.logger;
  const requestTimeout = config.operations.requestTimeoutSeconds * 1000;
  // Made first, so that what Nest says while it starts (a module failing, say) is JSON too.
  const serviceLogs = serviceLogsOf(config, { logs });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forConfig(config, { logs, serviceLogs }),
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      // A request (head and body) not wholly received in time is answered 408 and its
      // connection closed; Node checks every second. Responses, live feeds included, may last.
      requestTimeout,
      // A request without Host is refused by refuseMalformedRequests, as a problem.
      http: { requestTimeout, connectionsCheckingInterval: 1000, requireHostHeader: false },
      trustProxy: false,
      // Fastify's request id is the correlation id, so every log line carries it.
      genReqId: correlationIdOfRaw,
      // Mission ids carry a city of up to 100 characters.
      routerOptions: { maxParamLength: 200 },
      // While draining, requests still get a problem+json 503 from our hook, not Fastify's.
      return503OnClosing: false,
      // Errors Fastify raises before routing (a malformed URL) answer as problems too.
      frameworkErrors: (error: unknown, request: FastifyRequest, reply: FastifyReply) =>
        sendProblem(error, request, reply, logger),
      // ...and so do requests Node's parser refuses (headers too large, not received in time),
      // each with its request line.
      clientErrorHandler: answerClientErrors(serviceLogs.requests),
    }),
    {
      logger: logs === false ? false : new PinoNestLogger(serviceLogs.app),
      abortOnError: false,
    },
  );
  app.useBodyParser(
    'application/json',
    { bodyLimit: BODY_LIMIT_BYTES },
    async (request: FastifyRequest, body: Buffer) => parseJsonBody(request, body),
  );
  const fastify = app.getHttpAdapter().getInstance();
  const routes = registeredRoutes(fastify);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  registerCorrelationId(fastify);
  // Before the body is read, in this order: no route (404/405), the caller (401/403), input
  // the route does not read; only then may a client expecting 100-continue send the body.
  const allowed = new AllowedMethods(fastify, () => routes, [CORS_PREFLIGHT_ROUTE]);
  answerUnroutedBeforeBody(fastify, allowed, logger);
  authorizeBeforeBody(app, logger);
  refuseUnreadInput(app, logger);
  continueOnceAccepted(app.getHttpServer(), fastify, logger);
  recordKeptAnswers(app);
  const ends = app.get(AnswerEnds);
  if (logs !== false) registerRequestLog(fastify, serviceLogs.requests, ends);
  await registerSecurity(app, config.operations);
  let commands: Map<string, string> | undefined;
  registerOperationsHooks(fastify, {
    metrics: app.get(Metrics),
    drain: app.get(Drain),
    commands: () => (commands ??= commandRoutesOf(app)),
    ends,
  });
  refuseMalformedRequests(fastify, logger);
  answerOutsideFastify(app.getHttpServer(), serviceLogs.requests);
  // Swagger UI at /api/docs and the document at /api/docs-json, reachable without a token.
  setupOpenApi(app);
  return app;
}
