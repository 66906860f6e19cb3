import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AnswerEnds } from '../../src/operations/answer-ends.js';
import { Drain } from '../../src/operations/drain.js';

const response = () => new EventEmitter() as unknown as ServerResponse;
const socket = () => new EventEmitter();

/** A drain wired to request ends as registerOperationsHooks wires them. */
function drained() {
  const drain = new Drain();
  const ends = new AnswerEnds();
  ends.whenOver((ended) => drain.release(ended));
  const track = (raw: ServerResponse, connection: EventEmitter) => {
    drain.track(raw);
    ends.followClose(
      { ip: '127.0.0.1', raw: { socket: connection } } as unknown as FastifyRequest,
      { raw } as unknown as FastifyReply,
    );
  };
  return { drain, track };
}

describe('Drain: the requests a node still has to finish', () => {
  it('counts a response until it is sent or closed', async () => {
    const { drain, track } = drained();
    const sent = response();
    const closed = response();
    track(sent, socket());
    track(closed, socket());
    expect(drain.inFlight).toBe(2);
    sent.emit('finish');
    closed.emit('close');
    expect(drain.inFlight).toBe(0);
    expect(await drain.idle(10)).toBe(true);
  });

  it('lets go of responses held back behind another when their connection closes (pipelined)', async () => {
    const { drain, track } = drained();
    const connection = socket();
    for (let i = 0; i < 12; i += 1) track(response(), connection);
    expect(drain.inFlight).toBe(12);
    expect(connection.listenerCount('close')).toBe(1);
    connection.emit('close');
    expect(drain.inFlight).toBe(0);
    expect(await drain.idle(10)).toBe(true);
  });
});
