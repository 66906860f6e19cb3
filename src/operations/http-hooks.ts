import type { FastifyInstance } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE } from '../http/problem.js';
import { answeredStatusOf, type AnswerEnds } from './answer-ends.js';
import type { Drain } from './drain.js';
import { commandOutcomeOf, type Metrics } from './metrics.js';

/**
 * Fastify hooks for every request: a draining node answers new requests 503 (with
 * Connection: close, so the client reconnects elsewhere) and counts the ones it still
 * runs; each answer is counted and timed, commands by name and outcome (a live feed when it
 * ends, whichever side ends it: see AnswerEnds).
 */
export function registerOperationsHooks(
  fastify: FastifyInstance,
  {
    metrics,
    drain,
    commands,
    ends,
  }: { metrics: Metrics; drain: Drain; commands: () => Map<string, string>; ends: AnswerEnds },
): void {
  ends.whenOver((response) => drain.release(response));
  fastify.addHook('onRequest', (request, reply, done) => {
    drain.track(reply.raw);
    ends.followClose(request, reply);
    if (!drain.draining) {
      done();
      return;
    }
    const body = problem(
      'shuttingDown',
      'This node is shutting down; retry, and the request will reach another node or this one once restarted.',
    );
    void reply
      .status(503)
      .header('Content-Type', PROBLEM_CONTENT_TYPE)
      .header('Retry-After', '2')
      .header('Connection', 'close')
      .send(JSON.stringify({ ...body, instance: request.url.split('?')[0] }));
  });

  ends.add(fastify, (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const method = request.method;
    const status = answeredStatusOf(request, reply);
    metrics.httpRequests.inc({ method, route, status: String(status) });
    metrics.httpSeconds.observe({ method, route }, reply.elapsedTime / 1000);
    const replayed = reply.getHeader('idempotent-replayed') === 'true';
    if (replayed) metrics.idempotencyHits.inc();
    if (status === 429) metrics.throttled.inc();
    if (method === 'POST') {
      const command = commands().get(route);
      if (command) metrics.commands.inc({ command, outcome: commandOutcomeOf(status, replayed) });
    }
    done();
  });
}
