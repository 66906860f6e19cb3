import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { FastifyRequest } from 'fastify';
import { echoedName } from './echoed-name.js';
import { isObjectPropertyName } from './object-property-names.js';
import { type FieldError, invalidFields, notJsonBody, ProblemException } from './problem.js';
import { besideOtherFields } from './validation/beside-other-fields.js';
import { argumentTypeOf } from './route-arguments.js';
import { isJsonObject } from '../shared/json.js';

/** Deeper than any request this API takes (outcomes[0].missions[0].targets is 5 levels). */
export const MAX_BODY_DEPTH = 32;

/**
 * More fields than any object this API takes has (a meeting has 8): more are refused before
 * class-transformer, whose work grows with the square of an object's keys, reads them.
 */
export const MAX_OBJECT_FIELDS = 64;

/** Half of a UTF-16 surrogate pair: JSON's \uD800 escapes can carry one; no text is made of them. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Before anything reads a request body (idempotency hashing, validation): the body must
 * be JSON (Fastify also parses text/plain and Nest form bodies, which this API refuses with
 * 415) and an object (every body this API takes is one), nested at most MAX_BODY_DEPTH levels (deeper bodies overflow the recursive
 * transformers: a 400, not a 500), with at most MAX_OBJECT_FIELDS fields per object (the
 * transformers take quadratic time over many: a 400 at once, not seconds of a blocked
 * service), free of keys named after a property every object has
 * (`__proto__`, `toString`, …: they name no field, and class-transformer would drop them
 * silently rather than let the whitelist refuse them) or `prototype`, and valid Unicode (a
 * lone surrogate breaks canonical JSON, so the request hash: a 400, not a 500).
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): true | Promise<never> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    assertJsonBodyType(request);
    const shape = jsonShapeOf(request.body);
    if (shape.errors.length === 0) return true;
    if (shape.structural) throw invalidFields(shape.errors);
    return this.refuseWithOtherFields(context, request.body as object, shape.errors);
  }

  /**
   * A key no field has (`__proto__`) or text that is not Unicode is one invalid field among
   * others: the rest of the body, without them, is validated as the route's body would be, and
   * one 400 lists them all. (The body itself never reaches class-transformer or the hash.)
   */
  private async refuseWithOtherFields(
    context: ExecutionContext,
    body: object,
    errors: readonly FieldError[],
  ): Promise<never> {
    const handler = context.getHandler().name;
    const metatype = argumentTypeOf(context.getClass(), handler, RouteParamtypes.BODY);
    throw await besideOtherFields(errors, withoutRefused(body), 'body', metatype);
  }
}

/** JSON, and an object: what no route can read otherwise (415, or a 400 naming the body). */
export function assertJsonBodyType(request: FastifyRequest): void {
  const contentType = request.headers['content-type'];
  if (request.body === undefined && contentType === undefined) return;
  if (request.body !== undefined && !isJsonMediaType(contentType)) {
    throw new ProblemException(notJsonBody());
  }
  if (request.body !== undefined && !isJsonObject(request.body)) {
    throw invalidFields([{ path: '(body)', message: 'must be a JSON object' }]);
  }
}

/** The body without the keys and texts jsonShapeOf refuses (an array keeps their place: null). */
function withoutRefused(body: object): object {
  return JSON.parse(
    JSON.stringify(body, (key: string, value: unknown) =>
      (key !== '' && (isObjectPropertyName(key) || notUnicode(key))) || notUnicode(value)
        ? undefined
        : value,
    ),
  ) as object;
}

/** Text holding half a surrogate pair: no field's name or value is made of one. */
function notUnicode(value: unknown): boolean {
  return typeof value === 'string' && LONE_SURROGATE.test(value);
}

/** Whether a Content-Type names JSON (`application/json`, parameters and case aside). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
}

/**
 * Walks the parsed body without recursion, so no body can overflow the stack here. A body
 * nested too deep or with too many fields is refused as a whole (`structural`: nothing may
 * read it); a key or a text is one invalid field among the body's others.
 */
export function jsonShapeOf(body: unknown): { errors: FieldError[]; structural: boolean } {
  const errors: FieldError[] = [];
  let structural = false;
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value: body, path: '', depth: 0 },
  ];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (notUnicode(value)) {
      errors.push({
        path: path || '(body)',
        message: `${fieldOf(path)} must be valid Unicode text`,
      });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) {
      structural = true;
      errors.push({
        path: path || '(body)',
        message: `the body may be nested at most ${MAX_BODY_DEPTH} levels deep`,
      });
      continue;
    }
    if (!Array.isArray(value) && Object.keys(value).length > MAX_OBJECT_FIELDS) {
      structural = true;
      errors.push({
        path: path || '(body)',
        message: `an object may have at most ${MAX_OBJECT_FIELDS} fields`,
      });
      continue;
    }
    const entries = Array.isArray(value)
      ? value.map((item, i) => [`[${i}]`, item] as const)
      : Object.keys(value).flatMap((key) => {
          if (isObjectPropertyName(key)) {
            const name = echoedName(key);
            errors.push({ path: join(path, key), message: `property ${name} should not exist` });
            return [];
          }
          if (notUnicode(key)) {
            // Written with the surrogate escaped, as JSON would: the name itself cannot be shown.
            const name = JSON.stringify(key).slice(1, -1);
            errors.push({
              path: join(path, name),
              message: `the field name ${echoedName(name)} must be valid Unicode`,
            });
            return [];
          }
          return [[key, (value as Record<string, unknown>)[key]] as const];
        });
    for (const [key, item] of entries) {
      pending.push({
        value: item,
        path: key.startsWith('[') ? `${path}${key}` : join(path, key),
        depth: depth + 1,
      });
    }
  }
  return { errors, structural };
}

/** The field a path ends on, as a message names it: `outcomes[0].summary` → `summary`. */
function fieldOf(path: string): string {
  const last = path.split('.').at(-1) ?? '';
  return last === '' ? 'the body' : last;
}

function join(parent: string, key: string): string {
  const name = echoedName(key);
  return parent ? `${parent}.${name}` : name;
}
