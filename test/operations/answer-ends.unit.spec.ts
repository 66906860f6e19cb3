import { EventEmitter } from 'node:events';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import {
  AnswerEnds,
  answeredOnItsSocket,
  answeredStatusOf,
  CLIENT_CLOSED_REQUEST,
} from '../../src/operations/answer-ends.js';

type Hook = (request: FastifyRequest, reply: FastifyReply, done: () => void) => void;

/**
 * AnswerEnds with one hook counting its runs, a followed answer, and what Fastify runs when
 * the answer is sent (its onResponse hook).
 */
function followed(): {
  runs: () => number;
  socket: EventEmitter;
  response: EventEmitter & { headersSent?: boolean };
  sent: () => void;
  status: () => number;
} {
  const ends = new AnswerEnds();
  let runs = 0;
  let onResponse: Hook = () => undefined;
  const fastify = {
    addHook: (_name: string, hook: Hook) => (onResponse = hook),
  } as unknown as FastifyInstance;
  ends.add(fastify, (_request, _reply, done) => {
    runs += 1;
    done();
  });
  const response = new EventEmitter();
  const socket = new EventEmitter();
  const request = { ip: '127.0.0.1', raw: { socket } } as unknown as FastifyRequest;
  const reply = { raw: response, statusCode: 201 } as unknown as FastifyReply;
  ends.followClose(request, reply);
  ends.followClose(request, reply);
  return {
    runs: () => runs,
    socket,
    response,
    sent: () => onResponse(request, reply, () => undefined),
    status: () => answeredStatusOf(request, reply),
  };
}

describe('AnswerEnds', () => {
  it('runs the hooks once for an answer closed before it was sent, however often it is followed', () => {
    const { runs, response } = followed();
    response.emit('close');
    response.emit('close');
    expect(runs()).toBe(1);
  });

  it('runs them when the connection closes under a response held back behind another (pipelined)', () => {
    const { runs, socket, response, status } = followed();
    socket.emit('close');
    expect(runs()).toBe(1);
    expect(status()).toBe(CLIENT_CLOSED_REQUEST);
    response.emit('close');
    expect(runs()).toBe(1);
  });

  it('says a request answered on its socket outside Fastify (a 408) was answered so, not 499', () => {
    const { response, status } = followed();
    answeredOnItsSocket(response as unknown as ServerResponse, 408);
    response.emit('close');
    expect(status()).toBe(408);
  });

  it('says a request whose client left before any of its answer was answered 499', () => {
    const { response, status } = followed();
    expect(status()).toBe(201);
    response.emit('close');
    expect(status()).toBe(CLIENT_CLOSED_REQUEST);
  });

  it('keeps the status of a long answer whose client left after its head was sent (a live feed)', () => {
    const { response, status } = followed();
    response.headersSent = true;
    response.emit('close');
    expect(status()).toBe(201);
  });

  it('does not run them again when the answer is ended after its connection closed (an HTTP/1.0 feed)', () => {
    const { runs, response, sent } = followed();
    response.emit('close');
    response.emit('finish');
    sent();
    expect(runs()).toBe(1);
  });

  it('leaves an answer sent whole, or failed, to Fastify', () => {
    for (const ending of ['finish', 'error']) {
      const { runs, response, sent } = followed();
      response.emit(ending, ending === 'error' ? new Error('reset') : undefined);
      response.emit('close');
      expect(runs()).toBe(0);
      sent();
      expect(runs()).toBe(1);
    }
  });
});
