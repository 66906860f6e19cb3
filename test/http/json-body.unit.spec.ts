import type { FastifyRequest } from 'fastify';
import {
  assertJsonBody,
  assertJsonShape,
  MAX_BODY_DEPTH,
  MAX_OBJECT_FIELDS,
} from '../../src/http/json-body.guard.js';
import { ProblemException } from '../../src/http/problem.js';

/** The problem a check threw, or undefined when it accepted the value. */
function problemOf(check: () => void) {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof ProblemException) return error.problem;
    throw error;
  }
}

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
};

const requestWith = (body: unknown, contentType?: string) =>
  ({
    body,
    headers: contentType === undefined ? {} : { 'content-type': contentType },
  }) as unknown as FastifyRequest;

describe('The JSON body check', () => {
  it('accepts bodies nested up to the limit', () => {
    expect(problemOf(() => assertJsonShape(nested(MAX_BODY_DEPTH)))).toBeUndefined();
  });

  it('refuses a body nested deeper than the limit, without overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 1_000_000; i += 1) deep = [deep];
    const problem = problemOf(() => assertJsonShape({ targets: deep }));
    expect(problem).toMatchObject({ status: 400, type: '/problems/validation-failed' });
    expect(problemOf(() => assertJsonShape(nested(MAX_BODY_DEPTH + 1)))?.status).toBe(400);
  });

  it('refuses an object with more fields than any request has, once, before anything reads them', () => {
    const fields = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 0]));
    expect(problemOf(() => assertJsonShape(fields(MAX_OBJECT_FIELDS)))).toBeUndefined();
    expect(problemOf(() => assertJsonShape(fields(90_000)))?.errors).toEqual([
      { path: '(body)', message: `an object may have at most ${MAX_OBJECT_FIELDS} fields` },
    ]);
    const nestedMany = { city: 'Havana', targets: fields(MAX_OBJECT_FIELDS + 1) };
    expect(problemOf(() => assertJsonShape(nestedMany))?.errors).toEqual([
      { path: 'targets', message: expect.stringContaining('at most') },
    ]);
  });

  it('names every prototype-reaching key with its path', () => {
    const body = JSON.parse(
      '{"constructor":1,"outcomes":[{"kind":"other"},{"prototype":{},"missions":[{"constructor":{}}]}]}',
    ) as unknown;
    expect(problemOf(() => assertJsonShape(body))?.errors).toEqual(
      expect.arrayContaining([
        { path: 'constructor', message: expect.any(String) },
        { path: 'outcomes[1].prototype', message: expect.any(String) },
        { path: 'outcomes[1].missions[0].constructor', message: expect.any(String) },
      ]),
    );
  });

  it('names every key named after a property every object has, at any depth', () => {
    const names = Object.getOwnPropertyNames(Object.prototype);
    expect(names).toEqual(expect.arrayContaining(['toString', 'valueOf', '__lookupSetter__']));
    for (const name of names) {
      const body = { city: 'Madrid', [name]: 'x', targets: { [name]: 1 } };
      const errors = problemOf(() => assertJsonShape(body))?.errors;
      expect(errors).toHaveLength(2);
      expect(errors).toEqual(
        expect.arrayContaining([
          { path: name, message: `property ${name} should not exist` },
          { path: `targets.${name}`, message: `property ${name} should not exist` },
        ]),
      );
    }
  });

  it('accepts ordinary JSON values', () => {
    for (const body of [null, 1, 'text', [], {}, { a: [1, { b: 'c' }] }]) {
      expect(problemOf(() => assertJsonShape(body))).toBeUndefined();
    }
  });

  it('refuses a parsed body that was not sent as application/json with 415', () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'text/plain; charset=utf-8',
    ]) {
      expect(problemOf(() => assertJsonBody(requestWith('x', type)))?.status).toBe(415);
    }
  });

  it('accepts JSON in any letter case and with parameters, and requests without a body', () => {
    for (const type of ['application/json', 'Application/JSON; charset=utf-8']) {
      expect(problemOf(() => assertJsonBody(requestWith({}, type)))).toBeUndefined();
    }
    expect(problemOf(() => assertJsonBody(requestWith(undefined)))).toBeUndefined();
  });
});

describe('assertJsonShape: invalid Unicode', () => {
  it.each([
    ['a lone high surrogate in a value', { city: 'Ha\ud800vana' }],
    ['a lone low surrogate in a nested value', { outcomes: [{ summary: '\udc00' }] }],
    ['a lone surrogate in a key', { ['k\ud800']: 1 }],
    ['a lone surrogate as the whole body', '\ud800'],
  ])('refuses %s with a 400, before anything hashes the body', (_label, body) => {
    expect(() => assertJsonShape(body)).toThrow(/valid Unicode/);
  });

  it('accepts well-formed pairs (emoji) and other scripts', () => {
    expect(() => assertJsonShape({ city: 'Ciudad 😀 Ханой 河内' })).not.toThrow();
  });
});
