import { createSseParser, type SseEvent } from '../../src/dashboard/public/dashboard.js';

/** The dashboard's own text/event-stream parser (the browser cannot use EventSource with a bearer token). */
function parse(chunks: string[]) {
  const events: SseEvent[] = [];
  const retries: number[] = [];
  const ids: string[] = [];
  const parser = createSseParser({
    onEvent: (event) => events.push(event),
    onRetry: (ms) => retries.push(ms),
    onId: (id) => ids.push(id),
  });
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { events, retries, ids };
}

const POSITION = '0000000000000007' + '0000000000000007';

describe('The dashboard SSE parser', () => {
  it('reads the feed as the server writes it: retry, mission events with ids, heartbeats, closing', () => {
    const stream =
      'retry: 2000\n\n' +
      `id: ${POSITION}\nevent: mission\ndata: {"id":"kr-cu-havana","status":"planned"}\n\n` +
      ': heartbeat\n\n' +
      'retry: 1000\nevent: closing\ndata: {"reason":"the service is shutting down"}\n\n';
    const { events, retries, ids } = parse([stream]);
    expect(retries).toEqual([2000, 1000]);
    expect(ids).toEqual([POSITION]);
    expect(events).toEqual([
      { type: 'mission', data: '{"id":"kr-cu-havana","status":"planned"}', id: POSITION },
      { type: 'closing', data: '{"reason":"the service is shutting down"}', id: POSITION },
    ]);
  });

  it('gives the same events however the stream is cut into chunks, CRLF split included', () => {
    const stream = `id: a\r\nevent: mission\r\ndata: one\r\ndata: two\r\n\r\nid: b\rdata:three\r\r`;
    const whole = parse([stream]).events;
    expect(whole).toEqual([
      { type: 'mission', data: 'one\ntwo', id: 'a' },
      { type: 'message', data: 'three', id: 'b' },
    ]);
    for (let size = 1; size <= 7; size += 1) {
      const chunks: string[] = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size));
      expect(parse(chunks).events).toEqual(whole);
    }
  });

  it('keeps the last id across events, ignores unknown fields and bad retries, drops an unfinished event', () => {
    const { events, retries } = parse([
      'id: 1\ndata: first\n\n',
      'data: second\nfoo: bar\nretry: soon\n\n',
      'data:  leading space kept after the first\n\n',
      'data: never finished\n',
    ]);
    expect(retries).toEqual([]);
    expect(events).toEqual([
      { type: 'message', data: 'first', id: '1' },
      { type: 'message', data: 'second', id: '1' },
      { type: 'message', data: ' leading space kept after the first', id: '1' },
    ]);
  });
});
