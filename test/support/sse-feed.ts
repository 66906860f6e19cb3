import { request as httpRequest } from 'node:http';

export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/**
 * Follows a Server-Sent Events stream, handing each event to `onEvent` until it answers true
 * (then the connection is closed), and resolves with every event it saw.
 */
export function followFeed(
  port: number,
  path: string,
  headers: Record<string, string>,
  onEvent: (event: SseEvent) => boolean,
): Promise<SseEvent[]> {
  return new Promise((resolve, reject) => {
    const seen: SseEvent[] = [];
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = {};
          for (const line of block.split('\n')) {
            const [field, ...rest] = line.split(': ');
            if (field === 'id' || field === 'event' || field === 'data') {
              event[field] = rest.join(': ');
            }
          }
          seen.push(event);
          if (onEvent(event)) {
            req.destroy();
            resolve(seen);
            return;
          }
        }
      });
    });
    req.on('error', (error) => {
      if (!(error as NodeJS.ErrnoException).code?.includes('ECONNRESET')) reject(error);
    });
    req.end();
  });
}
