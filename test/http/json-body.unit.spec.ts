import type { FastifyRequest } from 'fastify';
import {
  assertJsonBodyType,
  jsonShapeOf,
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
    expect(jsonShapeOf(nested(MAX_BODY_DEPTH)).errors).toEqual([]);
  });

  it('refuses a body nested deeper than the limit as a whole, without overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 1_000_000; i += 1) deep = [deep];
    expect(jsonShapeOf({ targets: deep })).toEqual({
      structural: true,
      errors: [{ path: expect.stringMatching(/^targets/), message: expect.any(String) }],
    });
    expect(jsonShapeOf(nested(MAX_BODY_DEPTH + 1)).structural).toBe(true);
  });

  it('refuses an object with more fields than any request has, once, before anything reads them', () => {
    const fields = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 0]));
    expect(jsonShapeOf(fields(MAX_OBJECT_FIELDS)).errors).toEqual([]);
    expect(jsonShapeOf(fields(90_000))).toEqual({
      structural: true,
      errors: [
        { path: '(body)', message: `an object may have at most ${MAX_OBJECT_FIELDS} fields` },
      ],
    });
    const nestedMany = { city: 'Havana', targets: fields(MAX_OBJECT_FIELDS + 1) };
    expect(jsonShapeOf(nestedMany).errors).toEqual([
      { path: 'targets', message: expect.stringContaining('at most') },
    ]);
  });

  it('names every prototype-reaching key with its path, as one invalid field among others', () => {
    const body = JSON.parse(
      '{"constructor":1,"outcomes":[{"kind":"other"},{"prototype":{},"missions":[{"constructor":{}}]}]}',
    ) as unknown;
    const shape = jsonShapeOf(body);
    expect(shape.structural).toBe(false);
    expect(shape.errors).toEqual(
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
      const { errors } = jsonShapeOf(body);
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
      expect(jsonShapeOf(body).errors).toEqual([]);
    }
  });

  it('refuses a parsed body that was not sent as application/json with 415', () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'text/plain; charset=utf-8',
    ]) {
      expect(problemOf(() => assertJsonBodyType(requestWith('x', type)))?.status).toBe(415);
    }
  });

  it('refuses JSON that is not an object with a 400 naming the body', () => {
    for (const body of [[], 1, 'text', null]) {
      expect(
        problemOf(() => assertJsonBodyType(requestWith(body, 'application/json'))),
      ).toMatchObject({
        status: 400,
        errors: [{ path: '(body)', message: 'must be a JSON object' }],
      });
    }
  });

  it('accepts JSON in any letter case and with parameters, and requests without a body', () => {
    for (const type of ['application/json', 'Application/JSON; charset=utf-8']) {
      expect(problemOf(() => assertJsonBodyType(requestWith({}, type)))).toBeUndefined();
    }
    expect(problemOf(() => assertJsonBodyType(requestWith(undefined)))).toBeUndefined();
  });
});

describe('The JSON body check: invalid Unicode', () => {
  it.each([
    ['a lone high surrogate in a value', { city: 'Ha\ud800vana' }, 'city'],
    [
      'a lone low surrogate in a nested value',
      { outcomes: [{ summary: '\udc00' }] },
      'outcomes[0].summary',
    ],
    ['a lone surrogate in a key (named in the path escaped)', { ['k\ud800']: 1 }, 'k\\ud800'],
    ['a lone surrogate as the whole body', '\ud800', '(body)'],
  ])('refuses %s as one invalid field, before anything hashes the body', (_label, body, path) => {
    expect(jsonShapeOf(body)).toEqual({
      structural: false,
      errors: [{ path, message: expect.stringMatching(/valid Unicode/) }],
    });
  });

  it('accepts well-formed pairs (emoji) and other scripts', () => {
    expect(jsonShapeOf({ city: 'Ciudad 😀 Ханой 河内' }).errors).toEqual([]);
  });
});
