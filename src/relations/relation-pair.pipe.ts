import { Injectable, type PipeTransform } from '@nestjs/common';
import countries from 'i18n-iso-countries';
import { problem, ProblemException } from '../http/problem.js';

export interface RelationPair {
  readonly a: string;
  readonly b: string;
}

/** `kr-cu` (either order, any case) → the two states; anything else names no relation. */
@Injectable()
export class RelationPairPipe implements PipeTransform<string, RelationPair> {
  transform(value: string): RelationPair {
    const match = /^([A-Za-z]{2})-([A-Za-z]{2})$/.exec(value);
    const [a, b] = match ? [match[1].toUpperCase(), match[2].toUpperCase()] : [];
    if (!a || !b || a === b || !countries.isValid(a) || !countries.isValid(b)) {
      throw new ProblemException(
        problem(
          'notFound',
          'A relation is named by two different ISO 3166-1 alpha-2 codes: kr-cu.',
        ),
      );
    }
    return { a, b };
  }
}
