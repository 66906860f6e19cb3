import type { Socket } from 'node:net';

const waiting = new WeakMap<Socket, Set<() => void>>();

/**
 * Runs `callback` when `socket` closes, unless the returned cancel runs first. A response
 * Node holds back behind another on the same connection (pipelined requests) emits nothing
 * when the connection closes under it: only the socket says it is gone. One listener per
 * socket, however many requests a keep-alive connection carries.
 */
export function onConnectionClose(socket: Socket | null, callback: () => void): () => void {
  if (socket === null) return () => undefined;
  let callbacks = waiting.get(socket);
  if (callbacks === undefined) {
    const registered = new Set<() => void>();
    callbacks = registered;
    waiting.set(socket, registered);
    socket.once('close', () => {
      waiting.delete(socket);
      for (const run of registered) run();
    });
  }
  const own = callbacks;
  own.add(callback);
  return () => own.delete(callback);
}
