/** An error Node's HTTP parser raised: the bytes it was parsing, and where it stopped. */
export type ClientError = Error & { code?: string; rawPacket?: unknown; bytesParsed?: unknown };

/** A request line as RFC 9112 §3 writes it: method, target, version. */
export const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\/(\d)\.\d\r?$/;

/** What a request line says of a request whose line could not be read. */
const UNREAD = { method: '-', path: '-' } as const;

/** The line of the bytes Node was given where its parser stopped (a pipelined request's own). */
export function refusedLineOf({ rawPacket, bytesParsed }: ClientError): string {
  if (!Buffer.isBuffer(rawPacket) || typeof bytesParsed !== 'number') return '';
  return lineFrom(rawPacket, lineStartBefore(rawPacket, Math.min(bytesParsed, rawPacket.length)));
}

/**
 * The method and path (without its query) of the request the parser refused, as its request
 * line names them, for its log line: the line where the parser stopped, or the nearest before
 * it in the same head (a header the parser refused). `-` for both when there is none to read
 * in the bytes Node was given: bytes that are not HTTP, a head begun in an earlier packet.
 */
export function refusedRequestOf(error: ClientError): { method: string; path: string } {
  const { rawPacket, bytesParsed } = error;
  if (!Buffer.isBuffer(rawPacket) || typeof bytesParsed !== 'number') return UNREAD;
  let end = Math.min(bytesParsed, rawPacket.length);
  for (;;) {
    const start = lineStartBefore(rawPacket, end);
    const line = lineFrom(rawPacket, start);
    const request = REQUEST_LINE.exec(line);
    if (request !== null) return { method: request[1], path: request[2].split('?')[0] };
    // An empty line ends the head before this one: the refused request's line is not here.
    if (start === 0 || line === '' || line === '\r') return UNREAD;
    end = start - 1;
  }
}

/** Where the line holding the byte before `end` starts (the packet's start for `end` 0). */
function lineStartBefore(packet: Buffer, end: number): number {
  return end === 0 ? 0 : packet.lastIndexOf(0x0a, end - 1) + 1;
}

function lineFrom(packet: Buffer, start: number): string {
  const end = packet.indexOf(0x0a, start);
  return packet.toString('latin1', start, end === -1 ? packet.length : end);
}
