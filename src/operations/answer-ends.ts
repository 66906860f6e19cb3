import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** One of the service's onResponse hooks (the request line, the request's count). */
export type AnswerHook = (request: FastifyRequest, reply: FastifyReply, done: () => void) => void;

const NOTHING = (): void => undefined;

/** Set on a request whose hooks ran when its connection closed, before its answer was sent. */
const RAN_ON_CLOSE = Symbol('answer hooks ran on close');

type Marked = FastifyRequest & { [RAN_ON_CLOSE]?: true };

/**
 * What runs once per answered request when its answer is over. Fastify runs onResponse hooks
 * when the answer has been sent ('finish', or 'error'), hijacked answers included, but never
 * when the connection closes first: a live feed its client leaves would go unlogged and
 * uncounted. Such long answers call `followClose` so the hooks run then too; every other answer
 * pays nothing more than its onResponse hooks.
 */
export class AnswerEnds {
  private readonly hooks: AnswerHook[] = [];

  /** Adds `hook` to `fastify`'s onResponse hooks, to run for the long answers' closes too. */
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
   * Runs the hooks, once, when the answer's connection closes before it was sent (the client
   * left, or never read the end a slow client was sent), with the time it lasted; an answer
   * sent whole is left to Fastify, which has run them.
   */
  followClose(request: FastifyRequest, reply: FastifyReply): void {
    const response = reply.raw;
    // Node keeps the peer's address once read; once the socket is closed, it has no other.
    void request.ip;
    let sent = false;
    const onSent = () => {
      sent = true;
    };
    response.once('finish', onSent);
    response.once('error', onSent);
    response.once('close', () => {
      response.off('finish', onSent);
      response.off('error', onSent);
      if (sent) return;
      (request as Marked)[RAN_ON_CLOSE] = true;
      for (const hook of this.hooks) hook(request, reply, NOTHING);
    });
  }
}
