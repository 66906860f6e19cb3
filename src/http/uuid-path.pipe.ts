import type { PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { asciiLowerCase } from '../shared/ascii-lower-case.js';
import { problem, ProblemException } from './problem.js';

/**
 * A path segment naming something by uuid, in either ASCII case (RFC 9562 compares them without
 * it), as the lower-case id the service stores; anything else names nothing: the refusal its
 * route gives something it does not know (a read's 404 `not-found`, a command's domain rule).
 */
export abstract class UuidPathPipe implements PipeTransform<string, string> {
  protected constructor(private readonly refusal: () => Error) {}

  transform(value: string): string {
    if (!isUUID(value)) throw this.refusal();
    return asciiLowerCase(value);
  }
}

/** A read's answer for something it does not know: 404 `not-found`. */
export function noSuch(what: string): () => Error {
  return () => new ProblemException(problem('notFound', `No such ${what}.`));
}
