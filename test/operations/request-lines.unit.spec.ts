import { pino } from 'pino';
import { createLogs, type RequestLine } from '../../src/operations/logging.js';
import { captureLogLines as capture } from '../support/log-lines.js';

const LINE: RequestLine = {
  level: 'info',
  correlationId: 'c0ffee-1',
  method: 'POST',
  path: '/api/missions/kr-cu-havana/diplomats',
  remoteAddress: '127.0.0.1',
  statusCode: 201,
  responseTime: 3.4,
  actor: { name: 'desk-havana', role: 'staff' },
  causationId: 'request:6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
  msg: 'POST /api/missions/kr-cu-havana/diplomats 201',
};

/** The line pino itself writes for the same fields, as the request log used to. */
function pinoLine(line: RequestLine): Record<string, unknown> {
  const { stream, lines } = capture();
  const logger = pino(
    { base: { service: 'envoy-ledger' }, messageKey: 'msg', level: 'info' },
    stream as unknown as pino.DestinationStream,
  );
  logger[line.level](
    {
      correlationId: line.correlationId,
      req: { method: line.method, path: line.path, remoteAddress: line.remoteAddress },
      res: { statusCode: line.statusCode },
      responseTime: line.responseTime,
      ...(line.actor ? { actor: line.actor.name, role: line.actor.role } : {}),
      ...(line.causationId ? { causationId: line.causationId } : {}),
    },
    line.msg,
  );
  return JSON.parse(lines[0]) as Record<string, unknown>;
}

describe('The request log line', () => {
  it('has the fields, order and levels of every other pino line', () => {
    const { stream, lines } = capture();
    createLogs('info', stream as unknown as pino.DestinationStream).requests.write(LINE);
    const written = JSON.parse(lines[0]) as Record<string, unknown>;
    const expected = pinoLine(LINE);
    expect(Object.keys(written)).toEqual(Object.keys(expected));
    expect({ ...written, time: undefined }).toEqual({ ...expected, time: undefined });
    expect(written.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('escapes whatever a client put in the path, and leaves out what is unknown', () => {
    const { stream, lines } = capture();
    const hostile: RequestLine = {
      ...LINE,
      level: 'error',
      path: '/api/"quoted"\\back\nslash\u2028\u0000\ud800é',
      remoteAddress: undefined,
      actor: undefined,
      causationId: undefined,
      msg: 'GET /x 500 failed',
    };
    createLogs('info', stream as unknown as pino.DestinationStream).requests.write(hostile);
    expect(lines).toHaveLength(1);
    const written = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(written).toEqual({ ...pinoLine(hostile), time: written.time });
    expect(written.level).toBe(50);
    expect(written.req).toEqual({ method: 'POST', path: hostile.path });
    expect(written).not.toHaveProperty('actor');
    expect(written).not.toHaveProperty('causationId');
  });

  it('writes nothing below the configured level, or when silent', () => {
    for (const level of ['warn', 'silent'] as const) {
      const { stream, lines } = capture();
      createLogs(level, stream as unknown as pino.DestinationStream).requests.write(LINE);
      expect(lines).toEqual([]);
    }
    const { stream, lines } = capture();
    createLogs('warn', stream as unknown as pino.DestinationStream).requests.write({
      ...LINE,
      level: 'error',
    });
    expect(lines).toHaveLength(1);
  });
});
