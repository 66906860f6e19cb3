import { EventEmitter } from 'node:events';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AnswerEnds } from '../../src/operations/answer-ends.js';

/** AnswerEnds with one hook counting its runs, and a followed answer. */
function followed(): { runs: () => number; response: EventEmitter } {
  const ends = new AnswerEnds();
  let runs = 0;
  const fastify = { addHook: () => undefined } as unknown as FastifyInstance;
  ends.add(fastify, (_request, _reply, done) => {
    runs += 1;
    done();
  });
  const response = new EventEmitter();
  const request = { ip: '127.0.0.1' } as FastifyRequest;
  ends.followClose(request, { raw: response } as unknown as FastifyReply);
  return { runs: () => runs, response };
}

describe('AnswerEnds', () => {
  it('runs the hooks once for an answer closed before it was sent', () => {
    const { runs, response } = followed();
    response.emit('close');
    response.emit('close');
    expect(runs()).toBe(1);
  });

  it('leaves an answer sent whole, or failed, to Fastify', () => {
    for (const sent of ['finish', 'error']) {
      const { runs, response } = followed();
      response.emit(sent, sent === 'error' ? new Error('reset') : undefined);
      response.emit('close');
      expect(runs()).toBe(0);
    }
  });
});
