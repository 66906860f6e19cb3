import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { recordedNoEvent } from '../http/command-response.js';
import { ProblemTypes, problemTypeUri } from '../http/problem.js';
import { AnswersInFlight } from './answers-in-flight.js';
import { IdempotencyRecords } from './idempotency-records.js';

/**
 * Refusals that are final for a request: a retry of it must get them again. Not a 412: it
 * answers the caller's If-Match, which is not part of the request the key names, so a retry
 * with the same key and a fresh If-Match is decided again (the 412 recorded nothing).
 */
const FINAL_REFUSALS = new Set([404, 409, 422]);
const KEY_REUSED = problemTypeUri(ProblemTypes.idempotencyKeyReused.slug);
const KEPT_HEADERS = ['location', 'etag'];

/**
 * Keeps the answer to each request the IdempotencyGuard let through with a new key, as it
 * is sent: a success, or a final refusal (404, 409, 422 other than a reused key). Errors that
 * may pass (503, 5xx), a stale If-Match (412) and invalid input (400) are not kept. The key
 * is let go then, for a copy of the request waiting on it to find the answer. Every kept answer
 * is written before it is sent: those a command's events record with the others of the
 * event-loop turn, the rest (refusals, commands that changed nothing) at once, synced.
 */
export function recordKeptAnswers(app: NestFastifyApplication): void {
  const records = app.get(IdempotencyRecords);
  const inFlight = app.get(AnswersInFlight);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const keyed = inFlight.answered(request);
    const status = reply.statusCode;
    if (keyed !== undefined && typeof payload === 'string' && isFinal(status, payload)) {
      const record = { ...keyed, status, body: payload, headers: keptHeaders(reply) };
      // An answer that recorded no event is on disk, synced, before it is sent, or a crash
      // would forget it. One whose events carry its key is written with the others of the
      // event-loop turn before it is sent: a retry after a crash finds its events in the
      // stream it names, but the key used for another mission would not be found there.
      if (status >= 400 || recordedNoEvent(reply)) {
        records.saveNow(record);
      } else {
        records.save(record, () => done(null, payload));
        return;
      }
    }
    done(null, payload);
  });
  // An answer never sent (the connection gone first) still lets its key go.
  fastify.addHook('onResponse', (request, _reply, done) => {
    inFlight.answered(request);
    done();
  });
}

function isFinal(status: number, body: string): boolean {
  if (status < 400) return true;
  if (!FINAL_REFUSALS.has(status)) return false;
  return (JSON.parse(body) as { type?: unknown }).type !== KEY_REUSED;
}

function keptHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = reply.getHeader(name);
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}
