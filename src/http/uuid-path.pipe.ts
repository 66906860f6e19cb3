import type { PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { asciiLowerCase } from '../shared/ascii-lower-case.js';
import { problem, ProblemException } from './problem.js';

/**
 * A path segment naming something by uuid, in either ASCII case (RFC 9562 compares them without
 * it), as the lower-case id the service stores; anything else names nothing: a 404.
 */
export abstract class UuidPathPipe implements PipeTransform<string, string> {
  protected constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!isUUID(value)) throw new ProblemException(problem('notFound', `No such ${this.what}.`));
    return asciiLowerCase(value);
  }
}
