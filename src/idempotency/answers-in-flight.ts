import type { FastifyRequest } from 'fastify';
import { KeyedQueue } from '../command-handling/keyed-queue.js';

/** A request whose Idempotency-Key was new when it was let through: its answer is kept. */
export interface KeyedRequest {
  readonly actor: string;
  readonly key: string;
  readonly requestHash: string;
}

interface InFlight {
  readonly keyed: KeyedRequest;
  readonly release: () => void;
}

/**
 * The keyed requests this node is answering. Requests with the same caller and key are let
 * through one at a time: each holds the key from the IdempotencyGuard until its answer is
 * sent (recordKeptAnswers), so a copy sent meanwhile finds that answer kept rather than
 * being decided again on other facts.
 */
export class AnswersInFlight {
  private readonly perKey = new KeyedQueue();
  private readonly requests = new WeakMap<FastifyRequest, InFlight>();

  /** Waits until no other request holds the caller's key; call the result to let it go. */
  hold(keyed: KeyedRequest): Promise<() => void> {
    return new Promise((held) => {
      void this.perKey.run(`${keyed.actor}\n${keyed.key}`, () => new Promise<void>(held));
    });
  }

  /** The request goes on to its handler, holding its key until its answer is sent. */
  answering(request: FastifyRequest, keyed: KeyedRequest, release: () => void): void {
    this.requests.set(request, { keyed, release });
  }

  /** The request's answer is being sent: what to keep it under, with its key let go. */
  answered(request: FastifyRequest): KeyedRequest | undefined {
    const inFlight = this.requests.get(request);
    if (inFlight === undefined) return undefined;
    this.requests.delete(request);
    inFlight.release();
    return inFlight.keyed;
  }
}
