import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { onConnectionClose } from './connection-close.js';

/** One of the service's onResponse hooks (the request line, the request's count). */
export type AnswerHook = (request: FastifyRequest, reply: FastifyReply, done: () => void) => void;

const NOTHING = (): void => undefined;

/** Set on a request whose hooks ran when its connection closed, before its answer was sent. */
const RAN_ON_CLOSE = Symbol('answer hooks ran on close');
/** Set on a request followed to its close (once, however many ask). */
const FOLLOWED = Symbol('followed to its close');
/** Set on a request whose connection closed before any of its answer was sent. */
const UNANSWERED = Symbol('closed before its answer');

type Marked = FastifyRequest & { [RAN_ON_CLOSE]?: true; [FOLLOWED]?: true; [UNANSWERED]?: true };

/** What a request line or count says a request whose client left before its answer got. */
export const CLIENT_CLOSED_REQUEST = 499;

/** Responses answered on their socket, outside Fastify (a 408), with the status written. */
const answeredBeside = new WeakMap<ServerResponse, number>();

/** Notes that `response`'s request was answered `status` straight on its socket. */
export function answeredOnItsSocket(response: ServerResponse, status: number): void {
  answeredBeside.set(response, status);
}

/**
 * The status a request was answered with: the one written on its socket outside Fastify (a
 * 408 for a request not received in time), else 499 (as nginx logs it) when its connection
 * closed before any of its answer was sent: its client left, or gave up waiting. Its command
 * may still have been recorded.
 */
export function answeredStatusOf(request: FastifyRequest, reply: FastifyReply): number {
  const beside = answeredBeside.get(reply.raw);
  if (beside !== undefined) return beside;
  return (request as Marked)[UNANSWERED] === true ? CLIENT_CLOSED_REQUEST : reply.statusCode;
}

/**
 * What runs once per request when its answer is over. Fastify runs onResponse hooks when the
 * answer has been sent ('finish', or 'error'), hijacked answers included, but never when the
 * connection closes first: a live feed its client leaves, or a command whose client gave up
 * waiting for it, would go unlogged and uncounted. Every request is followed to its close
 * (`followClose`), so the hooks run then too.
 */
export class AnswerEnds {
  private readonly hooks: AnswerHook[] = [];
  private readonly overListeners: ((response: ServerResponse) => void)[] = [];

  /** Adds `hook` to `fastify`'s onResponse hooks, to run for answers closed first too. */
  add(fastify: FastifyInstance, hook: AnswerHook): void {
    // An answer ended after its connection closed (over HTTP/1.0 a feed's end still finishes
    // the response) had its hooks run then: not twice.
    fastify.addHook('onResponse', (request, reply, done) => {
      if ((request as Marked)[RAN_ON_CLOSE] === true) done();
      else hook(request, reply, done);
    });
    this.hooks.push(hook);
  }

  /**
   * Calls `listener` once for every followed request when it is over: its answer sent or
   * failed, or it or its connection closed (what the shutdown drain waits for).
   */
  whenOver(listener: (response: ServerResponse) => void): void {
    this.overListeners.push(listener);
  }

  /**
   * Follows a request to its end, once however often asked. Runs the hooks when the answer's
   * connection closes before it was sent (the client left, or never read the end a slow client
   * was sent), with the time it lasted; an answer sent whole is left to Fastify, which has run
   * them. Either way the whenOver listeners hear of it.
   */
  followClose(request: FastifyRequest, reply: FastifyReply): void {
    const marked = request as Marked;
    if (marked[FOLLOWED] === true) return;
    marked[FOLLOWED] = true;
    const response = reply.raw;
    // Node keeps the peer's address once read; once the socket is closed, it has no other.
    void request.ip;
    let over = false;
    const ended = () => {
      over = true;
      cancel();
      for (const listener of this.overListeners) listener(response);
    };
    const onSent = () => {
      if (!over) ended();
    };
    const onGone = () => {
      response.off('finish', onSent);
      response.off('error', onSent);
      if (over) return;
      marked[RAN_ON_CLOSE] = true;
      if (!response.headersSent) marked[UNANSWERED] = true;
      for (const hook of this.hooks) hook(request, reply, NOTHING);
      ended();
    };
    const cancel = onConnectionClose(request.raw.socket, onGone);
    response.once('finish', onSent);
    response.once('error', onSent);
    response.once('close', onGone);
  }
}
