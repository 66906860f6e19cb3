import { Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { problem, ProblemException } from '../../http/problem.js';

/** A diplomat id is a uuid; anything else names no diplomat. */
@Injectable()
export class DiplomatIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new ProblemException(problem('notFound', 'No such diplomat.'));
    return value.toLowerCase();
  }
}
