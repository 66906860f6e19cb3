import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { isObjectPropertyName } from './object-property-names.js';
import { type FieldError, invalidFields, notJsonBody, ProblemException } from './problem.js';

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
  canActivate(context: ExecutionContext): boolean {
    assertJsonBody(context.switchToHttp().getRequest<FastifyRequest>());
    return true;
  }
}

export function assertJsonBody(request: FastifyRequest): void {
  const contentType = request.headers['content-type'];
  if (request.body === undefined && contentType === undefined) return;
  if (request.body !== undefined && !isJsonMediaType(contentType)) {
    throw new ProblemException(notJsonBody());
  }
  if (request.body !== undefined && !isObject(request.body)) {
    throw invalidFields([{ path: '(body)', message: 'must be a JSON object' }]);
  }
  assertJsonShape(request.body);
}

/** Whether a Content-Type names JSON (`application/json`, parameters and case aside). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
}

function isObject(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/** Walks the parsed body without recursion, so no body can overflow the stack here. */
export function assertJsonShape(body: unknown): void {
  const errors: FieldError[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value: body, path: '', depth: 0 },
  ];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
      errors.push({ path: path || '(body)', message: 'text must be valid Unicode' });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) {
      errors.push({
        path: path || '(body)',
        message: `the body may be nested at most ${MAX_BODY_DEPTH} levels deep`,
      });
      continue;
    }
    if (!Array.isArray(value) && Object.keys(value).length > MAX_OBJECT_FIELDS) {
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
            errors.push({ path: join(path, key), message: `property ${key} should not exist` });
            return [];
          }
          if (LONE_SURROGATE.test(key)) {
            errors.push({ path: path || '(body)', message: 'keys must be valid Unicode' });
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
  if (errors.length > 0) throw invalidFields(errors);
}

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}
