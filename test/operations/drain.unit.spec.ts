import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Drain } from '../../src/operations/drain.js';

const response = () => new EventEmitter() as unknown as ServerResponse;
const socket = () => new EventEmitter() as unknown as Socket;

describe('Drain: the requests a node still has to finish', () => {
  it('counts a response until it is sent or closed', async () => {
    const drain = new Drain();
    const sent = response();
    const closed = response();
    drain.track(sent, socket());
    drain.track(closed, socket());
    expect(drain.inFlight).toBe(2);
    sent.emit('finish');
    closed.emit('close');
    expect(drain.inFlight).toBe(0);
    expect(await drain.idle(10)).toBe(true);
  });

  it('lets go of responses held back behind another when their connection closes (pipelined)', async () => {
    const drain = new Drain();
    const connection = socket();
    for (let i = 0; i < 12; i += 1) drain.track(response(), connection);
    expect(drain.inFlight).toBe(12);
    expect(connection.listenerCount('close')).toBe(1);
    connection.emit('close');
    expect(drain.inFlight).toBe(0);
    expect(await drain.idle(10)).toBe(true);
  });
});
