import type { FastifyRequest } from 'fastify';
import { parseJsonBody } from '../../src/http/json-body.parser.js';
import { ProblemException } from '../../src/http/problem.js';

const requestWith = (contentType: string) =>
  ({ headers: { 'content-type': contentType } }) as unknown as FastifyRequest;

/** The problem parsing threw, or undefined when it parsed. */
function problemOf(contentType: string, body: Buffer) {
  try {
    parseJsonBody(requestWith(contentType), body);
    return undefined;
  } catch (error) {
    if (error instanceof ProblemException) return error.problem;
    throw error;
  }
}

describe('JSON body parser', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/json;charset="UTF-8"',
    'application/json; charset=UTF8',
  ])('reads UTF-8 JSON sent as %s', (contentType) => {
    expect(parseJsonBody(requestWith(contentType), Buffer.from('{"city":"Łódź"}'))).toEqual({
      city: 'Łódź',
    });
  });

  it('refuses a body naming a member twice in one object with 400, listing each one', () => {
    expect(
      problemOf(
        'application/json',
        Buffer.from('{"openedOn":"2024-07-01","openedOn":"2099-01-01"}'),
      ),
    ).toMatchObject({
      status: 400,
      type: '/problems/malformed-json',
      errors: [{ path: 'openedOn', message: 'named more than once' }],
    });
  });

  it('ignores a byte order mark', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]);
    expect(parseJsonBody(requestWith('application/json'), body)).toEqual({ a: 1 });
  });

  it.each(['iso-8859-1', 'utf-16', '"windows-1252"'])('refuses charset=%s with 415', (charset) => {
    expect(problemOf(`application/json; charset=${charset}`, Buffer.from('{}'))).toMatchObject({
      status: 415,
      detail: expect.stringContaining(`charset=${charset.replaceAll('"', '')}`),
    });
  });

  it.each([
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), /not valid UTF-8/],
    ['an overlong encoding', Buffer.from([0x22, 0xc0, 0xaf, 0x22]), /not valid UTF-8/],
    ['an empty body', Buffer.alloc(0), /empty/],
    ['text that is not JSON', Buffer.from('{"a":'), /not valid JSON/],
  ])('refuses %s with a 400', (_, body, detail) => {
    expect(problemOf('application/json', body)).toMatchObject({
      status: 400,
      type: '/problems/malformed-json',
      detail: expect.stringMatching(detail),
    });
  });

  it('keeps __proto__ an own property, for the body check to refuse by name', () => {
    const body = parseJsonBody(
      requestWith('application/json'),
      Buffer.from('{"__proto__":{"x":1}}'),
    );
    expect(Object.keys(body as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
