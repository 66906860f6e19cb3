import { Injectable, type PipeTransform } from '@nestjs/common';
import countries from 'i18n-iso-countries';
import { problem, ProblemException } from '../http/problem.js';
import { codeToUseWithName } from '../http/validation/is-country-code.js';

export interface RelationPair {
  readonly a: string;
  readonly b: string;
}

/** `kr-cu` (either order, any case) → the two states; anything else names no relation. */
@Injectable()
export class RelationPairPipe implements PipeTransform<string, RelationPair> {
  transform(value: string): RelationPair {
    const refusal = (reason: string) =>
      new ProblemException(
        problem(
          'notFound',
          `No relation ${JSON.stringify(value)}: ${reason}. A relation is named by two different ISO 3166-1 alpha-2 codes, such as kr-cu.`,
        ),
      );
    const match = /^([A-Za-z]{2})-([A-Za-z]{2})$/.exec(value);
    if (!match) throw refusal('it is not two codes joined by a hyphen');
    const [a, b] = [match[1].toUpperCase(), match[2].toUpperCase()];
    const unknown = [a, b].filter((code) => !countries.isValid(code));
    if (unknown.length > 0) {
      const instead = unknown.flatMap((code) => {
        const use = codeToUseWithName(code);
        return use === undefined ? [] : [`use ${use} for ${code}`];
      });
      throw refusal(
        `${unknown.join(' and ')} ${unknown.length > 1 ? 'are not assigned codes' : 'is not an assigned code'}${instead.length > 0 ? ` (${instead.join(', ')})` : ''}`,
      );
    }
    if (a === b) throw refusal('a state has no relation with itself');
    return { a, b };
  }
}
