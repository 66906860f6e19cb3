import { type ClientError, refusedRequestOf } from '../../src/operations/refused-request-line.js';

/** The error Node's parser raises having stopped at `marker`'s first byte in `packet`. */
function stoppedAt(packet: string, marker: string): ClientError {
  return Object.assign(new Error('Parse Error'), {
    rawPacket: Buffer.from(packet, 'latin1'),
    bytesParsed: packet.indexOf(marker),
  });
}

describe('The request line of a request the parser refused', () => {
  it('is the line the parser stopped in, when it stopped in the request line', () => {
    expect(refusedRequestOf(stoppedAt('FOO /api/missions?limit=1 HTTP/1.1\r\n\r\n', 'F'))).toEqual({
      method: 'FOO',
      path: '/api/missions',
    });
  });

  it('is the line its head starts with, when it stopped in a header', () => {
    const packet = 'GET /api/missions HTTP/1.1\r\nHost: localhost\r\nX-Odd: a\x01b\r\n\r\n';
    expect(refusedRequestOf(stoppedAt(packet, '\x01'))).toEqual({
      method: 'GET',
      path: '/api/missions',
    });
  });

  it('is the refused request’s own in a packet holding a whole request before it', () => {
    const packet =
      'GET /health HTTP/1.1\r\nHost: a\r\n\r\nPOST /api/missions HTTP/1.1\r\nX-Odd: \x01\r\n\r\n';
    expect(refusedRequestOf(stoppedAt(packet, '\x01'))).toEqual({
      method: 'POST',
      path: '/api/missions',
    });
  });

  it('is unread (-) for bytes that are not HTTP, after a whole request or alone', () => {
    const unread = { method: '-', path: '-' };
    const pipelined = 'GET /health HTTP/1.1\r\nHost: a\r\n\r\n{"sent":"unframed"}';
    expect(refusedRequestOf(stoppedAt(pipelined, '{'))).toEqual(unread);
    expect(refusedRequestOf(stoppedAt('HELLO THERE\r\n\r\n', 'L'))).toEqual(unread);
    expect(refusedRequestOf(stoppedAt('\nX-Odd: \x01', '\x01'))).toEqual(unread);
  });

  it('is unread (-) when Node gave no bytes (a request timed out)', () => {
    expect(refusedRequestOf(new Error('Request timeout'))).toEqual({ method: '-', path: '-' });
  });
});
