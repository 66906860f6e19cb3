import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { onConnectionClose } from '../../src/operations/connection-close.js';

const socket = () => new EventEmitter() as unknown as Socket;

describe('What runs when a connection closes', () => {
  it('runs each callback once, through one listener however many requests wait on it', () => {
    const connection = socket();
    const runs: number[] = [];
    for (let i = 0; i < 20; i += 1) onConnectionClose(connection, () => runs.push(i));
    expect(connection.listenerCount('close')).toBe(1);
    connection.emit('close');
    connection.emit('close');
    expect(runs).toHaveLength(20);
  });

  it('forgets a callback cancelled before the close (a request answered on a keep-alive connection)', () => {
    const connection = socket();
    const ran: string[] = [];
    const cancel = onConnectionClose(connection, () => ran.push('answered'));
    onConnectionClose(connection, () => ran.push('waiting'));
    cancel();
    connection.emit('close');
    expect(ran).toEqual(['waiting']);
  });

  it('does nothing for a request with no socket', () => {
    let ran = false;
    onConnectionClose(null, () => (ran = true))();
    expect(ran).toBe(false);
  });
});
