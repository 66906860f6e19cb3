import { connect } from 'node:net';

/** What the server wrote on one connection, and whether it closed it. */
export interface RawExchange {
  /** Everything the server wrote, one character per byte (latin1: lengths are byte counts). */
  readonly text: string;
  /** Whether the server closed the connection before the wait ran out. */
  readonly closed: boolean;
  /** Milliseconds from the first byte sent to the close (or to the end of the wait). */
  readonly ms: number;
}

/**
 * Writes `request` byte for byte on a fresh connection (no client fixes up what a hostile
 * one would send) and reads until the server closes the connection or `waitMs` passes.
 */
export function rawExchange(
  port: number,
  request: string | Buffer,
  waitMs = 2000,
): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    const chunks: Buffer[] = [];
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closed, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish(true));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') finish(true);
      else reject(error);
    });
    socket.write(request);
  });
}

export interface RawResponse {
  readonly status: number;
  /** Header names in lower case, each with every value it was sent with. */
  readonly headers: Readonly<Record<string, string[]>>;
  /** The body, decoded as UTF-8. */
  readonly body: string;
}

/** The responses in what a server wrote on a connection (RawExchange.text), in order. */
export function responsesIn(text: string): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = text;
  while (rest.startsWith('HTTP/')) {
    const headEnd = rest.indexOf('\r\n\r\n');
    const [statusLine, ...lines] = rest.slice(0, headEnd).split('\r\n');
    const headers: Record<string, string[]> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      (headers[name] ??= []).push(line.slice(colon + 1).trim());
    }
    rest = rest.slice(headEnd + 4);
    const status = Number(statusLine.split(' ')[1]);
    let body = '';
    // An interim answer (100 Continue) has no body: the final one follows it.
    const interim = status < 200;
    if (!interim && headers['transfer-encoding']?.[0] === 'chunked') {
      for (;;) {
        const sizeEnd = rest.indexOf('\r\n');
        const size = parseInt(rest.slice(0, sizeEnd), 16);
        body += rest.slice(sizeEnd + 2, sizeEnd + 2 + size);
        rest = rest.slice(sizeEnd + 2 + size + 2);
        if (size === 0 || Number.isNaN(size)) break;
      }
    } else if (!interim) {
      const length = Number(headers['content-length']?.[0] ?? rest.length);
      body = rest.slice(0, length);
      rest = rest.slice(length);
    }
    responses.push({
      status,
      headers,
      body: Buffer.from(body, 'latin1').toString('utf8'),
    });
  }
  return responses;
}

/**
 * Asserts a response written on a raw connection is an RFC 9457 problem of this status and
 * type, with the headers every answer carries (security headers, one correlation id).
 */
export function expectRawProblem(
  response: RawResponse | undefined,
  status: number,
  type: string,
): Record<string, unknown> {
  expect({ status: response?.status }).toEqual({ status });
  const headers = response?.headers ?? {};
  expect(headers['content-type']?.[0]?.split(';')[0]).toBe('application/problem+json');
  expect(headers['x-content-type-options']).toEqual(['nosniff']);
  expect(headers['content-security-policy']).toHaveLength(1);
  expect(headers['x-correlation-id']).toEqual([expect.any(String)]);
  const body = JSON.parse(response?.body ?? '') as Record<string, unknown>;
  expect(body).toMatchObject({
    type,
    status,
    title: expect.any(String),
    detail: expect.any(String),
  });
  return body;
}
